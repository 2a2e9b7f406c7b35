package dev.ponte.rig;

import dev.ponte.core.bridge.Carrier2Matching;
import dev.ponte.core.gefyra.MatchRules;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The rig's stand-in for Carrier2 in a bridged workload's pod (the rig has no Carrier2): listens on the Service's
 * address and port in the cluster side's namespace, reads each request's head, and sends the request to the bridge's
 * Stowaway proxy route when the bridge's rules match it, else to the workload's own server (upstream: the shadow
 * Service). The decision uses Ponte's Java copy of Carrier2's matching ({@link Carrier2Matching}), so a rig test with it
 * proves the data path and Ponte's measurement of who answered, not that Carrier2 itself decides the same. Runs as its
 * own JVM inside the namespace ({@link ClusterSide#carrier2}); plain JDK and Ponte's core classes only.
 *
 * <p>Arguments: {@code <listen ip> <listen port> <cluster host:port> <bridge host:port> <rules file>}; the rules file
 * has one match per line: {@code <set> header <exact|prefix|regex> <name> <value>} or {@code <set> path <type> <path>},
 * tab-separated.
 */
public final class Carrier2Standin {
    private Carrier2Standin() {
    }

    public static void main(String[] args) throws IOException {
        MatchRules rules = read(Path.of(args[4]));
        String[] cluster = args[2].split(":");
        String[] bridge = args[3].split(":");
        try (ServerSocket server = new ServerSocket(Integer.parseInt(args[1]), 50, InetAddress.getByName(args[0]))) {
            System.out.println("carrier2-standin listening on " + args[0] + ":" + args[1]);
            while (true) {
                Socket client = server.accept();
                Thread.ofPlatform().daemon().start(() -> serve(client, rules, cluster, bridge));
            }
        }
    }

    static MatchRules read(Path file) throws IOException {
        Map<Integer, List<MatchRules.Match>> sets = new TreeMap<>();
        for (String line : Files.readAllLines(file)) {
            String[] f = line.split("\t");
            if (f.length < 4) {
                continue;
            }
            MatchRules.Type type = MatchRules.Type.valueOf(f[2].toUpperCase(Locale.ROOT));
            MatchRules.Match m = f[1].equals("header") ? new MatchRules.Header(f[3], f.length > 4 ? f[4] : "", type)
                    : new MatchRules.Path(f[3], type);
            sets.computeIfAbsent(Integer.parseInt(f[0]), k -> new ArrayList<>()).add(m);
        }
        return new MatchRules(sets.values().stream().map(MatchRules.RuleSet::new).toList());
    }

    /** The rules in the file format {@link #read} reads. */
    static String write(MatchRules rules) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < rules.sets().size(); i++) {
            for (MatchRules.Match m : rules.sets().get(i).matches()) {
                switch (m) {
                    case MatchRules.Header h -> b.append(i).append("\theader\t").append(h.type()).append('\t').append(h.name())
                            .append('\t').append(h.value()).append('\n');
                    case MatchRules.Path p -> b.append(i).append("\tpath\t").append(p.type()).append('\t').append(p.path()).append('\n');
                }
            }
        }
        return b.toString();
    }

    private static void serve(Socket client, MatchRules rules, String[] cluster, String[] bridge) {
        try (client) {
            InputStream in = client.getInputStream();
            byte[] head = readHead(in);
            String[] lines = new String(head, StandardCharsets.ISO_8859_1).split("\r\n");
            String path = lines[0].split(" ").length > 1 ? lines[0].split(" ")[1] : "/";
            List<Map.Entry<String, String>> headers = new ArrayList<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.add(new AbstractMap.SimpleEntry<>(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                            lines[i].substring(colon + 1).trim()));
                }
            }
            String[] to = Carrier2Matching.matches(rules, path, headers) ? bridge : cluster;
            try (Socket upstream = new Socket(to[0], Integer.parseInt(to[1]))) {
                upstream.getOutputStream().write(head);
                upstream.getOutputStream().flush();
                // the rest of the request (a body) goes up on its own thread, the answer comes down on this one
                Thread.ofPlatform().daemon().start(() -> {
                    try {
                        in.transferTo(upstream.getOutputStream());
                        upstream.shutdownOutput();
                    } catch (IOException e) {
                        // the upstream or the client closed: the answer side ends the exchange
                    }
                });
                upstream.getInputStream().transferTo(client.getOutputStream());
            }
        } catch (IOException e) {
            System.out.println("carrier2-standin: " + e);
        }
    }

    private static byte[] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int state = 0;
        while (out.size() < 65_536) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            out.write(c);
            state = (c == '\r' && (state == 0 || state == 2)) ? state + 1 : (c == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
            if (state == 4) {
                break;
            }
        }
        return out.toByteArray();
    }
}
