package dev.ponte.kube;

import dev.ponte.core.task.ApiStatusException;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Translates fabric8's exceptions into core types that {@link dev.ponte.core.task.ErrorAdvice} explains. */
public final class Fabric8Errors {
    private Fabric8Errors() {
    }

    public static RuntimeException translate(Throwable t) {
        Throwable e = unwrap(t);
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof KubernetesClientException kce && kce.getCode() > 0) {
                String reason = kce.getStatus() != null && kce.getStatus().getMessage() != null
                        ? kce.getStatus().getMessage() : null;
                // The API server says how long to back off in the Status (it also sends it as Retry-After).
                Integer retryAfter = kce.getStatus() != null && kce.getStatus().getDetails() != null
                        ? kce.getStatus().getDetails().getRetryAfterSeconds() : null;
                return new ApiStatusException(kce.getCode(), reason, retryAfter == null ? 0 : retryAfter, kce);
            }
        }
        return e instanceof RuntimeException re ? re : new RuntimeException(e.getMessage(), e);
    }

    static Throwable unwrap(Throwable t) {
        Throwable e = t;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }
}
