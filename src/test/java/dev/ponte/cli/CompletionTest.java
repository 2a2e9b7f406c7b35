package dev.ponte.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The completion scripts the build generates complete ponte's commands and flags in a real bash (and zsh, where installed). */
class CompletionTest {
    @TempDir
    Path dir;

    private String shell(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the shell did not finish");
        return new String(p.getInputStream().readAllBytes()).strip();
    }

    @Test
    void bashCompletesCommandsFlagsAndValues() throws Exception {
        Completion.main(new String[] {dir.resolve("bash/ponte").toString(), dir.resolve("zsh/_ponte").toString()});
        String script = dir.resolve("bash/ponte").toString();
        String complete = "source " + script + " 2>/dev/null; complete_at() { COMP_WORDS=(\"$@\"); COMP_CWORD=$(($# - 1));"
                + " COMP_LINE=\"$*\"; COMP_POINT=${#COMP_LINE}; COMPREPLY=(); _complete_ponte 2>/dev/null; echo \"${COMPREPLY[*]}\"; };";
        assertEquals("bridge", shell("bash", "-c", complete + " complete_at ponte br"));
        assertEquals("--match-header-exact --match-header-prefix --match-header-regex",
                shell("bash", "-c", complete + " complete_at ponte bridge create --match-h"));
        assertEquals("table json", shell("bash", "-c", complete + " complete_at ponte status -o ''"));
        assertEquals("connections", shell("bash", "-c", complete + " complete_at ponte conn"));
        assertTrue(Files.readString(dir.resolve("zsh/_ponte")).startsWith("#compdef ponte\n"));
    }

    @Test
    void zshCompletesThroughItsFpath() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/zsh")) || Files.isExecutable(Path.of("/bin/zsh")),
                "zsh is not installed here (bash is tested above)");
        Completion.main(new String[] {dir.resolve("bash/ponte").toString(), dir.resolve("zsh/_ponte").toString()});
        Path probe = dir.resolve("probe.zsh");
        Files.writeString(probe, """
                zmodload zsh/zpty
                zpty z 'zsh -f -i'
                zpty -w z 'fpath=(%s $fpath); autoload -U compinit; compinit -u; PS1="> "; ponte() { :; }'
                zpty -w -n z $'ponte bri\\t'
                zpty -r z out '*ponte bridge*' && print completed
                zpty -d z
                """.formatted(dir.resolve("zsh")));
        assertEquals("completed", shell("timeout", "20", "zsh", "-f", probe.toString()));
    }
}
