package dev.ponte.ui.clusters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ponte.core.model.KubeContext;
import dev.ponte.core.model.KubeconfigProblem;
import dev.ponte.core.model.KubeconfigSnapshot;
import dev.ponte.testsupport.DirectTaskRunner;
import dev.ponte.ui.common.UiSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContextsViewModelTest {
    private KubeconfigSnapshot snapshot;
    private final List<List<Path>> extraSeen = new ArrayList<>();
    private final UiSettings settings = new UiSettings();
    private final ContextsViewModel vm = new ContextsViewModel(extra -> {
        extraSeen.add(extra);
        return snapshot;
    }, new DirectTaskRunner(), settings);

    private static KubeContext ctx(String name) {
        return new KubeContext(name, "c-" + name, "u", null, "https://" + name, Path.of("/k"));
    }

    private static KubeconfigSnapshot snap(String current, List<KubeconfigProblem> problems, String... names) {
        return new KubeconfigSnapshot(List.of(Path.of("/k")), List.of(names).stream().map(ContextsViewModelTest::ctx).toList(),
                current, problems);
    }

    @Test
    void unusableOpenedFilesInTheSettingsAreSkippedNotFatal() {
        settings.extraKubeconfigs = null;
        snapshot = snap("a", List.of(), "a");
        vm.reload();
        assertEquals(List.of(List.of()), extraSeen);
        settings.extraKubeconfigs = new ArrayList<>(java.util.Arrays.asList(null, "", "/a\u0000b", "/ok.yaml"));
        assertEquals(List.of(Path.of("/ok.yaml")), vm.extraFiles());
        settings.extraKubeconfigs = null;
        vm.addKubeconfigFile(Path.of("/new.yaml"));
        assertEquals(List.of("/new.yaml"), settings.extraKubeconfigs);
    }

    @Test
    void currentContextIsPreselected() {
        snapshot = snap("b", List.of(), "a", "b");
        vm.reload();
        assertEquals("b", vm.selectedProperty().get().name());
        assertFalse(vm.onboardingProperty().get());
    }

    @Test
    void theLastSelectedContextWinsAfterARestart() {
        settings.lastContext = "a";
        snapshot = snap("b", List.of(), "a", "b");
        vm.reload();
        assertEquals("a", vm.selectedProperty().get().name());
    }

    @Test
    void reloadKeepsTheSelectionAndItsRowWhenTheContextIsUnchanged() {
        snapshot = snap("a", List.of(), "a", "b");
        vm.reload();
        vm.selectedProperty().set(vm.contexts().get(1));
        ContextItemViewModel row = vm.selectedProperty().get();
        vm.reload();
        assertSame(row, vm.selectedProperty().get());
        assertEquals("b", settings.lastContext);
    }

    @Test
    void noFilesMeansOnboarding() {
        snapshot = new KubeconfigSnapshot(List.of(Path.of("/home/u/.kube/config")), List.of(), null, List.of());
        vm.reload();
        assertTrue(vm.onboardingProperty().get());
        assertEquals(null, vm.selectedProperty().get());
    }

    @Test
    void problemsAreListedNextToTheValidContexts() {
        snapshot = snap("a", List.of(new KubeconfigProblem(Path.of("/k/bad"), "not valid YAML (line 3)")), "a");
        vm.reload();
        assertEquals(1, vm.problems().size());
        assertEquals(1, vm.contexts().size());
        assertFalse(vm.onboardingProperty().get());
    }

    @Test
    void anOpenedFileIsRememberedAndMerged() {
        snapshot = snap("a", List.of(), "a");
        vm.addKubeconfigFile(Path.of("/tmp/other.yaml"));
        assertEquals(List.of("/tmp/other.yaml"), settings.extraKubeconfigs);
        assertEquals(List.of(Path.of("/tmp/other.yaml")), extraSeen.getLast());
        vm.addKubeconfigFile(Path.of("/tmp/other.yaml"));
        assertEquals(1, settings.extraKubeconfigs.size(), "not added twice");
    }
}
