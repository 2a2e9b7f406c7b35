package dev.ponte.kube.logs;

import io.fabric8.kubernetes.client.KubernetesClient;

/** A cluster session that runs on a fabric8 client, so kube adapters outside its package can reuse the client. */
public interface Fabric8Backed {
    KubernetesClient fabric8Client();
}
