package dev.ponte.app.logs;

import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.ponte.core.task.Redactor;
import java.nio.charset.Charset;

/**
 * The encoder of every appender ({@link LogConfigurator}): formats an event with its pattern — message, exception
 * message, causes and stack trace — and runs the whole text through {@link Redactor} before a byte is written. A
 * line whose masking fails is withheld rather than written as it was.
 */
public class RedactingEncoder extends PatternLayoutEncoder {
    @Override
    public byte[] encode(ILoggingEvent event) {
        String text;
        try {
            text = Redactor.redact(layout.doLayout(event));
        } catch (RuntimeException | StackOverflowError e) {
            text = "[a log line of " + event.getLoggerName() + " was withheld: masking secrets in it failed ("
                    + e.getClass().getSimpleName() + ")]" + System.lineSeparator();
        }
        Charset charset = getCharset() == null ? Charset.defaultCharset() : getCharset();
        return text.getBytes(charset);
    }
}
