package dev.ponte.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
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
        List<String> pomTuning = Pattern.compile("<argument>(-X[^<]*)</argument>").matcher(execArguments()).results()
                .map(m -> m.group(1)).toList();
        assertEquals(shipped, pomTuning);
    }

    /**
     * The development start's own arguments (profile dev-cds: an argument file with the class-data archive and a class
     * path with the classes as a jar) are dev-only, so they come in as one property, not as tuning; and they must come
     * after exec's class path, because the JVM takes the last {@code -cp}.
     */
    @Test
    void theDevelopmentStartsOwnArgumentsComeAfterTheClassPathAndBeforeTheMainClass() throws Exception {
        List<String> tail = Pattern.compile("<argument>([^<]*)</argument>|<classpath/>").matcher(execArguments())
                .results().map(m -> m.group(1) == null ? "<classpath/>" : m.group(1)).toList();
        assertEquals(List.of("-classpath", "<classpath/>", "${ponte.dev.launch}", "${ponte.mainClass}"),
                tail.subList(Math.max(0, tail.size() - 4), tail.size()));
    }

    /** The {@code <arguments>} of the exec-maven-plugin's own configuration in pom.xml (exec:exec's). */
    private static String execArguments() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"));
        Matcher exec = Pattern.compile("<artifactId>exec-maven-plugin</artifactId>\\s*<version>[^<]+</version>\\s*"
                + "<configuration>.*?<arguments>(.*?)</arguments>", Pattern.DOTALL).matcher(pom);
        if (!exec.find()) {
            throw new AssertionError("no exec-maven-plugin arguments in pom.xml");
        }
        return exec.group(1);
    }
}
