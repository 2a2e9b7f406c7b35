package dev.ponte.ui.tray.dbus;

import dev.ponte.ui.tray.TrayMenu;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.freedesktop.dbus.types.Variant;

/**
 * One revision of the tray menu as {@code com.canonical.dbusmenu} items: each entry of the {@link TrayMenu} model
 * gets an integer id and its properties. Ids stay the same across revisions for an entry at the same place with the
 * same title, so a click that raced a rebuild still reaches the entry the user saw; an id whose entry is gone finds
 * nothing and is ignored. Immutable.
 */
final class MenuExport {
    static final int ROOT = 0;
    private final Map<Integer, Node> nodes;
    private final String fingerprint;

    /** An entry with its id, properties, children (submenus; the root) and the model item (null for the root). */
    record Node(int id, Map<String, Variant<?>> properties, List<Integer> children, TrayMenu.Item item) {
    }

    private MenuExport(Map<Integer, Node> nodes, String fingerprint) {
        this.nodes = nodes;
        this.fingerprint = fingerprint;
    }

    /** The export of {@code items}, reusing ids of {@code before} (null: none) for unchanged entries. */
    static MenuExport of(List<TrayMenu.Item> items, MenuExport before) {
        Map<String, Integer> oldIds = before == null ? Map.of() : before.idsByKey();
        int[] next = {before == null ? 1 : before.maxId() + 1};
        Map<Integer, Node> nodes = new LinkedHashMap<>();
        StringBuilder fp = new StringBuilder();
        List<Integer> top = add(items, "", nodes, oldIds, next, fp);
        Map<String, Variant<?>> rootProps = new LinkedHashMap<>();
        rootProps.put("children-display", new Variant<>("submenu"));
        nodes.put(ROOT, new Node(ROOT, rootProps, top, null));
        return new MenuExport(nodes, fp.toString());
    }

    private static List<Integer> add(List<TrayMenu.Item> items, String parentKey, Map<Integer, Node> nodes,
                                     Map<String, Integer> oldIds, int[] next, StringBuilder fp) {
        List<Integer> ids = new ArrayList<>();
        int position = 0;
        for (TrayMenu.Item item : items) {
            String key = parentKey + "/" + position++ + ":" + title(item);
            Integer known = oldIds.get(key);
            int id = known != null ? known : next[0]++;
            Map<String, Variant<?>> p = new LinkedHashMap<>();
            List<Integer> children = List.of();
            switch (item) {
                case TrayMenu.Action a -> {
                    p.put("label", new Variant<>(label(a.title())));
                    p.put("enabled", new Variant<>(a.enabled()));
                    fp.append("A").append(a.enabled()).append(a.title());
                }
                case TrayMenu.Label l -> {
                    p.put("label", new Variant<>(label(l.text())));
                    p.put("enabled", new Variant<>(false));
                    fp.append("L").append(l.text());
                }
                case TrayMenu.Toggle t -> {
                    p.put("label", new Variant<>(label(t.title())));
                    p.put("toggle-type", new Variant<>("checkmark"));
                    p.put("toggle-state", new Variant<>(t.selected() ? 1 : 0));
                    fp.append("T").append(t.selected()).append(t.title());
                }
                case TrayMenu.Submenu s -> {
                    p.put("label", new Variant<>(label(s.title())));
                    p.put("children-display", new Variant<>("submenu"));
                    fp.append("S").append(s.title()).append('[');
                    children = add(s.items(), key, nodes, oldIds, next, fp);
                    fp.append(']');
                }
                case TrayMenu.Separator ignored -> {
                    p.put("type", new Variant<>("separator"));
                    fp.append('-');
                }
            }
            fp.append('\n');
            nodes.put(id, new Node(id, p, children, item));
            ids.add(id);
        }
        return ids;
    }

    private static String title(TrayMenu.Item item) {
        return switch (item) {
            case TrayMenu.Action a -> "A" + a.title();
            case TrayMenu.Label l -> "L" + l.text();
            case TrayMenu.Toggle t -> "T" + t.title();
            case TrayMenu.Submenu s -> "S" + s.title();
            case TrayMenu.Separator ignored -> "-";
        };
    }

    /** dbusmenu labels treat "_" as the access-key marker; a literal one is "__" (context names have them). */
    static String label(String text) {
        return text.replace("_", "__");
    }

    private Map<String, Integer> idsByKey() {
        Map<String, Integer> out = new HashMap<>();
        collectKeys(ROOT, "", out);
        return out;
    }

    private void collectKeys(int parent, String parentKey, Map<String, Integer> out) {
        int position = 0;
        for (int id : nodes.get(parent).children()) {
            Node n = nodes.get(id);
            String key = parentKey + "/" + position++ + ":" + title(n.item());
            out.put(key, id);
            if (!n.children().isEmpty()) {
                collectKeys(id, key, out);
            }
        }
    }

    private int maxId() {
        return nodes.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    Node node(int id) {
        return nodes.get(id);
    }

    Set<Integer> ids() {
        return nodes.keySet();
    }

    /** What the menu shows (not its callbacks): equal fingerprints need no new revision. */
    String fingerprint() {
        return fingerprint;
    }

    /** The layout under {@code id}, {@code depth} levels deep (-1 all), with the named properties (empty: all). */
    DbusMenuBus.MenuLayout layout(int id, int depth, List<String> names) {
        Node n = nodes.get(id);
        List<Variant<?>> children = new ArrayList<>();
        if (depth != 0) {
            for (int child : n.children()) {
                children.add(new Variant<>(layout(child, depth < 0 ? -1 : depth - 1, names), DbusMenuBus.MenuLayout.SIGNATURE));
            }
        }
        return new DbusMenuBus.MenuLayout(id, properties(n, names), children);
    }

    static Map<String, Variant<?>> properties(Node n, List<String> names) {
        if (names == null || names.isEmpty()) {
            return n.properties();
        }
        Map<String, Variant<?>> out = new LinkedHashMap<>();
        n.properties().forEach((k, v) -> {
            if (names.contains(k)) {
                out.put(k, v);
            }
        });
        return out;
    }
}
