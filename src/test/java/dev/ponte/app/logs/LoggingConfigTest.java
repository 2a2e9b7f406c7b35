package dev.ponte.app.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The shipped logging set-up ({@link LogConfigurator}), applied to a context of its own that writes to a temporary log folder. */
@EnabledOnOs({OS.LINUX, OS.MAC})
class LoggingConfigTest {
    @TempDir
    Path tmp;
    private final LoggerContext context = new LoggerContext();

    @AfterEach
    void stop() {
        context.stop();
    }

    private Path configure() throws Exception {
        Path logs = tmp.resolve("state/ponte/logs");
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        context.putProperty("ponte.logdir", logs.toString());
        LogConfigurator config = new LogConfigurator();
        config.setContext(context);
        config.configure(context);
        return logs;
    }

    private List<Appender<ILoggingEvent>> appenders() {
        List<Appender<ILoggingEvent>> all = new ArrayList<>();
        for (Logger logger : context.getLoggerList()) {
            for (Iterator<Appender<ILoggingEvent>> it = logger.iteratorForAppenders(); it.hasNext(); ) {
                all.add(it.next());
            }
        }
        return all;
    }

    @Test
    void everyAppenderMasksSecretsAndTheFileAppenderIsOwnerOnly() throws Exception {
        configure();
        List<Appender<ILoggingEvent>> appenders = appenders();
        assertEquals(List.of("CONSOLE", "FILE"), appenders.stream().map(Appender::getName).sorted().toList());
        for (Appender<ILoggingEvent> a : appenders) {
            assertInstanceOf(RedactingEncoder.class, ((OutputStreamAppender<ILoggingEvent>) a).getEncoder(), a.getName());
        }
        assertInstanceOf(OwnerOnlyFileAppender.class, context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("FILE"));
    }

    @Test
    void logbackFindsTheSetUpAndNoXmlConfiguration() {
        // The process's own logger context (this test run's): configured by LogConfigurator through META-INF/services.
        LoggerContext running = (LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();
        Logger root = running.getLogger(Logger.ROOT_LOGGER_NAME);
        assertInstanceOf(OwnerOnlyFileAppender.class, root.getAppender("FILE"));
        assertInstanceOf(RedactingEncoder.class, ((OutputStreamAppender<ILoggingEvent>) root.getAppender("CONSOLE")).getEncoder());
        assertEquals(ch.qos.logback.classic.Level.WARN, running.getLogger("io.fabric8").getLevel());
        assertEquals(null, LoggingConfigTest.class.getResource("/logback.xml"), "a logback.xml would be ignored");
    }

    @Test
    void theConsoleThresholdAndTheFileNameFollowTheCommandLinesProperties() throws Exception {
        context.putProperty("ponte.console.level", "OFF");
        context.putProperty("ponte.logfile", "ponte-cli");
        Path logs = configure();
        var console = (ch.qos.logback.core.ConsoleAppender<ILoggingEvent>) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("CONSOLE");
        assertEquals(ch.qos.logback.core.spi.FilterReply.DENY, console.getFilterChainDecision(errorEvent()));
        context.getLogger("x").info("from the command line");
        context.stop();
        assertTrue(Files.readString(logs.resolve("ponte-cli.log")).contains("from the command line"));
    }

    private ILoggingEvent errorEvent() {
        return new ch.qos.logback.classic.spi.LoggingEvent("x", context.getLogger("x"), ch.qos.logback.classic.Level.ERROR,
                "m", null, null);
    }

    @Test
    void theLogFileHoldsNoSecretFromAMessageAnExceptionOrItsCauses() throws Exception {
        Path logs = configure();
        Logger log = context.getLogger("dev.ponte.kube.Test");
        IOException cause = new IOException("Authorization: Bearer 0123456789abcdef0123");
        log.warn("Reading kubeconfig failed: client-key-data: LS0tLS1CRUdJTiBQUklWQVRF for {}", "https://alice:hunter2@api:6443",
                new IllegalStateException("PrivateKey = sET4wDj2rj+K+qytb5BKxG3zHkGa0TcToAzbNyKDCXI=", cause));
        context.stop();
        Path file = logs.resolve("ponte.log");
        String text = Files.readString(file);
        for (String secret : List.of("LS0tLS1CRUdJTiBQUklWQVRF", "hunter2", "sET4wDj2rj", "0123456789abcdef0123")) {
            assertFalse(text.contains(secret), () -> "leaked " + secret + ":\n" + text);
        }
        assertTrue(text.contains("Reading kubeconfig failed"), text);
        assertTrue(text.contains("Caused by: java.io.IOException: Authorization: Bearer ***"), text);
        assertTrue(text.contains("at dev.ponte.app.logs.LoggingConfigTest"), "the stack trace stays: " + text);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(logs)));
    }

    @Test
    void theLineFormattedInCodeIsWhatLogbacksPatternWouldWrite() {
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        Logger logger = context.getLogger("dev.ponte.kube.gefyra.SomethingLong$Inner");
        IOException cause = new IOException("disk gone");
        IllegalStateException error = new IllegalStateException("read failed", cause);
        error.addSuppressed(new RuntimeException("also this"));
        var withException = new ch.qos.logback.classic.spi.LoggingEvent("x", logger, ch.qos.logback.classic.Level.WARN,
                "Reading {} failed", error, new Object[] {"the journal"});
        var plain = new ch.qos.logback.classic.spi.LoggingEvent("x", logger, ch.qos.logback.classic.Level.INFO,
                "first frame after {} ms", null, new Object[] {812});
        for (boolean withDate : new boolean[] {false, true}) {
            int length = withDate ? 36 : 24;
            RedactingEncoder line = new RedactingEncoder();
            line.setContext(context);
            line.setLine(withDate, length);
            line.start();
            RedactingEncoder pattern = new RedactingEncoder();
            pattern.setContext(context);
            pattern.setPattern((withDate ? "%d{yyyy-MM-dd HH:mm:ss.SSS}" : "%d{HH:mm:ss.SSS}")
                    + " %-5level [%thread] %logger{" + length + "} - %msg%n");
            pattern.start();
            for (var event : List.of(withException, plain)) {
                assertEquals(new String(pattern.encode(event)), new String(line.encode(event)));
            }
        }
    }

    @Test
    void aLogFileRolledOverAndTheNewOneAreOwnerOnly() throws Exception {
        Path logs = configure();
        context.getLogger("x").info("first file");
        OwnerOnlyFileAppender file = (OwnerOnlyFileAppender) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("FILE");
        file.rollover();
        context.getLogger("x").info("second file");
        context.stop();
        for (String name : List.of("ponte.log", "ponte.1.log")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(logs.resolve(name))), name);
        }
        assertTrue(Files.readString(logs.resolve("ponte.1.log")).contains("first file"));
        assertTrue(Files.readString(logs.resolve("ponte.log")).contains("second file"));
    }

    @Test
    void aLinkInThePlaceOfTheLogFileIsNotWrittenThrough() throws Exception {
        Path logs = Files.createDirectories(tmp.resolve("state/ponte/logs"));
        Path victim = Files.writeString(tmp.resolve("victim"), "untouched");
        Files.createSymbolicLink(logs.resolve("ponte.log"), victim);
        configure();
        context.getLogger("x").info("token=abc");
        context.stop();
        assertEquals("untouched", Files.readString(victim));
    }

    @Test
    void theFolderAnOlderPonteLeftWorldReadableIsNarrowedWithItsFiles() throws Exception {
        Path logs = Files.createDirectories(tmp.resolve("logs"));
        Files.setPosixFilePermissions(logs, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path old = Files.writeString(logs.resolve("ponte.2.log"), "old");
        Files.setPosixFilePermissions(old, PosixFilePermissions.fromString("rw-r--r--"));
        LogFolder.prepare(logs);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(logs)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(old)));
    }
}
