package dev.ponte.kube.gefyra;

import static dev.ponte.kube.gefyra.GefyraResources.NAMESPACE;

import dev.ponte.core.gefyra.GefyraImages;
import dev.ponte.core.gefyra.InstallOptions;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The two Deployments of upstream client/gefyra/misc/comps/deployment.py (2.5.4): the operator and, from the same
 * image with {@code OP_MODE=webhook}, the admission webhook. Env values are Python {@code str()} of the install
 * options, as upstream writes them.
 */
final class OperatorDeployments {
    /** Upstream's defaults for options Ponte does not expose (types/install.py). */
    static final String MAX_CONNECTION_AGE = "-1";
    static final String CARRIER2_DEBUG = "False";
    static final String DISABLE_CLIENT_SA_MANAGEMENT = "False";

    private OperatorDeployments() {
    }

    static Deployment operator(InstallOptions options) {
        List<EnvVar> env = commonEnv(options);
        // upstream puts the Carrier2 pair between the connection age and the debug flag
        env.addAll(6, List.of(
                env("GEFYRA_CARRIER2_IMAGE", repository(options.images().carrier2())),
                env("GEFYRA_CARRIER2_IMAGE_TAG", tag(options.images().carrier2(), options.images().version())),
                env("GEFYRA_CARRIER2_DEBUG", CARRIER2_DEBUG)));
        return deployment(GefyraResources.OPERATOR_DEPLOYMENT, "operator", container(options, env, false));
    }

    static Deployment webhook(InstallOptions options) {
        List<EnvVar> env = commonEnv(options);
        env.addFirst(env("OP_MODE", "webhook"));
        return deployment(GefyraResources.WEBHOOK_DEPLOYMENT, "webhook", container(options, env, true));
    }

    /** Env both Deployments share, in upstream's order (the operator inserts its Carrier2 entries at index 6). */
    private static List<EnvVar> commonEnv(InstallOptions options) {
        GefyraImages images = options.images();
        String registry = images.registry();
        List<EnvVar> env = new ArrayList<>();
        env.add(env("GEFYRA_STOWAWAY_IMAGE", repository(images.stowaway())));
        env.add(env("GEFYRA_STOWAWAY_TAG", tag(images.stowaway(), images.version())));
        // Carrier v1 is no longer built, but 2.5.4's installer still sets it (section 1)
        env.add(env("GEFYRA_CARRIER_IMAGE", registry + "/carrier"));
        env.add(env("GEFYRA_CARRIER_IMAGE_TAG", images.version()));
        env.add(env("GEFYRA_STOWAWAY_STORAGE", Integer.toString(options.stowawayStorageMi())));
        env.add(env("GEFYRA_STOWAWAY_MAX_CONNECTION_AGE", MAX_CONNECTION_AGE));
        env.add(env("GEFYRA_DISABLE_CLIENT_SA_MANAGEMENT", DISABLE_CLIENT_SA_MANAGEMENT));
        return env;
    }

    private static Container container(InstallOptions options, List<EnvVar> env, boolean probe) {
        ContainerBuilder c = new ContainerBuilder()
                .withName("gefyra")
                .withImage(options.images().operator())
                .withImagePullPolicy("IfNotPresent")
                .addNewPort().withContainerPort(9443).endPort()
                .withEnv(env);
        if (probe) {
            // healthcheck.py POSTs a fake admission request; the first one makes the webhook post Gefyra-Webhook-Ready
            c.withNewLivenessProbe()
                    .withNewExec().withCommand("python", "gefyra/healthcheck.py").endExec()
                    .withInitialDelaySeconds(5).withPeriodSeconds(5).withTimeoutSeconds(3)
                    .endLivenessProbe();
        }
        return c.build();
    }

    private static Deployment deployment(String name, String role, Container container) {
        Map<String, String> labels = GefyraManifests.ordered("gefyra.dev/app", "gefyra-operator", "gefyra.dev/role", role);
        return new DeploymentBuilder()
                .withMetadata(GefyraManifests.meta(NAMESPACE, name, labels))
                .withNewSpec()
                .withReplicas(1)
                .withNewSelector().withMatchLabels(GefyraManifests.ordered(
                        "gefyra.dev/app", "gefyra-operator", "gefyra.dev/role", role)).endSelector()
                .withNewTemplate()
                .withNewMetadata().withLabels(GefyraManifests.ordered(
                        "gefyra.dev/app", "gefyra-operator", "gefyra.dev/role", role)).endMetadata()
                .withNewSpec()
                .withServiceAccountName(GefyraResources.OPERATOR_SERVICE_ACCOUNT)
                .withContainers(container)
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    private static EnvVar env(String name, String value) {
        return new EnvVarBuilder().withName(name).withValue(value).build();
    }

    /** {@code quay.io/gefyra/stowaway:2.5.4} → {@code quay.io/gefyra/stowaway} (the operator appends the tag). */
    static String repository(String image) {
        int colon = image.lastIndexOf(':');
        return colon > image.lastIndexOf('/') ? image.substring(0, colon) : image;
    }

    /** The tag of {@code image}, or {@code fallback} when it has none. */
    static String tag(String image, String fallback) {
        int colon = image.lastIndexOf(':');
        return colon > image.lastIndexOf('/') ? image.substring(colon + 1) : fallback;
    }
}
