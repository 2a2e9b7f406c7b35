package dev.ponte.core.gefyra;

/**
 * What is installed of Gefyra in a cluster.
 *
 * @param operatorImage the operator Deployment's image (tells the version), null when absent
 * @param operatorReady {@code gefyra-operator} has a ready replica
 * @param webhookReady  {@code gefyra-operator-webhook} has a ready replica
 * @param stowawayReady pod {@code gefyra-stowaway-0} is Ready
 */
public record OperatorStatus(boolean namespacePresent, String operatorImage, boolean operatorReady,
                             boolean webhookReady, boolean stowawayReady) {
    public boolean installed() {
        return operatorImage != null;
    }

    public boolean ready() {
        return operatorReady && webhookReady && stowawayReady;
    }

    /** The tag of the operator image, e.g. {@code 2.5.4}; null when unknown. */
    public String version() {
        if (operatorImage == null || operatorImage.lastIndexOf(':') < operatorImage.lastIndexOf('/')) {
            return null;
        }
        return operatorImage.substring(operatorImage.lastIndexOf(':') + 1);
    }
}
