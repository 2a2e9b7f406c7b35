package dev.ponte.app.logs;

import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.pattern.TargetLengthBasedClassNameAbbreviator;
import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.ponte.core.task.Redactor;
import java.nio.charset.Charset;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

/**
 * The encoder of every appender ({@link LogConfigurator}): formats an event — message, exception message, causes and
 * stack trace — and runs the whole text through {@link Redactor} before a byte is written. A line whose masking fails
 * is withheld rather than written as it was.
 *
 * <p>Ponte's own appenders use {@link #setLine(boolean, int)}: the line {@code %d{HH:mm:ss.SSS} %-5level [%thread]
 * %logger{N} - %msg%n} (with the date first when asked) and the exception as logback prints it, formatted in code.
 * logback's pattern machinery (its parser, and the ~60 converters its layout registers, one lambda each) loaded ~120
 * classes and ~70 lambdas at every start. Any other pattern ({@code setPattern}) is formatted by logback as before.
 */
public class RedactingEncoder extends PatternLayoutEncoder {
    private boolean line;
    private boolean withDate;
    private TargetLengthBasedClassNameAbbreviator abbreviator;
    private ThrowableProxyConverter exceptions;
    private final ZoneId zone = ZoneId.systemDefault();

    /**
     * Formats every event as Ponte's line: {@code [yyyy-MM-dd ]HH:mm:ss.SSS LEVEL [thread] logger - message}, the logger
     * name abbreviated to about {@code loggerLength} characters as {@code %logger{loggerLength}} does, then the stack
     * trace, if any. Call before {@link #start()}.
     */
    public void setLine(boolean withDate, int loggerLength) {
        this.line = true;
        this.withDate = withDate;
        this.abbreviator = new TargetLengthBasedClassNameAbbreviator(loggerLength);
    }

    @Override
    public void start() {
        if (!line) {
            super.start();
            return;
        }
        exceptions = new ThrowableProxyConverter();
        exceptions.setContext(getContext());
        exceptions.start();
        started = true;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        String text;
        try {
            text = Redactor.redact(line ? format(event) : layout.doLayout(event));
        } catch (RuntimeException | StackOverflowError e) {
            text = "[a log line of " + event.getLoggerName() + " was withheld: masking secrets in it failed ("
                    + e.getClass().getSimpleName() + ")]" + System.lineSeparator();
        }
        Charset charset = getCharset() == null ? Charset.defaultCharset() : getCharset();
        return text.getBytes(charset);
    }

    private String format(ILoggingEvent event) {
        StringBuilder b = new StringBuilder(128);
        LocalDateTime t = LocalDateTime.ofInstant(Instant.ofEpochMilli(event.getTimeStamp()), zone);
        if (withDate) {
            pad(b, t.getYear(), 4).append('-');
            pad(b, t.getMonthValue(), 2).append('-');
            pad(b, t.getDayOfMonth(), 2).append(' ');
        }
        pad(b, t.getHour(), 2).append(':');
        pad(b, t.getMinute(), 2).append(':');
        pad(b, t.getSecond(), 2).append('.');
        pad(b, t.getNano() / 1_000_000, 3).append(' ');
        String level = event.getLevel().toString();
        b.append(level);
        for (int i = level.length(); i < 5; i++) {
            b.append(' ');
        }
        b.append(" [").append(event.getThreadName()).append("] ");
        b.append(abbreviator.abbreviate(event.getLoggerName())).append(" - ");
        b.append(event.getFormattedMessage()).append(System.lineSeparator());
        if (event.getThrowableProxy() != null) {
            b.append(exceptions.convert(event));
        }
        return b.toString();
    }

    private static StringBuilder pad(StringBuilder b, int value, int width) {
        String s = Integer.toString(value);
        for (int i = s.length(); i < width; i++) {
            b.append('0');
        }
        return b.append(s);
    }
}
