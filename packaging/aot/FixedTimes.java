import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.stream.Stream;

/**
 * Gives every file of an app image one fixed modification time. The JDK's AOT cache records each class-path jar's size
 * and time and refuses a jar whose time differs ("timestamp has changed"); jpackage copies the jars with new times into
 * every image and package it makes. So the training image gets this time before the cache is recorded, the final image
 * gets it too, and the deb and rpm are built with SOURCE_DATE_EPOCH set to it: dpkg-deb and rpmbuild (with
 * {@code clamp_mtime_to_source_date_epoch}) lower every newer time in the package to it, and the installed jars match.
 *
 * <pre>java FixedTimes.java EPOCH_SECONDS IMAGE...</pre>
 */
public class FixedTimes {
    public static void main(String[] args) throws IOException {
        FileTime time = FileTime.fromMillis(Long.parseLong(args[0]) * 1000);
        for (int i = 1; i < args.length; i++) {
            Path image = Path.of(args[i]);
            int set = 0;
            try (Stream<Path> files = Files.walk(image)) {
                for (Path f : (Iterable<Path>) files.filter(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))::iterator) {
                    Files.setLastModifiedTime(f, time);
                    set++;
                }
            }
            System.out.println("[aot] gave the " + set + " files of " + image + " the time " + time);
        }
    }
}
