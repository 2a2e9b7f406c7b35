package dev.ponte.core.task;

import java.util.List;

/** The text behind "Copy diagnostics": enough to report a problem, with secrets redacted. */
public final class Diagnostics {
    private Diagnostics() {
    }

    public static String of(String operation, Problem p, List<StepEvent> steps, Throwable error) {
        StringBuilder b = new StringBuilder();
        b.append("Ponte diagnostics\nOperation: ").append(operation).append('\n');
        b.append("Java: ").append(System.getProperty("java.version")).append(", OS: ")
                .append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.arch")).append("\n\n");
        b.append("Problem: ").append(p.title()).append('\n').append(p.detail()).append('\n')
                .append("Advice: ").append(p.advice()).append("\n\nSteps:\n");
        for (StepEvent s : steps) {
            if (s != null) {
                b.append(String.format("  %d/%d %-9s %6d ms  %s  %s%n", s.index(), s.total(), s.state(),
                        s.elapsed().toMillis(), s.name(), s.detail()));
            }
        }
        b.append("\nCause chain:\n");
        int depth = 0;
        for (Throwable t = error; t != null && depth < 16; t = t.getCause() == t ? null : t.getCause(), depth++) {
            b.append("  ").append(t.getClass().getName()).append(": ").append(t.getMessage()).append('\n');
        }
        return ErrorAdvice.redact(b.toString());
    }
}
