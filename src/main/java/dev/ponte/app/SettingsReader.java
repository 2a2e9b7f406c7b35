package dev.ponte.app;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.ponte.ui.common.UiSettings;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Reads the settings file with jackson-core's streaming parser alone, field by field into {@link UiSettings}, with
 * what Jackson's data binding did (and accepted) before: a field of the wrong shape is reported and keeps its default,
 * null means "not set", unknown fields are skipped, texts also come as numbers or booleans, numbers also as texts.
 * Data binding's set-up is ~400 classes and ~0.2 s of CPU on the way to the first frame, beside the toolkit's start
 * on a machine with two cores; this reader is a few classes. Writing still goes through data binding (after the
 * first frame).
 */
final class SettingsReader {
    private static final JsonFactory JSON = new JsonFactory();

    /** Why a field was not used: what it should have been ("a list", "a boolean"…); never the value. */
    static final class Mismatch extends Exception {
        Mismatch(String expected) {
            super(expected, null, false, false);
        }
    }

    private SettingsReader() {
    }

    /**
     * The whole document as maps, lists and scalars (null for JSON's null), or null for an empty one.
     *
     * @throws com.fasterxml.jackson.core.JsonProcessingException when it is not JSON (with its location)
     */
    static Object tree(byte[] bytes) throws IOException {
        try (JsonParser p = JSON.createParser(bytes)) {
            JsonToken t = p.nextToken();
            return t == null ? Empty.EMPTY : value(p, t);
        }
    }

    /** An empty document (JSON's null is Java's null). */
    enum Empty { EMPTY }

    private static Object value(JsonParser p, JsonToken t) throws IOException {
        return switch (t) {
            case START_OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                for (JsonToken f = p.nextToken(); f == JsonToken.FIELD_NAME; f = p.nextToken()) {
                    String name = p.currentName();
                    map.put(name, value(p, p.nextToken()));
                }
                yield map;
            }
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
                    list.add(value(p, e));
                }
                yield list;
            }
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_INT -> p.getNumberValue();
            case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new IOException("unexpected " + t);
        };
    }

    /**
     * Sets every usable field of {@code object} on a new {@link UiSettings}; each unusable one goes to
     * {@code ignored} as (name, what it should have been) and keeps its default.
     */
    static UiSettings settings(Map<String, Object> object, BiConsumer<String, String> ignored) {
        UiSettings s = new UiSettings();
        for (Map.Entry<String, Object> field : object.entrySet()) {
            Object v = field.getValue();
            if (v == null) {
                continue; // null means "not set": the default stays
            }
            try {
                switch (field.getKey()) {
                    case "theme" -> s.theme = theme(v);
                    case "window" -> s.window = window(v);
                    case "dividers" -> s.dividers = map(v, SettingsReader::fractions);
                    case "lastContext" -> s.lastContext = text(v);
                    case "lastNamespace" -> s.lastNamespace = map(v, SettingsReader::text);
                    case "favouriteNamespaces" -> s.favouriteNamespaces = map(v, SettingsReader::texts);
                    case "extraKubeconfigs" -> s.extraKubeconfigs = texts(v);
                    case "gefyraRegistry" -> s.gefyraRegistry = text(v);
                    case "operatorImage" -> s.operatorImage = text(v);
                    case "stowawayImage" -> s.stowawayImage = text(v);
                    case "carrier2Image" -> s.carrier2Image = text(v);
                    case "cargoImage" -> s.cargoImage = text(v);
                    case "engineEndpoint" -> s.engineEndpoint = text(v);
                    case "cargoEndpoint" -> s.cargoEndpoint = text(v);
                    case "cargoEndpoints" -> s.cargoEndpoints = map(v, SettingsReader::text);
                    case "connectionMtus" -> s.connectionMtus = map(v, SettingsReader::integer);
                    case "closeToTray" -> s.closeToTray = bool(v);
                    case "trayHintShown" -> s.trayHintShown = bool(v);
                    default -> {
                        // a field of a newer version
                    }
                }
            } catch (Mismatch m) {
                ignored.accept(field.getKey(), m.getMessage());
            }
        }
        return s;
    }

    /** A reading of one value that may not fit. */
    @FunctionalInterface
    private interface Reading<T> {
        T read(Object v) throws Mismatch;
    }

    /** Entries whose value is null stay null (the repair drops them); any other entry that does not fit fails all. */
    private static <T> Map<String, T> map(Object v, Reading<T> entry) throws Mismatch {
        if (!(v instanceof Map<?, ?> m)) {
            throw new Mismatch("an object of the right shape");
        }
        Map<String, T> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            out.put((String) e.getKey(), e.getValue() == null ? null : entry.read(e.getValue()));
        }
        return out;
    }

    private static List<String> texts(Object v) throws Mismatch {
        if (!(v instanceof List<?> l)) {
            throw new Mismatch("a list");
        }
        List<String> out = new ArrayList<>();
        for (Object o : l) {
            out.add(o == null ? null : text(o));
        }
        return out;
    }

    private static double[] fractions(Object v) throws Mismatch {
        if (!(v instanceof List<?> l)) {
            throw new Mismatch("an object of the right shape");
        }
        double[] out = new double[l.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = number(l.get(i), "an object of the right shape");
        }
        return out;
    }

    /** A text; a number or a boolean as its text, as data binding took them. */
    private static String text(Object v) throws Mismatch {
        if (v instanceof String || v instanceof Number || v instanceof Boolean) {
            return v.toString();
        }
        throw new Mismatch("a string");
    }

    private static boolean bool(Object v) throws Mismatch {
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Integer || v instanceof Long) {
            return ((Number) v).longValue() != 0;
        }
        if (v instanceof String s && (s.equals("true") || s.equals("false"))) {
            return Boolean.parseBoolean(s);
        }
        throw new Mismatch("a boolean");
    }

    private static Integer integer(Object v) throws Mismatch {
        try {
            if (v instanceof Integer i) {
                return i;
            }
            if (v instanceof Double d && d >= Integer.MIN_VALUE && d <= Integer.MAX_VALUE) {
                return d.intValue();
            }
            if (v instanceof String s) {
                return Integer.valueOf(s.trim());
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new Mismatch("an object of the right shape");
    }

    /** A number; null as 0, a numeric text as its number (as data binding read a primitive). */
    private static double number(Object v, String expected) throws Mismatch {
        if (v == null) {
            return 0;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof String s) {
            try {
                return Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                throw new Mismatch(expected);
            }
        }
        throw new Mismatch(expected);
    }

    private static UiSettings.Theme theme(Object v) throws Mismatch {
        UiSettings.Theme[] all = UiSettings.Theme.values();
        if (v instanceof String s) {
            for (UiSettings.Theme t : all) {
                if (t.name().equals(s)) {
                    return t;
                }
            }
        } else if (v instanceof Integer i && i >= 0 && i < all.length) {
            return all[i];
        }
        throw new Mismatch("one of " + java.util.Arrays.toString(all));
    }

    private static UiSettings.WindowGeometry window(Object v) throws Mismatch {
        String expected = "an object of the right shape";
        if (!(v instanceof Map<?, ?> m)) {
            throw new Mismatch(expected);
        }
        Object max = m.get("maximized");
        return new UiSettings.WindowGeometry(number(m.get("x"), expected), number(m.get("y"), expected),
                number(m.get("width"), expected), number(m.get("height"), expected),
                max != null && bool(max));
    }
}
