package dev.ponte.app;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ponte.core.files.OwnerOnly;
import dev.ponte.ui.common.UiSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes {@link UiSettings} as JSON. Reading is tolerant field by field: a field of the wrong type or
 * holding null falls back to its default and the rest is kept; a file that cannot be used at all (not JSON, not an
 * object, empty, huge) is moved aside as {@code settings.json.bad-<time>} and Ponte starts with defaults. Writing
 * goes to a new owner-only file with a unique name in the same folder, flushed to disk, then moved over the old one
 * in one step: a crash never loses the settings.
 */
public final class SettingsStore {
    private static final Logger LOG = LoggerFactory.getLogger(SettingsStore.class);
    /** A settings file is a few kilobytes; anything this big is not one. */
    static final long MAX_BYTES = 4L * 1024 * 1024;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final Path file;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .enable(SerializationFeature.INDENT_OUTPUT);

    public SettingsStore(Path file) {
        this(file, Clock.systemDefaultZone());
    }

    SettingsStore(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    /** The saved settings, or defaults where there are none or they cannot be used (logged; a bad file is kept aside). */
    public UiSettings load() {
        JsonNode root;
        try {
            if (Files.size(file) > MAX_BYTES) {
                return setAside("it is larger than " + MAX_BYTES / (1024 * 1024) + " MB");
            }
            root = json.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return new UiSettings();
        } catch (JsonProcessingException e) {
            // Where, not what: the parser's message quotes the text, which may hold a secret.
            JsonLocation at = e.getLocation();
            return setAside("it is not valid JSON" + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        } catch (IOException e) {
            return setAside("it cannot be read (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
        if (root == null || root.isMissingNode()) {
            return setAside("it is empty");
        }
        if (!(root instanceof ObjectNode object)) {
            return setAside("it holds " + root.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + ", not an object");
        }
        UiSettings settings = new UiSettings();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getValue().isNull()) {
                continue; // null means "not set": the default stays
            }
            ObjectNode one = json.createObjectNode().set(field.getKey(), field.getValue());
            try {
                json.readerForUpdating(settings).readValue(one);
            } catch (IOException | RuntimeException e) {
                // Never the value: it may be a registry password or a path the user considers private.
                LOG.warn("Setting '{}' in {} is ignored: it is not {}; the default is used", field.getKey(), file,
                        expected(e));
            }
        }
        settings.repair().forEach(fix -> LOG.warn("Settings {}: {}", file, fix));
        return settings;
    }

    public void save(UiSettings settings) {
        try {
            OwnerOnly.folder(file.getParent());
            OwnerOnly.replace(file, json.writeValueAsBytes(settings));
        } catch (IOException e) {
            LOG.warn("Could not save settings to {}: {}", file, e.getMessage());
        }
    }

    /** Moves an unusable file aside (it may be the user's only copy of something) and starts with defaults. */
    private UiSettings setAside(String why) {
        String base = file.getFileName() + ".bad-" + STAMP.format(clock.instant().atZone(clock.getZone()));
        Path aside = file.resolveSibling(base);
        for (int n = 2; Files.exists(aside, LinkOption.NOFOLLOW_LINKS); n++) {
            aside = file.resolveSibling(base + "-" + n);
        }
        try {
            Files.move(file, aside);
            LOG.warn("Settings file {} cannot be used: {}. Ponte starts with default settings; the file was moved to {}",
                    file, why, aside);
        } catch (IOException e) {
            LOG.warn("Settings file {} cannot be used: {}. Ponte starts with default settings; moving it aside failed ({})",
                    file, why, e.getMessage());
        }
        return new UiSettings();
    }

    private static String expected(Throwable e) {
        if (e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException m && m.getTargetType() != null) {
            Class<?> t = m.getTargetType();
            if (t.isArray() || java.util.Collection.class.isAssignableFrom(t)) {
                return "a list";
            }
            if (Map.class.isAssignableFrom(t) || t.isRecord()) {
                return "an object of the right shape";
            }
            if (t.isEnum()) {
                return "one of " + java.util.Arrays.toString(t.getEnumConstants());
            }
            return "a " + t.getSimpleName().toLowerCase(java.util.Locale.ROOT);
        }
        return "a usable value";
    }
}
