package dev.ponte.kube.logs;

import dev.ponte.core.logs.LineSplitter;
import dev.ponte.core.port.LogListener;
import dev.ponte.core.port.LogRequest;
import dev.ponte.core.port.LogStream;
import dev.ponte.kube.Fabric8Errors;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.ContainerResource;
import io.fabric8.kubernetes.client.dsl.LogWatch;
import io.fabric8.kubernetes.client.dsl.PodResource;
import io.fabric8.kubernetes.client.dsl.TailPrettyLoggable;
import io.fabric8.kubernetes.client.dsl.TimeTailPrettyLoggable;
import io.fabric8.kubernetes.client.dsl.Loggable;
import java.io.IOException;
import java.io.InputStream;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * One pod container's log on a virtual thread: {@code GET …/pods/{pod}/log?timestamps=true&follow=true}
 * (fabric8's {@code watchLog}), read in chunks and split into lines; each chunk's lines go to the listener
 * as one batch. Closing closes the HTTP stream, which ends the read.
 */
final class PodLogStream implements LogStream {
    private static final int CHUNK = 64 * 1024;
    private final Thread thread;
    private volatile boolean closed;
    private volatile AutoCloseable open;

    private PodLogStream(KubernetesClient client, String namespace, String pod, LogRequest request, LogListener listener) {
        thread = Thread.ofVirtual().name("ponte-log-" + pod).unstarted(() -> run(client, namespace, pod, request, listener));
    }

    static PodLogStream start(KubernetesClient client, String namespace, String pod, LogRequest request, LogListener listener) {
        PodLogStream s = new PodLogStream(client, namespace, pod, request, listener);
        s.thread.start();
        return s;
    }

    private void run(KubernetesClient client, String namespace, String pod, LogRequest request, LogListener listener) {
        try {
            Loggable loggable = loggable(client.pods().inNamespace(namespace).withName(pod), request);
            InputStream in;
            if (request.follow()) {
                LogWatch watch = loggable.watchLog();
                open = watch;
                in = watch.getOutput();
            } else {
                in = loggable.getLogInputStream();
                open = in;
            }
            if (closed) {
                open.close();
                return;
            }
            listener.onOpen();
            read(in, listener);
            if (!closed) {
                listener.onEnd();
            }
        } catch (Exception e) {
            if (!closed) {
                listener.onError(Fabric8Errors.translate(e));
            }
        } finally {
            closeQuietly();
        }
    }

    /** fabric8's log options in the order its DSL takes them. */
    static Loggable loggable(PodResource pod, LogRequest request) {
        ContainerResource container = request.container() != null ? pod.inContainer(request.container()) : pod;
        TimeTailPrettyLoggable timed = request.previous() ? container.usingTimestamps().terminated() : container.usingTimestamps();
        TailPrettyLoggable since = timed;
        if (request.sinceTime() != null) {
            // The API takes whole seconds; the follower skips the lines of that second it already has.
            since = timed.sinceTime(DateTimeFormatter.ISO_INSTANT.format(request.sinceTime().truncatedTo(ChronoUnit.SECONDS)));
        } else if (request.since() != null) {
            since = timed.sinceSeconds((int) Math.max(1, request.since().toSeconds()));
        }
        return request.tailLines() != null ? since.tailingLines(request.tailLines()) : since;
    }

    private void read(InputStream in, LogListener listener) throws IOException {
        List<String> batch = new ArrayList<>();
        LineSplitter splitter = new LineSplitter(batch::add);
        byte[] buf = new byte[CHUNK];
        for (int n; !closed && (n = in.read(buf)) >= 0; ) {
            splitter.feed(buf, 0, n);
            if (!batch.isEmpty()) {
                listener.onLines(List.copyOf(batch));
                batch.clear();
            }
        }
        splitter.finish();
        if (!batch.isEmpty() && !closed) {
            listener.onLines(List.copyOf(batch));
        }
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly();
        thread.interrupt();
    }

    private void closeQuietly() {
        AutoCloseable c = open;
        if (c != null) {
            try {
                c.close();
            } catch (Exception e) {
                // closing a dead stream: nothing to tell
            }
        }
    }

}
