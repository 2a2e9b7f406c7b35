package dev.ponte.core.task;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The words for a live list that can no longer be trusted: its watch has not been confirmed by the API server since a
 * moment (a dropped VPN can leave a watch open that delivers nothing), or it missed changes and is being read again.
 */
public final class Staleness {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private Staleness() {
    }

    /**
     * "Workloads may be out of date since 14:02:31: Cannot reach the API server of dev. Ponte keeps checking; Refresh
     * reads them again now."
     *
     * @param what   the list, capitalised ("Namespaces", "Workloads", "Bridges")
     * @param cause  why (a failed check, or {@link MissedChangesException})
     * @param target what was being reached, as {@link ErrorAdvice} words it
     */
    public static String message(String what, Instant since, Throwable cause, String target) {
        String why = cause instanceof MissedChangesException m ? m.getMessage()
                : ErrorAdvice.explain(cause, target).title();
        return what + " may be out of date since " + TIME.format(since.atZone(ZoneId.systemDefault())) + ": " + why
                + ". Ponte keeps checking; Refresh reads them again now.";
    }

    /** The watch was open but did not deliver changes the API server had (a check compared the list with it). */
    public static final class MissedChangesException extends RuntimeException {
        public MissedChangesException(String message) {
            super(message);
        }
    }
}
