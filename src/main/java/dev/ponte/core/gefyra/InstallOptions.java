package dev.ponte.core.gefyra;

import java.util.Map;

/**
 * How to install Gefyra's cluster side (upstream client/gefyra/types/install.py).
 *
 * @param loadBalancer      LoadBalancer instead of NodePort for the Stowaway Service
 * @param servicePort       the NodePort (default 31820) or the LoadBalancer port
 * @param serviceAnnotations annotations for the Stowaway Service (e.g. an AWS NLB preset)
 * @param stowawayStorageMi size of Stowaway's volume (default 64)
 */
public record InstallOptions(GefyraImages images, boolean loadBalancer, int servicePort,
                             Map<String, String> serviceAnnotations, int stowawayStorageMi) {
    public InstallOptions {
        serviceAnnotations = Map.copyOf(serviceAnnotations);
    }

    public static InstallOptions defaults(GefyraImages images) {
        return new InstallOptions(images, false, Gefyra.DEFAULT_NODE_PORT, Map.of(), 64);
    }
}
