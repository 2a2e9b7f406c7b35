package dev.ponte.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.AutoComplete;

/**
 * Writes the shell completion scripts at build time, from the same command tree {@code ponte} parses with (picocli's
 * generator): a bash script for {@code bash-completion}'s folder and a zsh function for zsh's {@code fpath} that loads
 * the same script through zsh's bash compatibility. The deb and the rpm install both.
 *
 * <pre>Completion BASH_FILE ZSH_FILE</pre>
 */
public final class Completion {
    private Completion() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: Completion BASH_FILE ZSH_FILE");
        }
        String bash = bash();
        write(Path.of(args[0]), bash);
        write(Path.of(args[1]), zsh(bash));
    }

    /** The bash script: {@code complete -F _complete_ponte ponte}. */
    static String bash() {
        try (Ctx ctx = new Ctx(null, new Interrupts(), null, "")) {
            return AutoComplete.bash("ponte", Cli.commandLine(ctx));
        }
    }

    /**
     * zsh autoloads {@code _ponte} from its fpath for {@code ponte} ({@code #compdef}); the function defines the bash
     * completion under {@code bashcompinit} on its first call and answers that call too.
     */
    static String zsh(String bash) {
        return "#compdef ponte\n"
                + "# Ponte's completion for zsh, generated at build time from its command tree (picocli); the same as the\n"
                + "# bash script, loaded through zsh's bash completion support.\n"
                + "autoload -U +X bashcompinit && bashcompinit\n"
                + bash + "\n"
                + "_bash_complete -F _complete_ponte \"$@\"\n";
    }

    private static void write(Path file, String text) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
