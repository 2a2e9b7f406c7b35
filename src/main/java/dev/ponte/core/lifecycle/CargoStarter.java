package dev.ponte.core.lifecycle;

import dev.ponte.core.gefyra.CargoLabels;
import dev.ponte.core.gefyra.CargoSpec;
import dev.ponte.core.gefyra.Gefyra;
import dev.ponte.core.gefyra.GefyraClient;
import dev.ponte.core.gefyra.WireGuardConfig;
import dev.ponte.core.port.ContainerEngine;
import dev.ponte.core.task.CancellationToken;
import dev.ponte.core.task.Poll;
import dev.ponte.core.task.PonteException;
import dev.ponte.core.task.Problem;
import dev.ponte.core.task.Steps;
import java.nio.file.Files;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes Cargo's WireGuard config, starts Cargo on the connection network at {@code .149}, waits
 * for the first handshake with Stowaway and proves the tunnel: Stowaway answers a ping (upstream's
 * probe) and its DNS resolves a cluster name.
 */
final class CargoStarter {
    private static final Logger LOG = LoggerFactory.getLogger(CargoStarter.class);
    /** The interface wg-quick makes from /config/wg0.conf. */
    static final String INTERFACE = "wg0";
    static final String CLUSTER_NAME = "kubernetes.default.svc.cluster.local";
    private static final Duration EXEC_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration POLL = Duration.ofMillis(250);
    /** The exit code a check's try gets when it ran too long (timeout(1)'s own). */
    static final int TIMED_OUT = 124;

    private final ConnectionRequest request;
    private final ContainerEngine engine;
    private final FileLog files;

    CargoStarter(ConnectionRequest request, ContainerEngine engine, FileLog files) {
        this.request = request;
        this.engine = engine;
        this.files = files;
    }

    void start(Steps steps, String cargoStep, String handshakeStep, String proveStep, GefyraClient active,
               String subnet, Rollback rollback, CancellationToken cancel) throws Exception {
        String cargo = request.cargoName();
        steps.run(cargoStep, step -> {
            WireGuardConfig config = WireGuardConfig.of(active, request.cargoEndpoint(), request.mtu());
            var existing = engine.container(cargo);
            existing.ifPresent(c -> Ownership.checkCargo(c, request));
            files.writing(request.wireGuardConfigFile());
            config.write(request.wireGuardConfigFile());
            rollback.push("delete " + request.wireGuardConfigFile(), () -> {
                Files.deleteIfExists(request.wireGuardConfigFile());
                files.deleted(request.wireGuardConfigFile());
            });
            if (existing.isPresent()) {
                step.detail("replacing the old " + cargo);
                engine.remove(cargo);
            }
            engine.create(cargoSpec(request.privilegedCargo()));
            rollback.push("remove container " + cargo, () -> engine.remove(cargo));
            String ip = Gefyra.cargoIp(subnet);
            engine.connect(request.networkName(), cargo, ip);
            try {
                engine.start(cargo);
            } catch (RuntimeException e) {
                if (!request.privilegedCargo() || !CargoSpec.privilegeRefused(e)) {
                    throw e;
                }
                // Some engines refuse privileged containers ("unable to apply caps"): the unprivileged set works there.
                step.detail("the engine refused a privileged container; using NET_ADMIN, SYS_ADMIN and /dev/net/tun instead");
                engine.remove(cargo);
                engine.create(cargoSpec(false));
                engine.connect(request.networkName(), cargo, ip);
                engine.start(cargo);
            }
            return cargo + " at " + ip + ", endpoint " + request.cargoEndpoint();
        });
        steps.run(handshakeStep, step -> {
            long at = Poll.until("a WireGuard handshake with Stowaway", this::latestHandshake,
                    request.stepTimeout(), POLL, cancel);
            return "handshake at " + java.time.Instant.ofEpochSecond(at);
        });
        steps.run(proveStep, step -> {
            try {
                Poll.until("Stowaway (" + Gefyra.STOWAWAY_IP + ") to answer through the tunnel",
                        () -> check("timeout", "1", "ping", "-c", "1", Gefyra.STOWAWAY_IP).exitCode() == 0 ? Boolean.TRUE : null,
                        request.stepTimeout(), POLL, cancel);
            } catch (java.util.concurrent.TimeoutException e) {
                ContainerEngine.ExecResult wg = check("wg", "show", INTERFACE);
                logEvidence(cargo, wg);
                // wg-quick removes wg0 again when a step after the handshake fails (routes, DNS, PostUp): say so.
                if (wg.exitCode() != 0) {
                    throw new PonteException(new Problem(
                            Problem.Kind.UNKNOWN, "Cargo's tunnel went away",
                            "The handshake with Stowaway worked, then Cargo's " + INTERFACE + " interface was removed "
                                    + "(wg-quick undoes it when a later step of its start fails).",
                            "Look at Cargo's log (docker logs " + cargo + "), then connect again."), e);
                }
                throw e;
            }
            step.detail(Gefyra.STOWAWAY_IP + " answers; resolving " + CLUSTER_NAME);
            String answer = Poll.until(CLUSTER_NAME + " to resolve through Stowaway's DNS", () -> {
                ContainerEngine.ExecResult r = check("nslookup", CLUSTER_NAME, Gefyra.STOWAWAY_IP);
                return r.exitCode() == 0 ? lastAddress(r.output()) : null;
            }, request.stepTimeout(), POLL, cancel);
            return CLUSTER_NAME + " → " + answer;
        });
    }

    private ContainerEngine.ContainerSpec cargoSpec(boolean privileged) {
        ContainerEngine.ContainerSpec s = privileged
                ? CargoSpec.upstream(request.connectionName(), request.images().cargo(), request.wireGuardConfigFile(),
                        request.engineSocketPath(), request.kubeconfigPath(), request.context(), request.cargoEndpoint(),
                        request.clientId())
                : CargoSpec.unprivileged(request.connectionName(), request.images().cargo(), request.wireGuardConfigFile(),
                        request.engineSocketPath(), request.kubeconfigPath(), request.context(), request.cargoEndpoint(),
                        request.clientId());
        java.util.Map<String, String> labels = new java.util.LinkedHashMap<>(s.labels());
        labels.put(CargoLabels.MANAGED_BY, CargoLabels.PONTE);
        return new ContainerEngine.ContainerSpec(s.name(), s.image(), labels, s.mounts(), s.privileged(), s.capAdd(),
                s.pidHost(), s.securityOpts(), s.devices(), s.network(), s.env(), s.command());
    }

    /**
     * What Cargo shows when Stowaway did not answer after a handshake, into Ponte's log before the rollback removes the
     * container: its interface as {@code wg show} sees it (keys are not printed: public keys only, and the log redacts)
     * and its log's last lines (wg-quick's commands and errors). A log that cannot be read is noted, never thrown.
     */
    private void logEvidence(String cargo, ContainerEngine.ExecResult wg) {
        String log;
        try {
            log = engine.logs(cargo, 40).strip();
        } catch (RuntimeException e) {
            log = "(could not be read: " + e.getMessage() + ")";
        }
        LOG.warn("{}: Stowaway did not answer after the handshake. wg show {}:\n{}\nlast lines of its log:\n{}", cargo,
                INTERFACE, wg.output().strip(), log);
    }

    /** Epoch seconds of the latest handshake, or null while there was none. */
    private Long latestHandshake() {
        ContainerEngine.ExecResult r = check("wg", "show", INTERFACE, "latest-handshakes");
        if (r.exitCode() != 0) {
            return null;
        }
        for (String line : r.output().split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 2 && f[1].matches("\\d+") && Long.parseLong(f[1]) > 0) {
                return Long.parseLong(f[1]);
            }
        }
        return null;
    }

    /**
     * One try of a check the steps poll (handshake, ping, DNS). A try that runs longer than {@link #EXEC_TIMEOUT}
     * (a busy machine: the engine's exec, or nslookup's own wait for an answer) is a "not yet", like a failed one: the
     * step polls on until its own deadline instead of failing the connect at the first slow try.
     */
    private ContainerEngine.ExecResult check(String... command) {
        try {
            return engine.exec(request.cargoName(), EXEC_TIMEOUT, command);
        } catch (PonteException e) {
            if (e.problem().kind() != Problem.Kind.TIMEOUT) {
                throw e;
            }
            LOG.debug("`{}` in {} ran longer than {}: trying again", command[0], request.cargoName(), EXEC_TIMEOUT);
            return new ContainerEngine.ExecResult(TIMED_OUT, "");
        }
    }

    /** The last "Address: x" of an nslookup answer (the first is the server's). */
    static String lastAddress(String nslookup) {
        String found = null;
        for (String line : nslookup.split("\n")) {
            String l = line.trim();
            if (l.startsWith("Address")) {
                String v = l.substring(l.indexOf(':') + 1).trim();
                found = v.contains(" ") ? v.substring(0, v.indexOf(' ')) : v;
            }
        }
        return found == null ? "resolved" : found;
    }
}
