package dev.ponte.app;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ponte.core.files.OwnerOnly;
import dev.ponte.ui.common.UiSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes {@link UiSettings} as JSON. Reading ({@link SettingsReader}: jackson-core's parser, not data
 * binding, whose set-up would be on the way to the first frame) is tolerant field by field: a field of the wrong type or
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
    /** Data binding for writing only, set up at the first save (after the first frame). */
    private static final class Writer {
        static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    public SettingsStore(Path file) {
        this(file, Clock.systemDefaultZone());
    }

    SettingsStore(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    /** The saved settings, or defaults where there are none or they cannot be used (logged; a bad file is kept aside). */
    public UiSettings load() {
        Object root;
        try {
            if (Files.size(file) > MAX_BYTES) {
                return setAside("it is larger than " + MAX_BYTES / (1024 * 1024) + " MB");
            }
            root = SettingsReader.tree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return new UiSettings();
        } catch (JsonProcessingException e) {
            // Where, not what: the parser's message quotes the text, which may hold a secret.
            JsonLocation at = e.getLocation();
            return setAside("it is not valid JSON" + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        } catch (IOException e) {
            return setAside("it cannot be read (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
        if (root == SettingsReader.Empty.EMPTY) {
            return setAside("it is empty");
        }
        if (!(root instanceof Map<?, ?> object)) {
            return setAside("it holds " + kind(root) + ", not an object");
        }
        @SuppressWarnings("unchecked")
        UiSettings settings = SettingsReader.settings((Map<String, Object>) object, (name, expected) ->
                // Never the value: it may be a registry password or a path the user considers private.
                LOG.warn("Setting '{}' in {} is ignored: it is not {}; the default is used", name, file, expected));
        settings.repair().forEach(fix -> LOG.warn("Settings {}: {}", file, fix));
        return settings;
    }

    public void save(UiSettings settings) {
        try {
            OwnerOnly.folder(file.getParent());
            OwnerOnly.replace(file, Writer.JSON.writeValueAsBytes(settings));
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

    /** What a document holds instead of an object, as data binding's node types named it. */
    private static String kind(Object root) {
        if (root == null) {
            return "null";
        }
        if (root instanceof List<?>) {
            return "array";
        }
        if (root instanceof String) {
            return "string";
        }
        if (root instanceof Boolean) {
            return "boolean";
        }
        return "number";
    }
}
