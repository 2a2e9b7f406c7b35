package dev.ponte.kube.gefyra;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Part of {@link GefyraOperatorDouble}: the validating webhook {@code client-parameters.gefyra.dev} of upstream
 * operator/gefyra/handler/configure_webhook.py ({@code check_validate_provider_parameters}) and
 * connection/stowaway/__init__.py ({@code validate}, {@code _subnet_taken}), answered inside the mock's dispatcher
 * (it has no webhooks). A denial is Kopf's AdmissionError, code 500, which the API server passes on as
 * {@code admission webhook "client-parameters.gefyra.dev" denied the request: ...}. Mounts and bridges:
 * {@link DoubleBridgeAdmission}. Also test-injected API faults.
 * Runs on the mock's event loop: reads only the double's memory (its informer cache and peer list).
 */
final class DoubleAdmission {
    private static final Pattern CLIENTS = Pattern.compile(
            "^/apis/gefyra\\.dev/v1/namespaces/([^/]+)/gefyraclients(?:/([^/?]+))?/?(?:\\?.*)?$");
    /** {@code WIREGUARD_CIDR_PATTERN} in connection/stowaway/__init__.py. */
    private static final Pattern CIDR = Pattern.compile("^\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}/\\d{1,3}$");

    private record ApiFault(String method, Pattern path, int status, Duration delay, AtomicInteger left) {
    }

    private final GefyraOperatorDouble d;
    private final List<ApiFault> faults = new CopyOnWriteArrayList<>();

    DoubleAdmission(GefyraOperatorDouble d) {
        this.d = d;
    }

    void addFault(String method, String pathRegex, int status, Duration delay, int times) {
        faults.add(new ApiFault(method, Pattern.compile(pathRegex), status, delay, new AtomicInteger(times)));
    }

    /** The header a test's client puts on a request to have it fail (see {@link #injected}). */
    static final String FAULT_HEADER = "X-Ponte-Test-Fault";

    /** The mock's request hook: a response to send instead, or null to let the request through. */
    MockResponse admit(RecordedRequest request) {
        String asked = request.getHeader(FAULT_HEADER);
        if (asked != null) {
            return injected(asked);
        }
        MockResponse fault = fault(request);
        if (fault != null) {
            return fault;
        }
        DoubleBridgeAdmission.Denial refused = d.startup.webhookServing ? d.bridgeAdmission.admit(request) : null;
        if (refused != null) {
            return status(500, "admission webhook \"" + refused.webhook() + "\" denied the request: " + refused.message(),
                    "InternalError");
        }
        Matcher m = CLIENTS.matcher(request.getPath());
        String method = request.getMethod();
        if (!d.startup.webhookServing || !m.matches() || !List.of("POST", "PUT", "PATCH").contains(method)) {
            return null;
        }
        try {
            String denial = "POST".equals(method) ? validateCreate(request) : validateUpdate(m.group(1), m.group(2), request);
            return denial == null ? null : status(500, "admission webhook \"client-parameters.gefyra.dev\" denied the "
                    + "request: " + denial, "InternalError");
        } catch (RuntimeException e) {
            return null; // a body the double cannot read: let the API server judge it
        }
    }

    private MockResponse fault(RecordedRequest request) {
        for (ApiFault f : faults) {
            if (f.method().equalsIgnoreCase(request.getMethod()) && f.path().matcher(request.getPath()).find()
                    && f.left().getAndDecrement() > 0) {
                if (f.status() == 0) {
                    return status(504, "the double delayed this answer", "Timeout").setBodyDelay(f.delay());
                }
                return status(f.status(), "injected by the test: HTTP " + f.status(),
                        f.status() == 429 ? "TooManyRequests" : "InternalError");
            }
        }
        return null;
    }

    private String validateCreate(RecordedRequest request) {
        Map<String, Object> body = json(body(request));
        if (DoubleClients.truthy(body.get("providerParameter"))) {
            return "Cannot set 'providerParameter' when creating a Gefyra client";
        }
        return validateFields(body, false);
    }

    private String validateUpdate(String namespace, String name, RecordedRequest request) {
        if (name == null || d.clientInformer == null) {
            return null;
        }
        GenericKubernetesResource current = d.clientInformer.getStore().getByKey(namespace + "/" + name);
        if (current == null) {
            return null;
        }
        Map<String, Object> old = json(Serialization.asJson(current));
        Map<String, Object> patch = json(body(request));
        String type = Objects.requireNonNullElse(request.getHeader("Content-Type"), "");
        Map<String, Object> updated;
        if ("PUT".equals(request.getMethod())) {
            updated = patch;
        } else if (type.contains("merge-patch") || type.contains("strategic-merge-patch")) {
            updated = mergePatch(old, patch);
        } else {
            return null; // JSON patches are not needed by anyone yet
        }
        // The informer's copy can lag behind the double's own last write (the client may already have
        // seen WAITING): the state the double wrote last is the truth, as it is for the real operator.
        java.util.List<String> written = d.stateHistory.get(name);
        if (written != null && !written.isEmpty()) {
            updated.put("state", written.getLast());
        }
        boolean changed = !Objects.equals(old.get("providerParameter"), updated.get("providerParameter"));
        if (changed && DoubleClients.truthy(updated.get("providerParameter"))
                && !"WAITING".equals(updated.get("state"))) {
            return "Cannot set 'providerParameter' when state is not WAITING";
        }
        return validateFields(updated, changed);
    }

    private String validateFields(Map<String, Object> body, boolean parameterAdded) {
        if (body.get("sunset") instanceof String sunset) {
            try {
                LocalDateTime.parse(sunset.replace("Z", ""));
            } catch (DateTimeParseException e) {
                return "Cannot parse 'sunset': " + e.getMessage();
            }
        }
        if (body.get("providerParameter") instanceof Map<?, ?> p && p.get("subnet") instanceof String subnet
                && !subnet.isEmpty()) {
            if (!CIDR.matcher(subnet).matches()) {
                return "The Wireguard subnet '" + subnet + "' does not validate with regex '" + CIDR.pattern() + "'.";
            }
            if (parameterAdded && d.stowaway.subnetTaken(subnet)) {
                return "The Wireguard subnet '" + subnet + "' is already taken.";
            }
        }
        return null;
    }

    /** RFC 7386 JSON merge patch. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> mergePatch(Map<String, Object> target, Map<String, Object> patch) {
        Map<String, Object> out = new LinkedHashMap<>(target);
        patch.forEach((k, v) -> {
            if (v == null) {
                out.remove(k);
            } else if (v instanceof Map<?, ?> pv && out.get(k) instanceof Map<?, ?> tv) {
                out.put(k, mergePatch((Map<String, Object>) tv, (Map<String, Object>) pv));
            } else {
                out.put(k, v);
            }
        });
        return out;
    }

    /** The body without consuming it ({@code getUtf8Body()} empties the buffer the CRUD store reads next). */
    private static String body(RecordedRequest request) {
        return request.getBody() == null ? "{}"
                : new String(request.getBody().getBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(String s) {
        return Serialization.unmarshal(s, Map.class);
    }

    /**
     * The answer a request marked with {@link #FAULT_HEADER} gets: {@code 500}, {@code 403}, {@code 429:<seconds>} (with
     * Retry-After and the Status' retryAfterSeconds, as the API server sends them) or {@code delay:<millis>} (an answer
     * that comes too late).
     */
    private static MockResponse injected(String asked) {
        if (asked.startsWith("delay:")) {
            return status(504, "the test delayed this answer", "Timeout")
                    .setBodyDelay(Duration.ofMillis(Long.parseLong(asked.substring("delay:".length()))));
        }
        if (asked.startsWith("429:")) {
            int seconds = Integer.parseInt(asked.substring(4));
            Map<String, Object> status = new LinkedHashMap<>();
            status.put("kind", "Status");
            status.put("apiVersion", "v1");
            status.put("metadata", Map.of());
            status.put("status", "Failure");
            status.put("message", "storage is (re)initializing");
            status.put("reason", "TooManyRequests");
            status.put("details", Map.of("retryAfterSeconds", seconds));
            status.put("code", 429);
            return new MockResponse().setResponseCode(429).setHeader("Content-Type", "application/json")
                    .setHeader("Retry-After", Integer.toString(seconds)).setBody(Serialization.asJson(status));
        }
        int code = Integer.parseInt(asked);
        return code == 403
                ? status(403, "gefyraclients.gefyra.dev is forbidden: User \"dev\" cannot do this", "Forbidden")
                : status(code, "injected by the test: HTTP " + code, "InternalError");
    }

    private static MockResponse status(int code, String message, String reason) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("kind", "Status");
        status.put("apiVersion", "v1");
        status.put("metadata", Map.of());
        status.put("status", "Failure");
        status.put("message", message);
        status.put("reason", reason);
        status.put("code", code);
        return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json")
                .setBody(Serialization.asJson(status));
    }
}
