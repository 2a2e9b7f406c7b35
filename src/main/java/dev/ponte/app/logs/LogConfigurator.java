package dev.ponte.app.logs;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.util.FileSize;

/**
 * Ponte's logging set-up, in code (found by logback through {@code META-INF/services}; there is no logback.xml):
 * reading an XML configuration loaded ~650 classes of logback's configuration model and the JDK's XML parser, about
 * 150 ms of every start of the window and the command line.
 *
 * <p>Two appenders, both through {@link RedactingEncoder} with its line formatted in code, not by a logback pattern
 * (secrets are masked before anything is written):
 * the console, whose threshold is {@code ponte.console.level} (the command line sets {@code OFF}: its standard streams
 * carry its own output only), and {@code <ponte.logdir>/<ponte.logfile>.log} ({@link OwnerOnlyFileAppender}: created
 * owner-only; rolled at 5 MB, three old files kept). {@code ponte.logdir} is set by {@code Main}; without it (tests) the
 * temporary folder. Each property is read from the logger context first, then the system properties.
 */
public final class LogConfigurator extends ContextAwareBase implements Configurator {

    @Override
    public ExecutionStatus configure(LoggerContext lc) {
        String dir = property(lc, "ponte.logdir", System.getProperty("java.io.tmpdir"));
        String file = property(lc, "ponte.logfile", "ponte");

        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(lc);
        console.setName("CONSOLE");
        ThresholdFilter threshold = new ThresholdFilter();
        threshold.setContext(lc);
        threshold.setLevel(property(lc, "ponte.console.level", "TRACE"));
        threshold.start();
        console.addFilter(threshold);
        console.setEncoder(encoder(lc, false, 24)); // %d{HH:mm:ss.SSS} %-5level [%thread] %logger{24} - %msg%n
        console.start();

        OwnerOnlyFileAppender rolling = new OwnerOnlyFileAppender();
        rolling.setContext(lc);
        rolling.setName("FILE");
        rolling.setFile(dir + "/" + file + ".log");
        FixedWindowRollingPolicy window = new FixedWindowRollingPolicy();
        window.setContext(lc);
        window.setFileNamePattern(dir + "/" + file + ".%i.log");
        window.setMinIndex(1);
        window.setMaxIndex(3);
        window.setParent(rolling);
        window.start();
        SizeBasedTriggeringPolicy<ILoggingEvent> size = new SizeBasedTriggeringPolicy<>();
        size.setContext(lc);
        size.setMaxFileSize(FileSize.valueOf("5MB"));
        size.start();
        rolling.setRollingPolicy(window);
        rolling.setTriggeringPolicy(size);
        rolling.setEncoder(encoder(lc, true, 36)); // %d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n
        rolling.start();

        lc.getLogger("io.fabric8").setLevel(Level.WARN);
        // Logs every informer stop at ERROR, including ours on close; Ponte logs real failures itself.
        lc.getLogger("io.fabric8.kubernetes.client.informers.impl.cache.Reflector").setLevel(Level.OFF);
        lc.getLogger("com.github.dockerjava").setLevel(Level.WARN);
        lc.getLogger("org.apache.hc").setLevel(Level.WARN);
        Logger root = lc.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(console);
        root.addAppender(rolling);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    private static RedactingEncoder encoder(LoggerContext lc, boolean withDate, int loggerLength) {
        RedactingEncoder encoder = new RedactingEncoder();
        encoder.setContext(lc);
        encoder.setLine(withDate, loggerLength);
        encoder.start();
        return encoder;
    }

    private static String property(LoggerContext lc, String name, String otherwise) {
        String value = lc.getProperty(name);
        if (value == null || value.isBlank()) {
            value = System.getProperty(name);
        }
        return value == null || value.isBlank() ? otherwise : value;
    }
}
