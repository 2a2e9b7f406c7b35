package dev.ponte.core.lifecycle;

import dev.ponte.core.gefyra.CargoLabels;
import dev.ponte.core.port.ContainerEngine;
import dev.ponte.core.task.PonteException;
import dev.ponte.core.task.Problem;
import java.util.Map;

/**
 * Before Connect reuses or replaces a container or network that carries this connection's name, it checks by the
 * object's labels that it belongs to this connection: a Cargo or network of another context or connection (or a
 * container that is no Cargo at all) is never taken over or removed.
 */
final class Ownership {
    private Ownership() {
    }

    static void checkCargo(ContainerEngine.Container c, ConnectionRequest request) {
        Map<String, String> l = c.labels();
        if (!CargoLabels.ROLE_CARGO.equals(l.get(CargoLabels.ROLE))) {
            throw refused("A container named " + c.name() + " exists and is not a Gefyra Cargo container",
                    "Ponte would have to remove it to connect context '" + request.context() + "', and it does not remove "
                            + "containers it did not make.",
                    "Rename or remove that container (docker rm -f " + c.name() + ") if you no longer need it, then connect again.");
        }
        checkOwner("Cargo container " + c.name(), l, request);
    }

    static void checkNetwork(ContainerEngine.Network n, ConnectionRequest request) {
        if (!"true".equals(n.labels().get(CargoLabels.CREATED_BY))) {
            throw refused("A network named " + n.name() + " exists and was not made by Gefyra",
                    "Ponte would reuse it for context '" + request.context() + "', but it has no Gefyra label.",
                    "Remove that network (docker network rm " + n.name() + ") if you no longer need it, then connect again.");
        }
        checkOwner("network " + n.name(), n.labels(), request);
    }

    private static void checkOwner(String what, Map<String, String> l, ConnectionRequest request) {
        String context = l.get(CargoLabels.CONTEXT);
        String connection = l.get(CargoLabels.CONNECTION);
        if ((context != null && !context.equals(request.context()))
                || (connection != null && !connection.equals(request.connectionName()))) {
            throw refused("The " + what + " belongs to another connection",
                    "It is labelled for context '" + (context == null ? "?" : context) + "'"
                            + (connection == null ? "" : " (connection " + connection + ")") + ", not for '"
                            + request.context() + "'.",
                    "Disconnect that connection first, or remove its leftovers with Clean up; Ponte does not take over "
                            + "another connection's parts.");
        }
    }

    private static PonteException refused(String title, String detail, String advice) {
        return new PonteException(new Problem(Problem.Kind.REFUSED, title, detail, advice));
    }
}
