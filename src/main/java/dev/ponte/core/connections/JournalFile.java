package dev.ponte.core.connections;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.ponte.core.files.OwnerOnly;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The journal on disk: one small JSON file, replaced atomically on each change (owner-only, fsync'ed). A file that
 * cannot be read is moved aside and the journal starts empty; the labels on engine and cluster objects are the
 * fallback for what it would have known.
 */
public final class JournalFile implements Journal.Store {
    private static final Logger LOG = LoggerFactory.getLogger(JournalFile.class);
    private final Path file;
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public JournalFile(Path file) {
        this.file = file;
    }

    public Path path() {
        return file;
    }

    @Override
    public Journal.Data load() {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return Journal.Data.EMPTY;
        }
        try {
            if (Files.isSymbolicLink(file)) {
                throw new IOException("it is a symbolic link");
            }
            Journal.Data d = json.readValue(Files.readAllBytes(file), Journal.Data.class);
            return d == null ? Journal.Data.EMPTY : d;
        } catch (IOException | RuntimeException e) {
            Path aside = file.resolveSibling(file.getFileName() + ".unreadable-" + System.currentTimeMillis());
            LOG.warn("Journal {} could not be read ({}); starting a new one and keeping the old one as {}. "
                    + "Objects Ponte made are still found by their labels.", file, e.getMessage(), aside);
            try {
                Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException moveFailed) {
                LOG.warn("Could not move {} aside: {}", file, moveFailed.getMessage());
            }
            return Journal.Data.EMPTY;
        }
    }

    @Override
    public void save(Journal.Data data) {
        try {
            OwnerOnly.folder(file.toAbsolutePath().getParent());
            OwnerOnly.replace(file, json.writerWithDefaultPrettyPrinter().writeValueAsBytes(data));
        } catch (IOException e) {
            // Without the journal Ponte must not create anything it could lose track of.
            throw new UncheckedIOException("Could not write Ponte's journal " + file + ": " + e.getMessage(), e);
        }
    }
}
