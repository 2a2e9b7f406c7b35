package dev.ponte.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The JVM tuning is written twice — the packaged launcher's {@code --java-options} and the pom's {@code exec:exec}
 * arguments (the README's start command and {@code bench/run logs}) — and PonteBench reads the first: they must not
 * drift apart, or the benchmarks measure something users do not run.
 */
class LaunchFlagsTest {
    @Test
    void thePomStartsTheAppWithTheTuningThePackagedLauncherShips() throws Exception {
        List<String> shipped = PonteBench.shippedTuning(Path.of("packaging", "jpackage-app-image.args"));
        assertFalse(shipped.isEmpty(), "the packaged launcher sets JVM options");
        String pom = Files.readString(Path.of("pom.xml"));
        Matcher exec = Pattern.compile("<artifactId>exec-maven-plugin</artifactId>\\s*<version>[^<]+</version>\\s*"
                + "<configuration>.*?<arguments>(.*?)</arguments>", Pattern.DOTALL).matcher(pom);
        if (!exec.find()) {
            throw new AssertionError("no exec-maven-plugin arguments in pom.xml");
        }
        List<String> pomTuning = Pattern.compile("<argument>(-X[^<]*)</argument>").matcher(exec.group(1)).results()
                .map(m -> m.group(1)).toList();
        assertEquals(shipped, pomTuning);
    }
}
