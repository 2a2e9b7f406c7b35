package dev.ponte.docker;

/**
 * Run on Podman's Docker-compatible API (4.3, netavark + aardvark-dns). A server given as Dns is written into
 * resolv.conf as it is; Podman reports no network connect/disconnect events; Cargo runs exactly as upstream
 * creates it (privileged).
 */
class RunOnPodmanTest extends RunContractTest {

    @Override
    EngineTestSupport.Engine which() {
        return EngineTestSupport.Engine.PODMAN;
    }

    @Override
    String nameserverInResolvConf() {
        return dev.ponte.core.gefyra.Gefyra.STOWAWAY_IP;
    }

    @Override
    boolean reportsNetworkEvents() {
        return false;
    }

    @Override
    boolean upstreamCargo() {
        return true;
    }
}
