package dev.ponte.core.files;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A folder only this user can enter, for files that hold credentials (kubeconfig copies, the single-instance
 * socket). Ponte creates it itself, {@code rwx------} from the first moment; one that already exists is used only
 * when it is a real directory (not a link), owned by this user and {@code rwx------}; anything else is refused with
 * {@link UnsafeDirectoryException}, whose message says what is wrong and how to fix it. Files in it are created
 * exclusively ({@code CREATE_NEW}, never through a link) and {@code rw-------} from creation.
 */
public final class PrivateDirectory {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Path dir;

    private PrivateDirectory(Path dir) {
        this.dir = dir;
    }

    /**
     * Where Ponte's private folder goes: {@code $XDG_RUNTIME_DIR/ponte} (a per-user tmpfs the session manager made
     * {@code 0700}; cleared at log-out) when it is set, else {@code private} under Ponte's state folder.
     */
    public static Path defaultLocation(Map<String, String> env, Path stateDir) {
        return runtimeLocation(env).orElse(stateDir.resolve("private"));
    }

    /** {@code $XDG_RUNTIME_DIR/ponte} when that variable holds an absolute path. */
    public static Optional<Path> runtimeLocation(Map<String, String> env) {
        String runtime = env.get("XDG_RUNTIME_DIR");
        if (runtime == null || runtime.isBlank() || runtime.indexOf('\0') >= 0) {
            return Optional.empty();
        }
        try {
            Path p = Path.of(runtime);
            return p.isAbsolute() ? Optional.of(p.resolve("ponte")) : Optional.empty();
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    /** Creates {@code dir} (and missing parents) or checks the existing one, for this process's user. */
    public static PrivateDirectory open(Path dir) throws IOException {
        return open(dir, OwnerOnly.currentUser());
    }

    /** As {@link #open(Path)}, for a given user (tests play another user with it). */
    static PrivateDirectory open(Path dir, UserPrincipal me) throws IOException {
        Path absolute = dir.toAbsolutePath().normalize();
        if (absolute.getParent() != null) {
            Files.createDirectories(absolute.getParent());
        }
        try {
            if (OwnerOnly.POSIX) {
                Files.createDirectory(absolute, PosixFilePermissions.asFileAttribute(OwnerOnly.DIR));
                // The umask may have taken bits away (never added); make it exactly rwx------.
                Files.setPosixFilePermissions(absolute, OwnerOnly.DIR);
            } else {
                Files.createDirectory(absolute);
            }
        } catch (FileAlreadyExistsException e) {
            check(absolute, me);
        }
        return new PrivateDirectory(absolute);
    }

    /** An existing folder is used only as Ponte would have made it. */
    private static void check(Path dir, UserPrincipal me) throws IOException {
        BasicFileAttributes attrs = Files.readAttributes(dir, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (attrs.isSymbolicLink()) {
            throw new UnsafeDirectoryException(dir, "it is a symbolic link (to " + Files.readSymbolicLink(dir)
                    + "), not a folder of its own", "Remove the link (rm " + dir + ") and start Ponte again.");
        }
        if (!attrs.isDirectory()) {
            throw new UnsafeDirectoryException(dir, "it is a file, not a folder",
                    "Remove it (rm " + dir + ") and start Ponte again.");
        }
        UserPrincipal owner = Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS);
        if (OwnerOnly.POSIX && !owner.equals(me)) { // on Windows the profile folder's ACL keeps others out
            throw new UnsafeDirectoryException(dir, "it belongs to user '" + owner.getName() + "', not to you ('"
                    + me.getName() + "'), so that user could read or replace what Ponte puts there",
                    "Ask that user or an administrator to remove it (rm -r " + dir + "), then start Ponte again.");
        }
        if (OwnerOnly.POSIX) {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS);
            if (!perms.equals(OwnerOnly.DIR)) {
                throw new UnsafeDirectoryException(dir, "others may use it (its mode is "
                        + PosixFilePermissions.toString(perms) + ", not rwx------)",
                        "Remove it (rm -r " + dir + ") so that Ponte creates a private one, then start Ponte again.");
            }
        }
    }

    public Path path() {
        return dir;
    }

    /**
     * Writes {@code content} to a new file {@code <prefix><random><suffix>} that did not exist before, created
     * {@code rw-------} and never through a link.
     */
    public Path createFile(String prefix, String suffix, byte[] content) throws IOException {
        for (int attempt = 0; ; attempt++) {
            byte[] random = new byte[8];
            RANDOM.nextBytes(random);
            Path file = dir.resolve(prefix + HexFormat.of().formatHex(random) + suffix);
            try {
                OwnerOnly.writeNew(file, content, false);
                return file;
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 10) {
                    throw e;
                }
            }
        }
    }

    @Override
    public String toString() {
        return dir.toString();
    }
}
