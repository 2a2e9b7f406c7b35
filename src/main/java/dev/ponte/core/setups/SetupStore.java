package dev.ponte.core.setups;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ponte.core.files.OwnerOnly;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where setups live: {@code setups.json} in Ponte's state folder, owner-only, replaced atomically and synced on every
 * change (no secret inside — see {@link Setup}). Besides the setups it keeps the run specs of the last containers Run
 * started (secret values already dropped), so "Save as setup…" knows what a running container was started with.
 * A file that cannot be read is moved aside and Ponte starts without setups. Thread-safe.
 */
public final class SetupStore {
    private static final Logger LOG = LoggerFactory.getLogger(SetupStore.class);
    static final int RECENT_RUNS = 50;
    private final Path file;
    private final SetupJson json = new SetupJson();
    private final Map<String, Setup> setups = new LinkedHashMap<>();
    /** connection/container → the run spec it was started with. */
    private final Map<String, Setup.Run> recentRuns = new LinkedHashMap<>();

    private SetupStore(Path file) {
        this.file = file;
    }

    /** The store in {@code file} (read now; created on the first change). */
    public static SetupStore open(Path file) {
        SetupStore s = new SetupStore(file);
        s.load();
        return s;
    }

    /** A store that keeps nothing on disk (tests). */
    public static SetupStore inMemory() {
        return new SetupStore(null);
    }

    public synchronized List<Setup> all() {
        return List.copyOf(setups.values());
    }

    public synchronized Optional<Setup> get(String id) {
        return Optional.ofNullable(setups.get(id));
    }

    synchronized void put(Setup s) {
        setups.put(s.id(), s);
        save();
    }

    synchronized boolean remove(String id) {
        boolean removed = setups.remove(id) != null;
        if (removed) {
            save();
        }
        return removed;
    }

    synchronized void recordRun(String connection, Setup.Run run) {
        String key = connection + "/" + run.container();
        recentRuns.remove(key);
        recentRuns.put(key, run);
        while (recentRuns.size() > RECENT_RUNS) {
            recentRuns.remove(recentRuns.keySet().iterator().next());
        }
        save();
    }

    synchronized Optional<Setup.Run> recordedRun(String connection, String container) {
        return Optional.ofNullable(recentRuns.get(connection + "/" + container));
    }

    SetupJson json() {
        return json;
    }

    private void load() {
        if (file == null || !Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            if (Files.isSymbolicLink(file)) {
                throw new IOException("it is a symbolic link");
            }
            JsonNode root = json.mapper().readTree(Files.readAllBytes(file));
            for (JsonNode n : root.path("setups")) {
                try {
                    Setup s = json.readSetup(n);
                    setups.put(s.id(), s);
                } catch (SetupJson.Invalid e) {
                    LOG.warn("A saved setup was left out: {}", e.getMessage());
                }
            }
            for (JsonNode n : root.path("recentRuns")) {
                try {
                    Setup.Run r = json.readRun(n.get("run"), "a recent run");
                    recentRuns.put(n.path("connection").asText() + "/" + r.container(), r);
                } catch (SetupJson.Invalid e) {
                    LOG.debug("A recorded run was left out: {}", e.getMessage());
                }
            }
        } catch (IOException | RuntimeException e) {
            Path aside = file.resolveSibling(file.getFileName() + ".unreadable-" + System.currentTimeMillis());
            LOG.warn("Setups file {} could not be read ({}); starting without setups and keeping it as {}", file,
                    e.getMessage(), aside);
            try {
                Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException moveFailed) {
                LOG.warn("Could not move {} aside: {}", file, moveFailed.getMessage());
            }
        }
    }

    private void save() {
        if (file == null) {
            return;
        }
        ObjectNode root = json.mapper().createObjectNode();
        root.put("format", SetupJson.FORMAT);
        ArrayNode list = root.putArray("setups");
        setups.values().forEach(s -> list.add(json.write(s)));
        ArrayNode runs = root.putArray("recentRuns");
        recentRuns.forEach((key, run) -> {
            ObjectNode r = runs.addObject();
            r.put("connection", key.substring(0, key.lastIndexOf('/')));
            r.set("run", json.write(run));
        });
        try {
            OwnerOnly.folder(file.toAbsolutePath().getParent());
            OwnerOnly.replace(file, json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not save the setups to " + file + ": " + e.getMessage(), e);
        }
    }

    /** The export file's bytes for these setups. */
    byte[] export(List<Setup> list) throws IOException {
        ObjectNode root = json.mapper().createObjectNode();
        root.put("format", SetupJson.FORMAT);
        ArrayNode arr = root.putArray("setups");
        list.forEach(s -> arr.add(json.write(s)));
        return json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    }

    /** Reads an export file: every setup checked; the first that fails stops the import. */
    List<Setup> parse(byte[] content) throws IOException, SetupJson.Invalid {
        JsonNode root = json.mapper().readTree(content);
        if (root == null || !root.isObject() || !SetupJson.FORMAT.equals(root.path("format").asText())) {
            throw new SetupJson.Invalid("the file", "it is not a Ponte setups file (format " + SetupJson.FORMAT + ")");
        }
        List<Setup> out = new ArrayList<>();
        for (JsonNode n : root.path("setups")) {
            out.add(json.readSetup(n));
        }
        return out;
    }
}
