package dev.ponte.core.files;

import java.io.IOException;
import java.nio.file.Path;

/** A folder Ponte would keep secrets in is not private; the message names it, says why and how to fix it. */
public final class UnsafeDirectoryException extends IOException {
    private final Path dir;
    private final String why;
    private final String fix;

    UnsafeDirectoryException(Path dir, String why, String fix) {
        super("Ponte will not keep credentials in " + dir + ": " + why + ". " + fix);
        this.dir = dir;
        this.why = why;
        this.fix = fix;
    }

    public Path dir() {
        return dir;
    }

    /** What is wrong, e.g. "it is a symbolic link (to …), not a folder of its own". */
    public String why() {
        return why;
    }

    /** The next step for the user. */
    public String fix() {
        return fix;
    }
}
