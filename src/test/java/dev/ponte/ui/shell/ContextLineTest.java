package dev.ponte.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ponte.core.model.ContextState;
import dev.ponte.core.model.KubeContext;
import dev.ponte.ui.clusters.ContextItemViewModel;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The status bar's context words, for every state the context can be in. */
class ContextLineTest {
    @Test
    void namesTheContextAndWhatIsKnownOfItsApiServer() {
        assertEquals("No context selected", StatusBarViewModel.contextLine(null));
        ContextItemViewModel c = new ContextItemViewModel(new KubeContext("kind-dev", "c", "u", "default", "https://x", Path.of("/k")));
        assertEquals("kind-dev · not checked", StatusBarViewModel.contextLine(c));
        c.stateProperty().set(ContextState.CHECKING);
        assertEquals("kind-dev · connecting…", StatusBarViewModel.contextLine(c));
        c.serverVersionProperty().set("v1.30.4");
        c.stateProperty().set(ContextState.REACHABLE);
        assertEquals("kind-dev · Kubernetes v1.30.4", StatusBarViewModel.contextLine(c));
        c.stateProperty().set(ContextState.UNREACHABLE);
        assertEquals("kind-dev · unreachable", StatusBarViewModel.contextLine(c));
        c.stateProperty().set(ContextState.NO_ACCESS);
        assertEquals("kind-dev · no access", StatusBarViewModel.contextLine(c));
        c.stateProperty().set(null);
        assertEquals("kind-dev · not checked", StatusBarViewModel.contextLine(c), "no state is no NullPointerException");
    }
}
