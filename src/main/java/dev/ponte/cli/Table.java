package dev.ponte.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Human output: columns aligned to their widest cell, upper-case headers, two spaces between columns (like kubectl). */
final class Table {
    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    Table(String... headers) {
        this.headers = List.of(headers);
    }

    Table row(Object... cells) {
        List<String> r = new ArrayList<>();
        for (Object c : cells) {
            r.add(c == null || c.toString().isEmpty() ? "-" : oneLine(c.toString()));
        }
        rows.add(r);
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    void print(PrintWriter out) {
        int[] width = new int[headers.size()];
        for (int i = 0; i < width.length; i++) {
            width[i] = headers.get(i).length();
            for (List<String> r : rows) {
                width[i] = Math.max(width[i], r.get(i).length());
            }
        }
        line(out, headers, width);
        rows.forEach(r -> line(out, r, width));
        out.flush();
    }

    private static void line(PrintWriter out, List<String> cells, int[] width) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            sb.append(cells.get(i));
            if (i < cells.size() - 1) {
                sb.append(" ".repeat(width[i] - cells.get(i).length() + 2));
            }
        }
        out.println(sb.toString().stripTrailing());
    }

    /**
     * Values from labels and clusters are untrusted: no line breaks, escape sequences, other control characters or bidi
     * overrides reach the terminal.
     */
    static String oneLine(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(c -> sb.appendCodePoint(Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
                || c == 0x2028 || c == 0x2029 ? ' ' : c));
        return sb.toString();
    }
}
