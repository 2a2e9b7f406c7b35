package dev.ponte.docker;

import dev.ponte.core.task.Problem;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Engine answers a user meets when running a container, recognised by the engine's words (Docker and
 * Podman answer the same failure with different statuses: a taken name is 409 on Docker, 500 on Podman),
 * each turned into a {@link Problem} that names the thing and the next step. Pure.
 */
final class RunErrors {
    /** Docker: "No such image: x"; Podman: "no such image: x: image not known". */
    private static final Pattern NO_SUCH_IMAGE = Pattern.compile("(?i)no such image:\\s*(\\S+?)(?::\\s*image not known)?\\s*$");
    /** Docker: {@code The container name "/x" is already in use ...}; Podman: {@code the container name "x" is already in use ...}. */
    private static final Pattern NAME_TAKEN = Pattern.compile("(?i)container name \"/?([^\"]+)\" is already in use");
    private static final Pattern INVALID_REFERENCE = Pattern.compile("(?i)invalid reference format(?::\\s*(.*))?");
    /** Docker: "Bind for 0.0.0.0:8080 failed: port is already allocated"; Podman: "listen tcp4 :8080: bind: address already in use". */
    private static final Pattern PORT_ALLOCATED = Pattern.compile("(?i)bind for (\\S*):(\\d+) failed: port is already allocated");
    private static final Pattern PORT_IN_USE = Pattern.compile("(?i)listen (?:tcp|udp|sctp)[46]? (\\S*):(\\d+): bind: address already in use");
    /** Docker (at start): "network x not found"; Podman (at create): "unable to find network with name or ID x: network not found". */
    private static final Pattern NETWORK_GONE = Pattern.compile(
            "(?i)(?:unable to find network with name or ID (\\S+): network not found|network (\\S+) not found)");

    private RunErrors() {
    }

    /**
     * @param said     the engine's own message
     * @param detail   what Ponte tried and what the engine answered, kept as the problem's detail
     * @param endpoint the engine's address, to name the product in advice
     * @return the problem, or null when {@code said} is none of these
     */
    static Problem recognise(String said, String detail, String endpoint) {
        Matcher m = NAME_TAKEN.matcher(said);
        if (m.find()) {
            String name = m.group(1);
            return new Problem(Problem.Kind.REFUSED, "A container named " + name + " exists", detail,
                    "Pick another name, or remove the existing container " + name + " (Local containers → Remove, or `"
                            + cli(endpoint) + " rm -f " + name + "`), then run again.");
        }
        m = NO_SUCH_IMAGE.matcher(said);
        if (m.find()) {
            String image = m.group(1);
            return new Problem(Problem.Kind.NOT_FOUND, "Image " + image + " is not on this machine", detail,
                    "Ponte runs local images only: pull it (`" + cli(endpoint) + " pull " + image + "`) or build it (`"
                            + cli(endpoint) + " build -t " + image + " .`), then run again.");
        }
        m = INVALID_REFERENCE.matcher(said);
        if (m.find()) {
            String why = m.group(1) == null || m.group(1).isBlank() ? "" : " (" + m.group(1).strip() + ")";
            return new Problem(Problem.Kind.REFUSED, "The image reference is not valid" + why, detail,
                    "Write it as [registry/]repository[:tag][@digest]: the repository in lowercase, the tag after ':',"
                            + " e.g. ghcr.io/team/app:dev.");
        }
        m = PORT_ALLOCATED.matcher(said);
        if (!m.find()) {
            m = PORT_IN_USE.matcher(said);
            if (!m.find()) {
                m = null;
            }
        }
        if (m != null) {
            String port = m.group(2);
            String address = m.group(1).isEmpty() || "0.0.0.0".equals(m.group(1)) ? "" : " on " + m.group(1);
            return new Problem(Problem.Kind.REFUSED, "Port " + port + " is already in use", detail,
                    "Host port " + port + address + " is taken by another container or program: publish to another host port,"
                            + " or stop what uses it, then run again.");
        }
        m = NETWORK_GONE.matcher(said);
        if (m.find()) {
            String network = m.group(1) != null ? m.group(1) : m.group(2);
            return new Problem(Problem.Kind.NOT_FOUND, "The network " + network + " does not exist", detail,
                    "The connection's network was removed: connect the cluster again (it recreates the network), then run again.");
        }
        return null;
    }

    /** The command-line tool that goes with the engine. */
    private static String cli(String endpoint) {
        return "Podman".equals(EngineErrors.product(endpoint)) ? "podman" : "docker";
    }
}
