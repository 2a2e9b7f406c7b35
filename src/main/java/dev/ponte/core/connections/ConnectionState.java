package dev.ponte.core.connections;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where one connection stands. The allowed moves are explicit ({@link #canMoveTo}); the service refuses any other,
 * like Cryptomator's vault states, so a late callback can never drag a connection back into a state it has left.
 */
public enum ConnectionState {
    /** Not looked at yet (the start-up reconcile has not reached it). */
    UNKNOWN,
    NOT_CONNECTED,
    CONNECTING,
    CONNECTED,
    DEGRADED,
    DOWN,
    DISCONNECTING,
    /** Cancel was pressed: the operation is undoing what it created. */
    CANCELLING,
    /** The last operation failed; what is left (if anything) is listed, and the next action offered. */
    FAILED,
    /** Found at start: an earlier run (a crash, a quit, another tool) left parts of a connection: resume or clean up. */
    INTERRUPTED;

    private static final Map<ConnectionState, Set<ConnectionState>> MOVES = Map.of(
            UNKNOWN, EnumSet.of(NOT_CONNECTED, CONNECTED, DEGRADED, DOWN, INTERRUPTED, CONNECTING, FAILED),
            NOT_CONNECTED, EnumSet.of(CONNECTING, CONNECTED, INTERRUPTED, UNKNOWN),
            CONNECTING, EnumSet.of(CONNECTED, FAILED, CANCELLING, NOT_CONNECTED),
            CONNECTED, EnumSet.of(DEGRADED, DOWN, DISCONNECTING, CONNECTING, NOT_CONNECTED),
            DEGRADED, EnumSet.of(CONNECTED, DOWN, DISCONNECTING, CONNECTING, NOT_CONNECTED),
            DOWN, EnumSet.of(CONNECTED, DEGRADED, DISCONNECTING, CONNECTING, NOT_CONNECTED),
            DISCONNECTING, EnumSet.of(NOT_CONNECTED, FAILED, CANCELLING),
            CANCELLING, EnumSet.of(NOT_CONNECTED, FAILED),
            FAILED, EnumSet.of(CONNECTING, DISCONNECTING, NOT_CONNECTED, CONNECTED, INTERRUPTED),
            INTERRUPTED, EnumSet.of(CONNECTING, DISCONNECTING, NOT_CONNECTED, CONNECTED, DEGRADED, DOWN));

    /** True when a connection in this state may move to {@code next}. */
    public boolean canMoveTo(ConnectionState next) {
        return this == next || MOVES.get(this).contains(next);
    }

    /** A tunnel exists (healthy or not): Disconnect applies and Quit asks about it. */
    public boolean isUp() {
        return this == CONNECTED || this == DEGRADED || this == DOWN;
    }

    /** An operation runs: nothing else may start. */
    public boolean isBusy() {
        return this == CONNECTING || this == DISCONNECTING || this == CANCELLING;
    }

    /** The word every screen uses for the state (ux.md: Connected / Degraded / Down). */
    public String word() {
        return switch (this) {
            case UNKNOWN -> "Checking…";
            case NOT_CONNECTED -> "Not connected";
            case CONNECTING -> "Connecting…";
            case CONNECTED -> "Connected";
            case DEGRADED -> "Degraded";
            case DOWN -> "Down";
            case DISCONNECTING -> "Disconnecting…";
            case CANCELLING -> "Cancelling…";
            case FAILED -> "Failed";
            case INTERRUPTED -> "Left over";
        };
    }

    /** The tone a badge or dot takes: success, warning, danger or muted. */
    public Tone tone() {
        return switch (this) {
            case CONNECTED -> Tone.SUCCESS;
            case DEGRADED, INTERRUPTED -> Tone.WARNING;
            case DOWN, FAILED -> Tone.DANGER;
            default -> Tone.MUTED;
        };
    }

    /** Semantic colours (ux.md: success = connected, warning = degraded, danger = down, muted = none). */
    public enum Tone { SUCCESS, WARNING, DANGER, MUTED }
}
