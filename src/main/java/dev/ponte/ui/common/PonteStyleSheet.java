package dev.ponte.ui.common;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;

/**
 * Ponte's own style sheet, {@code ponte.css}, for every window's scene. The build (phase prepare-package, so the
 * packaged app and {@code bench/run} have it; not the development start) also writes it in JavaFX's binary form
 * beside it, named after the CRC-32 of the text it came from: {@code ponte-<crc>.bss}. {@link #url()} gives the
 * binary one when there is one made from exactly this text, else the text. Reading the binary form spares the UI
 * thread JavaFX's CSS parser in the first frame (the parser, its lexer and ~50 lambdas; the theme is binary already).
 * A text edited since the last package simply has no binary twin, so an edit always shows, in an IDE too; JavaFX's
 * own look-up of a {@code ponte.bss} beside {@code ponte.css} never finds one.
 */
public final class PonteStyleSheet {
    static final String TEXT = "/dev/ponte/ui/ponte.css";
    private static volatile String url;

    private PonteStyleSheet() {
    }

    /** The style sheet's URL for {@code Scene.getStylesheets()}; reads the text once (3.6 kB), any thread. */
    public static String url() {
        String u = url;
        if (u == null) {
            u = choose(PonteStyleSheet.class.getResource(TEXT), readText(),
                    name -> PonteStyleSheet.class.getResource("/dev/ponte/ui/" + name));
            url = u;
        }
        return u;
    }

    /** The binary twin of {@code text} if {@code beside} (a file name to its URL, or null) has it, else the text's URL. */
    static String choose(URL textUrl, byte[] text, java.util.function.Function<String, URL> beside) {
        if (textUrl == null) {
            throw new IllegalStateException(TEXT + " is missing from the class path");
        }
        URL binary = text == null ? null : beside.apply(binaryName(text));
        return (binary != null ? binary : textUrl).toExternalForm();
    }

    /** {@code ponte-<crc32 of the text, 8 hex digits>.bss}. */
    static String binaryName(byte[] text) {
        CRC32 crc = new CRC32();
        crc.update(text);
        return String.format("ponte-%08x.bss", crc.getValue());
    }

    private static byte[] readText() {
        try (InputStream in = PonteStyleSheet.class.getResourceAsStream(TEXT)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            return null; // the text's URL then, parsed as before
        }
    }

    /**
     * The build's step: writes the binary twin of {@code <classes>/dev/ponte/ui/ponte.css} beside it and removes
     * older twins. {@code java -cp <app class path> dev.ponte.ui.common.PonteStyleSheet <classes folder>}.
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: PonteStyleSheet <classes folder>");
        }
        Path folder = Path.of(args[0], "dev", "ponte", "ui");
        Path text = folder.resolve("ponte.css");
        String name = binaryName(Files.readAllBytes(text));
        try (DirectoryStream<Path> old = Files.newDirectoryStream(folder, "ponte-*.bss")) {
            for (Path p : old) {
                if (!p.getFileName().toString().equals(name)) {
                    Files.delete(p);
                }
            }
        }
        Path binary = folder.resolve(name);
        if (!Files.exists(binary)) {
            Path tmp = folder.resolve(name + ".tmp");
            try {
                javafx.css.Stylesheet.convertToBinary(text.toFile(), tmp.toFile());
                Files.move(tmp, binary, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(tmp);
                throw e;
            }
        }
    }
}
