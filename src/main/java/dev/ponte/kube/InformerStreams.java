package dev.ponte.kube;

import dev.ponte.core.port.StreamListener;
import dev.ponte.core.port.Subscription;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.function.Function;

/** Opens {@link InformerStream} to the adapter's sub-packages (the Gefyra custom resources' live lists). */
public final class InformerStreams {
    private InformerStreams() {
    }

    /** Starts {@code informer} and delivers its objects, mapped, to {@code listener} (see {@link InformerStream}). */
    public static <T, R extends HasMetadata> Subscription start(StreamListener<T> listener, SharedIndexInformer<R> informer,
                                                                Function<R, T> mapper) {
        return new InformerStream<T>(listener).add(informer, mapper).start();
    }
}
