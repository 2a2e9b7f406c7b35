package dev.ponte.docker;

/**
 * Run on Docker Engine. Docker's embedded DNS serves user networks: resolv.conf shows 127.0.0.11 and the
 * configured server (HostConfig.Dns) is where it forwards. Cargo runs privileged only where root keeps every
 * capability; elsewhere Ponte's unprivileged Cargo spec carries the gateway step.
 */
class RunOnDockerTest extends RunContractTest {

    @Override
    EngineTestSupport.Engine which() {
        return EngineTestSupport.Engine.DOCKER;
    }

    @Override
    String nameserverInResolvConf() {
        return "127.0.0.11";
    }

    @Override
    boolean reportsNetworkEvents() {
        return true;
    }

    @Override
    boolean upstreamCargo() {
        return EngineTestSupport.hostAllowsAllCaps();
    }
}
