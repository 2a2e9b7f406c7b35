package dev.ponte.core.lifecycle;

import dev.ponte.core.gefyra.CargoLabels;
import dev.ponte.core.port.ContainerEngine;
import dev.ponte.core.task.Steps;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gives the connection network upstream's MTU option ({@code com.docker.network.driver.mtu}, shared/gefyra-protocol.md
 * 5.1) when it has another one. An engine cannot change a network's options, so the network is made anew on the same
 * subnet with the same labels: the old Cargo goes first, the containers Gefyra ran on it are disconnected and, once the
 * new network stands, connected again at the same addresses (their new interfaces get the new MTU). Their route
 * through Cargo is set again after the new Cargo is up ({@code Reattach}).
 */
final class NetworkMtu {
    private final ConnectionRequest request;
    private final ContainerEngine engine;

    NetworkMtu(ConnectionRequest request, ContainerEngine engine) {
        this.request = request;
        this.engine = engine;
    }

    /** @return the containers that were on the network (to route through Cargo again) */
    List<String> apply(Steps steps, String stepName, String subnet) throws Exception {
        List<String> apps = new ArrayList<>();
        steps.run(stepName, step -> {
            String network = request.networkName();
            String wanted = String.valueOf(request.mtu().getAsInt());
            Map<String, String> ips = new LinkedHashMap<>();
            for (ContainerEngine.Container c : engine.containers(Map.of(CargoLabels.CREATED_BY, "true"))) {
                String ip = c.ips().get(network);
                if (ip != null && !c.name().equals(request.cargoName())) {
                    ips.put(c.name(), ip);
                }
            }
            apps.addAll(ips.keySet());
            if (wanted.equals(engine.networkOptions(network).get(ConnectionRequest.NETWORK_MTU_OPTION))) {
                return network + " already has MTU " + wanted;
            }
            Map<String, String> labels = engine.network(network).map(ContainerEngine.Network::labels).orElse(Map.of());
            step.detail("removing the old Cargo and disconnecting " + ips.size() + " container(s)");
            engine.remove(request.cargoName());
            for (String app : ips.keySet()) {
                engine.disconnect(network, app);
            }
            engine.removeNetwork(network);
            engine.createNetwork(network, subnet, labels, request.networkOptions());
            for (Map.Entry<String, String> e : ips.entrySet()) {
                engine.connect(network, e.getKey(), e.getValue());
            }
            return network + " on " + subnet + " with MTU " + wanted + (ips.isEmpty() ? "" : "; " + String.join(", ", ips.keySet())
                    + " connected again at the same addresses");
        });
        return apps;
    }
}
