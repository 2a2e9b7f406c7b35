package dev.ponte.kube;

import dev.ponte.core.task.ApiStatusException;
import dev.ponte.core.task.ErrorAdvice;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.HostIP;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A container's environment worked out from its pod template, for when no pod can be exec'd into. Follows the
 * kubelet's order: {@code envFrom} sources first (a later source wins), then {@code env} entries (which win over
 * {@code envFrom}; a later entry wins), with {@code $(NAME)} references in plain values expanded against what is
 * defined before them ({@code $$} escapes). ConfigMaps and Secrets are read once each; Secret values are
 * base64-decoded and never logged.
 *
 * <p>What cannot be known this way: the image's own variables ({@code PATH} and whatever its Dockerfile sets) and the
 * Service link variables ({@code <SVC>_SERVICE_HOST}) the kubelet adds; pod fields such as {@code status.podIP} when
 * no pod exists. Every value that cannot be read becomes one line in {@link Result#problems()}: what, why, next step.
 */
final class TemplateEnvironment {
    /** Key suffix (+ index) for problems about references inside a value (the value itself is still given). */
    private static final String REF_SUFFIX = "\u0000ref";
    private static final Pattern FIELD_KEY = Pattern.compile("metadata\\.(labels|annotations)\\['(.+)'\\]");

    private final KubernetesClient client;
    private final String namespace;
    private final PodTemplateSpec template;
    private final Pod pod;
    private final Map<String, Source> sources = new HashMap<>();
    private final Map<String, String> values = new LinkedHashMap<>();
    /** Variable name (or an envFrom source's description) → its problem line; a later definition replaces it. */
    private final Map<String, String> problems = new LinkedHashMap<>();
    /** envFrom sources that could not be read: any undefined $(NAME) may have come from them. */
    private final List<String> unreadableEnvFrom = new ArrayList<>();

    /** The resolved values and the problem lines, in definition order. */
    record Result(Map<String, String> values, List<String> problems) {
    }

    /** A ConfigMap or Secret as read: its data, or that it does not exist, or why it could not be read. */
    private record Source(String description, Map<String, String> data, boolean missing, String failure) {
    }

    private TemplateEnvironment(KubernetesClient client, String namespace, PodTemplateSpec template, Pod pod) {
        this.client = client;
        this.namespace = namespace;
        this.template = template;
        this.pod = pod;
    }

    /**
     * @param pod a pod of the workload for pod fields ({@code metadata.name}, {@code status.podIP}, ...), or null
     */
    static Result resolve(KubernetesClient client, String namespace, PodTemplateSpec template, Container container,
                          Pod pod) {
        TemplateEnvironment env = new TemplateEnvironment(client, namespace, template, pod);
        env.run(container);
        return new Result(env.values, List.copyOf(env.problems.values()));
    }

    private void run(Container container) {
        if (container.getEnvFrom() != null) {
            for (EnvFromSource from : container.getEnvFrom()) {
                envFrom(from);
            }
        }
        if (container.getEnv() != null) {
            for (EnvVar e : container.getEnv()) {
                env(container, e);
            }
        }
    }

    private void envFrom(EnvFromSource from) {
        String prefix = from.getPrefix() == null ? "" : from.getPrefix();
        Source source;
        boolean optional;
        if (from.getConfigMapRef() != null) {
            source = configMap(from.getConfigMapRef().getName());
            optional = Boolean.TRUE.equals(from.getConfigMapRef().getOptional());
        } else if (from.getSecretRef() != null) {
            source = secret(from.getSecretRef().getName());
            optional = Boolean.TRUE.equals(from.getSecretRef().getOptional());
        } else {
            return;
        }
        String what = "envFrom " + source.description() + (prefix.isEmpty() ? "" : " (prefix " + prefix + ")");
        if (source.data() != null) {
            source.data().forEach((k, v) -> define(prefix + k, v));
        } else if (source.missing()) {
            if (!optional) {
                problems.put(what, what + ": does not exist (the pods cannot start without it either)"
                        + " — its variables are missing; add them by hand");
            }
        } else {
            problems.put(what, what + ": could not be read (" + source.failure()
                    + ") — its variables are missing; add them by hand");
            unreadableEnvFrom.add(source.description());
        }
    }

    private void env(Container container, EnvVar e) {
        String name = e.getName();
        EnvVarSource from = e.getValueFrom();
        if (from == null) {
            List<String> refProblems = new ArrayList<>();
            define(name, expand(name, e.getValue() == null ? "" : e.getValue(), refProblems));
            for (int i = 0; i < refProblems.size(); i++) {
                problems.put(name + REF_SUFFIX + i, refProblems.get(i));
            }
        } else if (from.getConfigMapKeyRef() != null) {
            var ref = from.getConfigMapKeyRef();
            keyRef(name, configMap(ref.getName()), ref.getKey(), Boolean.TRUE.equals(ref.getOptional()));
        } else if (from.getSecretKeyRef() != null) {
            var ref = from.getSecretKeyRef();
            keyRef(name, secret(ref.getName()), ref.getKey(), Boolean.TRUE.equals(ref.getOptional()));
        } else if (from.getFieldRef() != null) {
            field(name, from.getFieldRef().getFieldPath());
        } else if (from.getResourceFieldRef() != null) {
            var ref = from.getResourceFieldRef();
            String target = ref.getContainerName() == null || ref.getContainerName().isEmpty()
                    ? container.getName() : ref.getContainerName();
            resource(name, target, ref.getResource(), ref.getDivisor());
        } else {
            unreadable(name, name + ": its source (valueFrom) is of a kind Ponte cannot read — set it by hand");
        }
    }

    private void keyRef(String name, Source source, String key, boolean optional) {
        if (source.data() != null) {
            String v = source.data().get(key);
            if (v != null) {
                define(name, v);
            } else if (!optional) {
                unreadable(name, name + ": " + source.description() + " has no key \"" + key
                        + "\" (the pods cannot start without it either) — add it by hand");
            }
        } else if (source.missing()) {
            if (!optional) {
                unreadable(name, name + ": " + source.description()
                        + " does not exist (the pods cannot start without it either) — add it by hand");
            }
        } else {
            unreadable(name, name + ": " + source.description() + " could not be read (" + source.failure()
                    + ") — add it by hand");
        }
    }

    private void field(String name, String path) {
        String v = fieldValue(path);
        if (v != null) {
            define(name, v);
        } else if (pod == null) {
            unreadable(name, name + ": " + path + " is known only for a running pod, and the workload has none"
                    + " — set it by hand");
        } else {
            unreadable(name, name + ": the pod field " + path + " cannot be read — set it by hand");
        }
    }

    /** A downward-API field of the pod, or (without a pod) what the template already fixes; null if unknown. */
    private String fieldValue(String path) {
        if (path == null) {
            return null;
        }
        Matcher m = FIELD_KEY.matcher(path);
        if (pod != null) {
            var meta = pod.getMetadata();
            var status = pod.getStatus();
            if (m.matches()) {
                Map<String, String> map = m.group(1).equals("labels") ? meta.getLabels() : meta.getAnnotations();
                return map == null ? "" : map.getOrDefault(m.group(2), "");
            }
            return switch (path) {
                case "metadata.name" -> meta.getName();
                case "metadata.namespace" -> meta.getNamespace();
                case "metadata.uid" -> meta.getUid();
                case "spec.nodeName" -> pod.getSpec() == null ? null : pod.getSpec().getNodeName();
                case "spec.serviceAccountName" -> serviceAccount(pod.getSpec() == null ? null
                        : pod.getSpec().getServiceAccountName());
                case "status.podIP" -> status == null ? null : status.getPodIP();
                case "status.podIPs" -> status == null || status.getPodIPs() == null ? null
                        : status.getPodIPs().stream().map(PodIP::getIp).collect(Collectors.joining(","));
                case "status.hostIP" -> status == null ? null : status.getHostIP();
                case "status.hostIPs" -> status == null || status.getHostIPs() == null ? null
                        : status.getHostIPs().stream().map(HostIP::getIp).collect(Collectors.joining(","));
                default -> null;
            };
        }
        if (m.matches()) {
            var meta = template.getMetadata();
            Map<String, String> map = meta == null ? null
                    : m.group(1).equals("labels") ? meta.getLabels() : meta.getAnnotations();
            return map == null ? "" : map.getOrDefault(m.group(2), "");
        }
        return switch (path) {
            case "metadata.namespace" -> namespace;
            case "spec.serviceAccountName" -> serviceAccount(template.getSpec() == null ? null
                    : template.getSpec().getServiceAccountName());
            default -> null;
        };
    }

    private static String serviceAccount(String name) {
        return name == null || name.isEmpty() ? "default" : name;
    }

    /** The kubelet's resourceFieldRef value: the quantity divided by the divisor, rounded up. */
    private void resource(String name, String containerName, String resource, Quantity divisor) {
        Container target = ContainerDetails.containers(template).stream()
                .filter(c -> containerName.equals(c.getName())).findFirst().orElse(null);
        if (target == null) {
            unreadable(name, name + ": refers to container " + containerName + ", which the pod template does not have"
                    + " — set it by hand");
            return;
        }
        String[] parts = resource == null ? new String[0] : resource.split("\\.", 2);
        if (parts.length != 2 || !(parts[0].equals("limits") || parts[0].equals("requests"))
                || !List.of("cpu", "memory", "ephemeral-storage").contains(parts[1])) {
            unreadable(name, name + ": the resource " + resource + " cannot be worked out without a pod — set it by hand");
            return;
        }
        var r = target.getResources();
        Quantity limit = r == null ? null : ContainerDetails.get(r.getLimits(), parts[1]);
        Quantity q = parts[0].equals("limits") ? limit
                : r == null ? null : Objects.requireNonNullElse(ContainerDetails.get(r.getRequests(), parts[1]), limit);
        if (q == null && parts[0].equals("limits")) {
            unreadable(name, name + ": container " + containerName + " has no " + parts[1]
                    + " limit, so the pod sees its node's capacity, which Ponte cannot know — set it by hand");
            return;
        }
        try {
            BigDecimal amount = q == null ? BigDecimal.ZERO : q.getNumericalAmount();
            BigDecimal div = divisor == null || divisor.getAmount() == null ? BigDecimal.ONE : divisor.getNumericalAmount();
            if (parts[1].equals("cpu")) {
                // the kubelet divides milli-values: ceil(milli(q) / milli(divisor))
                amount = amount.movePointRight(3).setScale(0, RoundingMode.CEILING);
                div = div.movePointRight(3).setScale(0, RoundingMode.CEILING);
            } else {
                amount = amount.setScale(0, RoundingMode.CEILING);
                div = div.setScale(0, RoundingMode.CEILING);
            }
            if (div.signum() <= 0) {
                throw new ArithmeticException("divisor");
            }
            define(name, amount.divide(div, 0, RoundingMode.CEILING).toPlainString());
        } catch (ArithmeticException | IllegalArgumentException e) {
            unreadable(name, name + ": the " + resource + " value or its divisor cannot be read — set it by hand");
        }
    }

    /**
     * Expands {@code $(NAME)} against the variables defined so far, as the kubelet does: {@code $$} becomes {@code $},
     * an unknown reference stays as written. A reference to a variable that could not be read goes to
     * {@code refProblems} (the value is still given, with the reference as written).
     */
    private String expand(String name, String value, List<String> refProblems) {
        if (value.indexOf('$') < 0) {
            return value;
        }
        StringBuilder out = new StringBuilder();
        int n = value.length();
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c != '$' || i + 1 >= n) {
                out.append(c);
                continue;
            }
            char next = value.charAt(i + 1);
            if (next == '$') {
                out.append('$');
                i++;
            } else if (next == '(') {
                int close = value.indexOf(')', i + 2);
                if (close < 0) {
                    out.append(value, i, n);
                    break;
                }
                String ref = value.substring(i + 2, close);
                if (values.containsKey(ref)) {
                    out.append(values.get(ref));
                } else {
                    out.append("$(").append(ref).append(')');
                    if (problems.containsKey(ref)) {
                        refProblems.add(name + ": refers to $(" + ref + "), which could not be read — add it by hand");
                    } else if (!unreadableEnvFrom.isEmpty()) {
                        refProblems.add(name + ": refers to $(" + ref + "), which may come from "
                                + String.join(", ", unreadableEnvFrom) + " that could not be read — check it by hand");
                    }
                }
                i = close;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private void define(String name, String value) {
        problems.remove(name);
        problems.keySet().removeIf(k -> k.startsWith(name + REF_SUFFIX));
        values.put(name, value);
    }

    /** The variable's latest definition cannot be read: an earlier value for it would be wrong, so it goes. */
    private void unreadable(String name, String line) {
        values.remove(name);
        problems.put(name, line);
    }

    private Source configMap(String name) {
        return sources.computeIfAbsent("ConfigMap/" + name, k -> {
            String what = "ConfigMap " + namespace + "/" + name;
            try {
                ConfigMap cm = client.configMaps().inNamespace(namespace).withName(name).get();
                if (cm == null) {
                    return new Source(what, null, true, null);
                }
                return new Source(what, cm.getData() == null ? Map.of() : cm.getData(), false, null);
            } catch (RuntimeException e) {
                return new Source(what, null, false, reason(e, "configmaps"));
            }
        });
    }

    private Source secret(String name) {
        return sources.computeIfAbsent("Secret/" + name, k -> {
            String what = "Secret " + namespace + "/" + name;
            try {
                Secret s = client.secrets().inNamespace(namespace).withName(name).get();
                if (s == null) {
                    return new Source(what, null, true, null);
                }
                Map<String, String> decoded = new LinkedHashMap<>();
                if (s.getData() != null) {
                    for (var e : s.getData().entrySet()) {
                        decoded.put(e.getKey(), e.getValue() == null ? ""
                                : new String(Base64.getMimeDecoder().decode(e.getValue()), StandardCharsets.UTF_8));
                    }
                }
                return new Source(what, decoded, false, null);
            } catch (IllegalArgumentException e) {
                // bad base64: say so without echoing the value
                return new Source(what, null, false, "its data is not valid base64");
            } catch (RuntimeException e) {
                return new Source(what, null, false, reason(e, "secrets"));
            }
        });
    }

    /** Why a ConfigMap or Secret could not be read, in plain words; never the object's content. */
    private String reason(RuntimeException e, String resource) {
        RuntimeException t = Fabric8Errors.translate(e);
        if (t instanceof ApiStatusException ase) {
            if (ase.status() == 403) {
                return "403 Forbidden: your user may not get " + resource + " in " + namespace;
            }
            if (ase.status() == 401) {
                return "401 Unauthorized: the cluster rejected your credentials";
            }
        }
        return ErrorAdvice.explain(t, "the cluster").detail();
    }
}
