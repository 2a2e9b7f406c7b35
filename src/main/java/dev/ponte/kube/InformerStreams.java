package dev.ponte.kube;

import dev.ponte.core.port.StreamListener;
import dev.ponte.core.port.Subscription;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import java.util.function.Function;

/** Opens {@link InformerStream} to the adapter's sub-packages (the Gefyra custom resources' live lists). */
public final class InformerStreams {
    private InformerStreams() {
    }

    /**
     * Watches {@code op}'s objects and delivers them, mapped, to {@code listener}, checking every
     * {@code checks.period()} that the watch still delivers (see {@link InformerStream}).
     *
     * @param name for the log, e.g. "bridges"
     */
    public static <T, R extends HasMetadata> Subscription start(StreamListener<T> listener,
                                                                FilterWatchListDeletable<R, ? extends KubernetesResourceList<R>, ?> op,
                                                                Function<R, T> mapper, WatchChecks checks, String name) {
        return new InformerStream<T>(listener, checks, name).add(op, mapper).start();
    }
}
