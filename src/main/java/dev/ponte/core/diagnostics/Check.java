package dev.ponte.core.diagnostics;

import dev.ponte.core.task.Redactor;

/**
 * One line of the diagnostics checklist: what was checked, the verdict, what was measured and what to do about it.
 *
 * @param key      stable id of the line ({@link Checks}; a bridge's line is {@code bridge:<name>}), for links that open
 *                 the checklist at a failing line
 * @param title    what was checked, e.g. "Stowaway's WireGuard endpoint"
 * @param evidence what was measured or read, in plain words ("UDP 10.0.0.5:31820 refused (ICMP port unreachable)")
 * @param fix      what to do when it is not OK; empty when OK
 */
public record Check(String key, String title, CheckState state, String evidence, String fix) {
    public Check {
        evidence = Redactor.redact(evidence == null ? "" : evidence);
        fix = Redactor.redact(fix == null ? "" : fix);
    }

    public static Check ok(String key, String title, String evidence) {
        return new Check(key, title, CheckState.OK, evidence, "");
    }

    public static Check warning(String key, String title, String evidence, String fix) {
        return new Check(key, title, CheckState.WARNING, evidence, fix);
    }

    public static Check failed(String key, String title, String evidence, String fix) {
        return new Check(key, title, CheckState.FAILED, evidence, fix);
    }

    public static Check notChecked(String key, String title, String why) {
        return new Check(key, title, CheckState.NOT_CHECKED, why, "");
    }

    /** "✗ Cluster DNS through Cargo — evidence (fix)" in one block of plain text. */
    public String text() {
        StringBuilder b = new StringBuilder().append('[').append(state.word()).append("] ").append(title).append('\n')
                .append("    ").append(evidence.replace("\n", "\n    ")).append('\n');
        if (!fix.isEmpty()) {
            b.append("    Fix: ").append(fix.replace("\n", "\n    ")).append('\n');
        }
        return b.toString();
    }
}
