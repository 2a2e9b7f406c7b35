package dev.ponte.core.logs;

import dev.ponte.core.port.LogListener;
import dev.ponte.core.port.LogRequest;
import dev.ponte.core.port.LogSource;
import dev.ponte.core.port.LogStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A log source the test drives: it records every open and lets the test push lines, end or fail each stream. */
public final class FakeLogSource implements LogSource {
    /** One opened stream. */
    public static final class Opened {
        public final String part;
        public final LogRequest request;
        public final LogListener listener;
        public boolean closed;

        Opened(String part, LogRequest request, LogListener listener) {
            this.part = part;
            this.request = request;
            this.listener = listener;
        }

        public void push(String... lines) {
            listener.onLines(List.of(lines));
        }
    }

    private final String title;
    private final List<String> parts;
    public List<String> containers = List.of();
    public final List<Opened> opened = new ArrayList<>();
    public final Map<String, List<String>> initial = new LinkedHashMap<>();

    public FakeLogSource(String title, String... parts) {
        this.title = title;
        this.parts = List.of(parts);
    }

    @Override
    public String title() {
        return title;
    }

    @Override
    public List<String> parts() {
        return parts;
    }

    @Override
    public List<String> containers() {
        return containers;
    }

    @Override
    public synchronized LogStream open(String part, LogRequest request, LogListener listener) {
        Opened o = new Opened(part, request, listener);
        opened.add(o);
        listener.onOpen();
        List<String> first = initial.get(part);
        if (first != null && !first.isEmpty()) {
            listener.onLines(first);
        }
        return () -> o.closed = true;
    }

    public synchronized Opened last() {
        return opened.getLast();
    }

    public synchronized Opened last(String part) {
        return opened.reversed().stream().filter(o -> o.part.equals(part)).findFirst().orElseThrow();
    }
}
