package dev.ponte.kube.gefyra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.core.gefyra.GefyraImages;
import dev.ponte.core.gefyra.InstallOptions;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The install manifests, compared field by field with upstream client/gefyra/misc/comps/*.py at 2.5.4. */
class GefyraManifestsTest {
    private static final InstallOptions DEFAULTS = InstallOptions.defaults(GefyraImages.defaults());

    private static <T> T object(InstallOptions options, Class<T> type, String name) {
        return GefyraManifests.objects(options).stream().filter(type::isInstance)
                .filter(o -> ((HasMetadata) o).getMetadata().getName().equals(name)).map(type::cast).findFirst()
                .orElseThrow();
    }

    private static List<String> env(Deployment d) {
        return d.getSpec().getTemplate().getSpec().getContainers().getFirst().getEnv().stream()
                .map(e -> e.getName() + "=" + e.getValue()).toList();
    }

    @Test
    void objectsAreUpstreamsNineInUpstreamsOrderAllInNamespaceGefyra() {
        List<HasMetadata> objects = GefyraManifests.objects(DEFAULTS);
        assertEquals(List.of("Namespace/gefyra", "ServiceAccount/gefyra-operator", "ClusterRole/gefyra:operator",
                "ClusterRoleBinding/gefyra-operator", "Service/gefyra-admission",
                "ValidatingWebhookConfiguration/gefyra.dev", "Deployment/gefyra-operator",
                "Deployment/gefyra-operator-webhook", "Service/gefyra-stowaway-wireguard"),
                objects.stream().map(GefyraManifests::describe).toList());
        objects.stream().map(o -> o.getMetadata().getNamespace()).filter(ns -> ns != null)
                .forEach(ns -> assertEquals("gefyra", ns));
    }

    @Test
    void everyObjectIsLabelledManagedByPonteButNoSelectorIs() {
        for (HasMetadata o : GefyraManifests.objects(DEFAULTS)) {
            assertEquals("ponte", o.getMetadata().getLabels().get("app.kubernetes.io/managed-by"), o.getKind());
        }
        Deployment operator = object(DEFAULTS, Deployment.class, "gefyra-operator");
        assertEquals(Map.of("gefyra.dev/app", "gefyra-operator", "gefyra.dev/role", "operator"),
                operator.getSpec().getSelector().getMatchLabels());
        assertEquals(operator.getSpec().getSelector().getMatchLabels(),
                operator.getSpec().getTemplate().getMetadata().getLabels());
        Service stowaway = object(DEFAULTS, Service.class, "gefyra-stowaway-wireguard");
        assertEquals(GefyraManifests.STOWAWAY_LABELS, stowaway.getSpec().getSelector());
    }

    @Test
    void caBundleIsTheBase64OfUpstreamsAdmissionCertificate() throws Exception {
        byte[] pem = AdmissionCertificate.PEM.getBytes(StandardCharsets.US_ASCII);
        assertEquals(1842, pem.length);
        assertEquals(AdmissionCertificate.PEM_SHA256,
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(pem)));
        X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem));
        assertEquals("CN=gefyra-admission.gefyra.svc", cert.getSubjectX500Principal().getName());
        assertEquals(Instant.parse("2033-05-28T08:23:06Z"), cert.getNotAfter().toInstant());

        var webhooks = object(DEFAULTS, ValidatingWebhookConfiguration.class, "gefyra.dev").getWebhooks();
        assertEquals(List.of("/client-parameters", "/mount-parameters", "/bridge-parameters"),
                webhooks.stream().map(w -> w.getClientConfig().getService().getPath()).toList());
        for (var w : webhooks) {
            assertEquals(AdmissionCertificate.PEM,
                    new String(Base64.getDecoder().decode(w.getClientConfig().getCaBundle()), StandardCharsets.US_ASCII));
            assertEquals(List.of("v1", "v1beta1"), w.getAdmissionReviewVersions());
            assertEquals("Fail", w.getFailurePolicy());
            assertEquals("Equivalent", w.getMatchPolicy());
            assertEquals("None", w.getSideEffects());
            assertEquals(30, w.getTimeoutSeconds());
            assertEquals(List.of("CREATE", "UPDATE"), w.getRules().getFirst().getOperations());
        }
    }

    @Test
    void operatorDeploymentHasUpstreamsImageAndEnvInOrder() {
        Deployment d = object(DEFAULTS, Deployment.class, "gefyra-operator");
        var c = d.getSpec().getTemplate().getSpec().getContainers().getFirst();
        assertEquals("quay.io/gefyra/operator:2.5.4", c.getImage());
        assertEquals("IfNotPresent", c.getImagePullPolicy());
        assertEquals(9443, c.getPorts().getFirst().getContainerPort());
        assertEquals("gefyra-operator", d.getSpec().getTemplate().getSpec().getServiceAccountName());
        assertEquals(List.of("GEFYRA_STOWAWAY_IMAGE=quay.io/gefyra/stowaway", "GEFYRA_STOWAWAY_TAG=2.5.4",
                "GEFYRA_CARRIER_IMAGE=quay.io/gefyra/carrier", "GEFYRA_CARRIER_IMAGE_TAG=2.5.4",
                "GEFYRA_STOWAWAY_STORAGE=64", "GEFYRA_STOWAWAY_MAX_CONNECTION_AGE=-1",
                "GEFYRA_CARRIER2_IMAGE=quay.io/gefyra/carrier2", "GEFYRA_CARRIER2_IMAGE_TAG=2.5.4",
                "GEFYRA_CARRIER2_DEBUG=False", "GEFYRA_DISABLE_CLIENT_SA_MANAGEMENT=False"), env(d));
        assertNull(c.getLivenessProbe());
    }

    @Test
    void webhookDeploymentRunsInWebhookModeWithTheHealthcheckProbe() {
        Deployment d = object(DEFAULTS, Deployment.class, "gefyra-operator-webhook");
        assertEquals(List.of("OP_MODE=webhook", "GEFYRA_STOWAWAY_IMAGE=quay.io/gefyra/stowaway",
                "GEFYRA_STOWAWAY_TAG=2.5.4", "GEFYRA_CARRIER_IMAGE=quay.io/gefyra/carrier",
                "GEFYRA_CARRIER_IMAGE_TAG=2.5.4", "GEFYRA_STOWAWAY_STORAGE=64",
                "GEFYRA_STOWAWAY_MAX_CONNECTION_AGE=-1", "GEFYRA_DISABLE_CLIENT_SA_MANAGEMENT=False"), env(d));
        var probe = d.getSpec().getTemplate().getSpec().getContainers().getFirst().getLivenessProbe();
        assertEquals(List.of("python", "gefyra/healthcheck.py"), probe.getExec().getCommand());
        assertEquals(List.of(5, 5, 3), List.of(probe.getInitialDelaySeconds(), probe.getPeriodSeconds(),
                probe.getTimeoutSeconds()));
        assertEquals("webhook", d.getMetadata().getLabels().get("gefyra.dev/role"));
    }

    @Test
    void registryVersionAndImageOverridesReachImageAndEnv() {
        GefyraImages images = GefyraImages.of("registry.local:5000/mirror/", "2.5.4-test", false)
                .withOperator("registry.local:5000/ponte/operator:dev");
        images = new GefyraImages(images.registry(), images.version(), images.operator(),
                "registry.local:5000/ponte/stowaway:pinned", images.carrier2(), images.cargo());
        InstallOptions options = new InstallOptions(images, false, 31820, Map.of(), 128);
        Deployment d = object(options, Deployment.class, "gefyra-operator");
        assertEquals("registry.local:5000/ponte/operator:dev",
                d.getSpec().getTemplate().getSpec().getContainers().getFirst().getImage());
        List<String> env = env(d);
        assertTrue(env.contains("GEFYRA_STOWAWAY_IMAGE=registry.local:5000/ponte/stowaway"), env.toString());
        assertTrue(env.contains("GEFYRA_STOWAWAY_TAG=pinned"), env.toString());
        assertTrue(env.contains("GEFYRA_CARRIER_IMAGE=registry.local:5000/mirror/carrier"), env.toString());
        assertTrue(env.contains("GEFYRA_CARRIER2_IMAGE=registry.local:5000/mirror/carrier2"), env.toString());
        assertTrue(env.contains("GEFYRA_CARRIER2_IMAGE_TAG=2.5.4-test"), env.toString());
        assertTrue(env.contains("GEFYRA_STOWAWAY_STORAGE=128"), env.toString());
    }

    @Test
    void nodePortServiceExposesWireGuardOnTheNodePort() {
        Service s = object(DEFAULTS, Service.class, "gefyra-stowaway-wireguard");
        assertEquals("NodePort", s.getSpec().getType());
        var port = s.getSpec().getPorts().getFirst();
        assertEquals(List.of("gefyra-wireguard", "UDP", "51820", "51820", "31820"), List.of(port.getName(),
                port.getProtocol(), "" + port.getPort(), "" + port.getTargetPort().getIntVal(), "" + port.getNodePort()));
        assertTrue(s.getMetadata().getAnnotations() == null || s.getMetadata().getAnnotations().isEmpty());
    }

    @Test
    void loadBalancerServiceUsesTheServicePortAndTheAnnotations() {
        var aws = Map.of("service.beta.kubernetes.io/aws-load-balancer-type", "nlb");
        InstallOptions options = new InstallOptions(GefyraImages.defaults(), true, 51999, aws, 64);
        Service s = object(options, Service.class, "gefyra-stowaway-wireguard");
        assertEquals("LoadBalancer", s.getSpec().getType());
        var port = s.getSpec().getPorts().getFirst();
        assertEquals(51999, port.getPort());
        assertEquals(51820, port.getTargetPort().getIntVal());
        assertNull(port.getNodePort());
        assertEquals(aws, s.getMetadata().getAnnotations());
    }

    @Test
    void operatorClusterRoleHasUpstreamsFiveRules() {
        ClusterRole role = object(DEFAULTS, ClusterRole.class, "gefyra:operator");
        assertEquals(5, role.getRules().size());
        assertEquals(List.of("list", "watch", "patch", "get"), role.getRules().getFirst().getVerbs());
        var wide = role.getRules().get(3);
        assertEquals(List.of("*"), wide.getVerbs());
        assertTrue(wide.getApiGroups().contains("rbac.authorization.k8s.io/v1"));
        assertEquals(16, wide.getResources().size());
        assertEquals(List.of("gefyraclients", "gefyrabridges", "gefyrabridgemounts"), role.getRules().get(4).getResources());
        assertFalse(role.getRules().stream().anyMatch(r -> r.getResources().contains("gefyraclient")));
    }
}
