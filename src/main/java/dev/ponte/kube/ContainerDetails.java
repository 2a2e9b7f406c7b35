package dev.ponte.kube;

import dev.ponte.core.port.WorkloadInspector.ContainerDetail;
import dev.ponte.core.port.WorkloadInspector.Port;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps the containers of a pod template to {@link ContainerDetail}s: ports, probe kinds (Carrier2 answers only HTTP
 * probes, upstream {@code operator/gefyra/bridge_mount/carrier2mount/__init__.py}), and the resources that
 * {@code --cpu-from}/{@code --memory-from} copy (limit, else request; upstream {@code client/gefyra/api/run.py}).
 */
final class ContainerDetails {
    private static final Logger LOG = LoggerFactory.getLogger(ContainerDetails.class);
    private static final BigDecimal NANOS = BigDecimal.valueOf(1_000_000_000L);

    private ContainerDetails() {
    }

    static List<ContainerDetail> of(PodTemplateSpec template) {
        return containers(template).stream().map(ContainerDetails::of).toList();
    }

    static List<Container> containers(PodTemplateSpec template) {
        if (template == null || template.getSpec() == null || template.getSpec().getContainers() == null) {
            return List.of();
        }
        return template.getSpec().getContainers();
    }

    static ContainerDetail of(Container c) {
        List<Port> ports = new ArrayList<>();
        if (c.getPorts() != null) {
            for (ContainerPort p : c.getPorts()) {
                if (p.getContainerPort() != null) {
                    ports.add(new Port(p.getName(), p.getContainerPort(), p.getProtocol() == null ? "TCP" : p.getProtocol()));
                }
            }
        }
        Set<String> probeKinds = new LinkedHashSet<>();
        Stream.of(c.getLivenessProbe(), c.getReadinessProbe(), c.getStartupProbe())
                .forEach(p -> probeKind(p, probeKinds));
        Quantity cpu = limitOrRequest(c.getResources(), "cpu");
        Quantity memory = limitOrRequest(c.getResources(), "memory");
        return new ContainerDetail(c.getName(), c.getImage(), ports, List.copyOf(probeKinds),
                cpu == null ? 0 : cpuNanos(cpu, c.getName()), memory == null ? 0 : bytes(memory, c.getName()));
    }

    private static void probeKind(Probe p, Set<String> kinds) {
        if (p == null) {
            return;
        }
        if (p.getHttpGet() != null) {
            kinds.add("httpGet");
        }
        if (p.getExec() != null) {
            kinds.add("exec");
        }
        if (p.getTcpSocket() != null) {
            kinds.add("tcpSocket");
        }
        if (p.getGrpc() != null) {
            kinds.add("grpc");
        }
    }

    /** The limit for {@code resource}, else its request, else null. */
    static Quantity limitOrRequest(ResourceRequirements r, String resource) {
        if (r == null) {
            return null;
        }
        Quantity limit = get(r.getLimits(), resource);
        return limit != null ? limit : get(r.getRequests(), resource);
    }

    static Quantity get(Map<String, Quantity> m, String key) {
        return m == null ? null : m.get(key);
    }

    /** {@code 500m} → 500,000,000; rounded up, as the kubelet rounds CPU up to whole milli-CPUs. 0 if unreadable. */
    static long cpuNanos(Quantity q, String container) {
        try {
            return q.getNumericalAmount().multiply(NANOS).setScale(0, RoundingMode.CEILING).longValueExact();
        } catch (ArithmeticException | IllegalArgumentException e) {
            LOG.warn("Container {}: CPU quantity '{}' cannot be read; treating it as unset", container, q);
            return 0;
        }
    }

    /** {@code 256Mi} → 268,435,456; 0 if unreadable. */
    static long bytes(Quantity q, String container) {
        try {
            return Quantity.getAmountInBytes(q).setScale(0, RoundingMode.CEILING).longValueExact();
        } catch (ArithmeticException | IllegalArgumentException e) {
            LOG.warn("Container {}: memory quantity '{}' cannot be read; treating it as unset", container, q);
            return 0;
        }
    }
}
