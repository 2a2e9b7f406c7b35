package dev.ponte.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import javafx.css.CssParser;
import javafx.css.Stylesheet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ponte.css in JavaFX's binary form: the build's twin reads as the text does, and a window takes it only when it was
 * made from exactly the text on the class path (an edited text is parsed, never an old twin used).
 */
class PonteStyleSheetTest {
    @TempDir
    Path dir;

    private Path classesWithTheText() throws Exception {
        Path ui = Files.createDirectories(dir.resolve("classes/dev/ponte/ui"));
        try (InputStream in = PonteStyleSheet.class.getResourceAsStream(PonteStyleSheet.TEXT)) {
            Files.copy(in, ui.resolve("ponte.css"));
        }
        return dir.resolve("classes");
    }

    private static Function<String, URL> in(Path folder) {
        return name -> {
            Path p = folder.resolve(name);
            try {
                return Files.exists(p) ? p.toUri().toURL() : null;
            } catch (MalformedURLException e) {
                throw new IllegalStateException(e);
            }
        };
    }

    /** Each rule's selectors and declarations (a binary rule decodes its declarations when they are asked for). */
    private static List<String> rules(Stylesheet s) {
        return s.getRules().stream().map(r -> r.getSelectors() + " " + r.getDeclarations()).toList();
    }

    @Test
    void theBuildsTwinReadsAsTheText() throws Exception {
        Path classes = classesWithTheText();
        PonteStyleSheet.main(new String[] {classes.toString()});
        Path ui = classes.resolve("dev/ponte/ui");
        byte[] text = Files.readAllBytes(ui.resolve("ponte.css"));
        Path twin = ui.resolve(PonteStyleSheet.binaryName(text));
        assertTrue(Files.exists(twin), "the twin is named after the text's CRC-32: " + twin);

        Stylesheet parsed = new CssParser().parse(ui.resolve("ponte.css").toUri().toURL());
        Stylesheet binary = Stylesheet.loadBinary(twin.toUri().toURL());
        assertFalse(rules(parsed).isEmpty());
        assertEquals(rules(parsed), rules(binary));
    }

    @Test
    void aWindowTakesTheTwinOnlyOfTheSameText() throws Exception {
        Path classes = classesWithTheText();
        PonteStyleSheet.main(new String[] {classes.toString()});
        Path ui = classes.resolve("dev/ponte/ui");
        URL textUrl = ui.resolve("ponte.css").toUri().toURL();
        byte[] text = Files.readAllBytes(ui.resolve("ponte.css"));

        String chosen = PonteStyleSheet.choose(textUrl, text, in(ui));
        assertTrue(chosen.endsWith(PonteStyleSheet.binaryName(text)), chosen);

        // The text edited after the build (an IDE copies it, the build has not run): the text, parsed as before.
        byte[] edited = (new String(text, StandardCharsets.UTF_8) + "\n.edited { -fx-opacity: 0.5; }\n")
                .getBytes(StandardCharsets.UTF_8);
        assertEquals(textUrl.toExternalForm(), PonteStyleSheet.choose(textUrl, edited, in(ui)));
        // Unreadable text: the text's URL.
        assertEquals(textUrl.toExternalForm(), PonteStyleSheet.choose(textUrl, null, in(ui)));
    }

    @Test
    void theBuildKeepsOnlyTheCurrentTwin() throws Exception {
        Path classes = classesWithTheText();
        Path ui = classes.resolve("dev/ponte/ui");
        Files.writeString(ui.resolve("ponte-00000000.bss"), "an old twin");
        PonteStyleSheet.main(new String[] {classes.toString()});
        try (var files = Files.list(ui)) {
            assertEquals(List.of(PonteStyleSheet.binaryName(Files.readAllBytes(ui.resolve("ponte.css"))), "ponte.css"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void theAppsUrlIsOneOfTheTwo() {
        String url = PonteStyleSheet.url();
        assertTrue(url.endsWith("/dev/ponte/ui/ponte.css") || url.matches(".*/dev/ponte/ui/ponte-[0-9a-f]{8}\\.bss"), url);
    }
}
