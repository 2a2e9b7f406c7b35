package dev.ponte.ui.clusters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.core.connections.ConnectionNames;
import dev.ponte.core.model.KubeContext;
import dev.ponte.core.task.ApiStatusException;
import dev.ponte.core.task.Backoff;
import dev.ponte.testsupport.DirectTaskRunner;
import dev.ponte.testsupport.FakeCluster;
import dev.ponte.testsupport.ManualScheduler;
import dev.ponte.ui.common.UiSettings;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Names from users and kubeconfigs: a namespace typed where listing is forbidden, and context names that become
 * connection names (Docker networks, Cargo's name, the WireGuard file in ~/.gefyra).
 */
class NameInputCorpusTest {

    @ParameterizedTest(name = "namespace typed: ''{0}''")
    @ValueSource(strings = {"", "   ", "Shop", "my_ns", "-shop", "shop-", "shop.eu", "shop eu", "shop🚀", "grüße",
            "../kube-system", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void aTypedNamespaceThatIsNoNamespaceIsNamedAndTheListStaysAsItWas(String typed) {
        FakeCluster cluster = new FakeCluster();
        cluster.namespaceFailure = new ApiStatusException(403, "namespaces is forbidden", null);
        ClusterViewModel vm = new ClusterViewModel(cluster, new DirectTaskRunner(), new ManualScheduler(), Runnable::run,
                new UiSettings(), Backoff.DEFAULT);
        vm.show(new ContextItemViewModel(new KubeContext("prod", "c", "u", "shop", "https://x", Path.of("/k"))));
        assertEquals("shop", vm.selectedNamespaceProperty().get());

        vm.useNamespace(typed);

        String notice = vm.namespaceNoticeProperty().get();
        assertTrue(notice.contains("is not a valid namespace name (lower-case letters, digits and '-', at most 63)"), notice);
        assertEquals("shop", vm.selectedNamespaceProperty().get(), "the namespace shown stays");
        assertEquals(List.of("shop"), vm.namespaces(), "nothing odd is added to the list");
    }

    @ParameterizedTest(name = "context ''{0}''")
    @ValueSource(strings = {"prod/eu", "../../etc/passwd", "prod eu", "PROD", "🚀 rocket", "生产", "a:b@c",
            "kind-dev;rm -rf ~", "ctx\ttab", "x", "--", "...", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void anyContextNameBecomesASafeConnectionName(String context) {
        String name = ConnectionNames.forContext(context);
        assertTrue(name.matches("[a-z0-9][a-z0-9-]{0,62}"), context + " -> " + name);
        assertTrue(ConnectionNames.checkedName(name).isPresent(), "a name Ponte made passes its own check: " + name);
        Path gefyra = Path.of("/home/u/.gefyra");
        assertEquals(gefyra, gefyra.resolve(name + ".conf").normalize().getParent(), "the WireGuard file stays in ~/.gefyra");
    }
}
