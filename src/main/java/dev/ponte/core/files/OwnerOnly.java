package dev.ponte.core.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

/**
 * Files and folders only this user may read: created {@code rw-------} / {@code rwx------} from the first moment
 * (the permissions are passed to the system call that creates them, not set afterwards), never through a link.
 * On a file system without POSIX permissions (Windows) the user's profile folder is private already, and files are
 * created plainly.
 */
public final class OwnerOnly {
    static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static volatile UserPrincipal currentUser;

    private OwnerOnly() {
    }

    /**
     * Makes {@code dir} (and missing parents) exist for Ponte's own files (settings, logs): folders this creates are
     * {@code rwx------} from creation, and an existing one of this user's with wider permissions (made by an older
     * Ponte) is narrowed to {@code rwx------}. A link the user made (dotfiles) is followed; a folder of another user's
     * is left as it is.
     */
    public static Path folder(Path dir) throws IOException {
        Path absolute = dir.toAbsolutePath().normalize();
        if (!POSIX) {
            return Files.createDirectories(absolute);
        }
        Files.createDirectories(absolute, PosixFilePermissions.asFileAttribute(DIR));
        if (Files.getOwner(absolute).equals(currentUser()) && !Files.getPosixFilePermissions(absolute).equals(DIR)) {
            Files.setPosixFilePermissions(absolute, DIR);
        }
        return absolute;
    }

    /**
     * Creates the folders of {@code dir} that are missing, {@code rwx------} from creation; existing ones are left
     * as they are (for a library's file whose folder may be anything, such as the system's temporary folder).
     */
    public static Path missingFolders(Path dir) throws IOException {
        Path absolute = dir.toAbsolutePath().normalize();
        return POSIX ? Files.createDirectories(absolute, PosixFilePermissions.asFileAttribute(DIR))
                : Files.createDirectories(absolute);
    }

    /** A new folder with a random name in the system's temporary folder, {@code rwx------} from creation. */
    public static Path newTempFolder(String prefix) throws IOException {
        return POSIX ? Files.createTempDirectory(prefix, PosixFilePermissions.asFileAttribute(DIR))
                : Files.createTempDirectory(prefix);
    }

    /**
     * Makes an owner-only {@code file} exist before another library opens it by name (the log file): created empty
     * {@code rw-------} when missing; an existing one of this user's is narrowed to {@code rw-------}; a link is
     * refused.
     */
    public static void file(Path file) throws IOException {
        try {
            writeNew(file, new byte[0], false);
            return;
        } catch (FileAlreadyExistsException e) {
            // fall through: check what is there
        }
        BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (attrs.isSymbolicLink() || !attrs.isRegularFile()) {
            throw new IOException(file + " is " + (attrs.isSymbolicLink() ? "a symbolic link" : "not a regular file")
                    + "; Ponte writes only to a file of its own there. Remove it and start Ponte again.");
        }
        if (POSIX && !Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS).equals(FILE)) {
            Files.setPosixFilePermissions(file, FILE);
        }
    }

    /**
     * Creates {@code file}, which must not exist (not even as a dangling link), {@code rw-------}, and writes
     * {@code content}; with {@code sync} the bytes are on disk when this returns.
     *
     * @throws FileAlreadyExistsException when something is there already
     */
    public static void writeNew(Path file, byte[] content, boolean sync) throws IOException {
        Set<OpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        FileAttribute<?>[] attrs = POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)} : new FileAttribute<?>[0];
        try (SeekableByteChannel channel = Files.newByteChannel(file, options, attrs)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            if (sync && channel instanceof FileChannel fc) {
                fc.force(true);
            }
        }
        if (POSIX) {
            // The umask can only have taken bits away; make it exactly rw------- (never wider).
            Files.setPosixFilePermissions(file, FILE);
        }
    }

    /**
     * Replaces {@code target} with {@code content} so that a crash at any moment leaves the old or the new file,
     * never a torn one: a new owner-only file with a unique name in the same folder, flushed to disk, then moved
     * over the target in one step (and the folder flushed, so the move survives a power cut).
     */
    public static void replace(Path target, byte[] content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        byte[] random = new byte[6];
        RANDOM.nextBytes(random);
        Path tmp = dir.resolve("." + target.getFileName() + "." + HexFormat.of().formatHex(random) + ".tmp");
        try {
            writeNew(tmp, content, true);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        syncFolder(dir);
    }

    private static void syncFolder(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Windows cannot open a folder as a channel; its move is durable on its own.
        }
    }

    /**
     * This process's user: looked up by name, or (where the name has no entry, as in some containers) read from a
     * file this process creates.
     */
    public static UserPrincipal currentUser() throws IOException {
        UserPrincipal me = currentUser;
        if (me != null) {
            return me;
        }
        try {
            me = FileSystems.getDefault().getUserPrincipalLookupService()
                    .lookupPrincipalByName(System.getProperty("user.name"));
        } catch (IOException | UnsupportedOperationException e) {
            Path probe = Files.createTempFile("ponte-owner", ".probe");
            try {
                me = Files.getOwner(probe);
            } finally {
                Files.deleteIfExists(probe);
            }
        }
        currentUser = me;
        return me;
    }
}
