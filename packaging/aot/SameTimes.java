import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Gives the final app image's files the modification times of the training image's (same relative path, same size).
 * jpackage copies the jars without their times, and the JDK's AOT cache, made from the training image, checks each
 * class-path jar's size and time: without this the final image's cache is refused ("timestamp has changed").
 *
 * <pre>java SameTimes.java TRAINING_IMAGE FINAL_IMAGE</pre>
 */
public class SameTimes {
    public static void main(String[] args) throws IOException {
        Path training = Path.of(args[0]);
        Path image = Path.of(args[1]);
        int matched = 0;
        try (Stream<Path> files = Files.walk(image)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                Path twin = training.resolve(image.relativize(f).toString());
                if (Files.isRegularFile(twin) && Files.size(twin) == Files.size(f)) {
                    Files.setLastModifiedTime(f, Files.getLastModifiedTime(twin));
                    matched++;
                }
            }
        }
        System.out.println("[aot] gave " + matched + " files of " + image + " the training image's times");
    }
}
