package dev.ponte.ui.shell;

import dev.ponte.core.connections.ConnectionSnapshot;
import dev.ponte.core.model.Workload;
import dev.ponte.core.model.WorkloadKind;
import dev.ponte.core.run.BridgeState;
import dev.ponte.core.setups.Setup;
import dev.ponte.ui.clusters.ContextItemViewModel;
import dev.ponte.ui.common.UiSettings;
import dev.ponte.ui.palette.PaletteItem;
import dev.ponte.ui.palette.PaletteItem.Kind;
import dev.ponte.ui.run.LocalContainerItem;
import dev.ponte.ui.workloads.WorkloadItem;
import java.util.ArrayList;
import java.util.List;

/**
 * What the command palette can find in the main window right now: the selected connection's actions (and every
 * other connection's), Run locally, the kubeconfig and theme actions, contexts, the selected context's namespaces
 * (and pinning them), its workloads with Bridge / Run locally like / Logs, the local containers with Logs, Save as
 * setup and Unbridge, and the setups to start. Built fresh each time the palette opens.
 */
final class PaletteSource {
    /** What the palette asks of the window (dialogs and focus live in the view). */
    interface Window {
        void openRunDialog(Workload like);

        void openBridgeWizard(Workload w);

        void openWorkloadLogs(Workload w);

        void openContainerLogs(String container);

        void openKubeconfig();

        void unbridge(BridgeState s);

        void saveAsSetup(LocalContainerItem item);

        void startSetup(Setup s);

        void focusWorkloads();

        /** The diagnostics checklist of a context. */
        void openDiagnostics(String context);

        /** The team view of a context: every client, mount and bridge on its cluster. */
        void openTeam(String context);

        /** The cleanup assistant (leftovers across every context). */
        void openLeftovers();
    }

    private final MainViewModel vm;
    private final Window window;

    PaletteSource(MainViewModel vm, Window window) {
        this.vm = vm;
        this.window = window;
    }

    List<PaletteItem> items() {
        List<PaletteItem> out = new ArrayList<>();
        String selected = vm.connection().contextProperty().get();
        boolean connected = vm.local().connectionProperty().get() != null;
        // The selected connection's actions first, then the other connections'.
        for (ConnectionSnapshot.Action a : List.of(ConnectionSnapshot.Action.CONNECT, ConnectionSnapshot.Action.RESUME,
                ConnectionSnapshot.Action.RECONNECT, ConnectionSnapshot.Action.DISCONNECT, ConnectionSnapshot.Action.CLEAN_UP,
                ConnectionSnapshot.Action.CANCEL)) {
            if (selected != null && vm.connection().actions().contains(a)) {
                out.add(new PaletteItem(Kind.ACTION, a.label() + " " + selected, "the selected context", () -> act(selected, a)));
            }
        }
        for (ConnectionSnapshot c : vm.connectionsProperty().get().connections()) {
            if (!c.context().equals(selected)) {
                for (ConnectionSnapshot.Action a : List.of(ConnectionSnapshot.Action.DISCONNECT, ConnectionSnapshot.Action.RECONNECT,
                        ConnectionSnapshot.Action.CANCEL)) {
                    if (c.can(a)) {
                        out.add(new PaletteItem(Kind.ACTION, a.label() + " " + c.context(), c.state().word(),
                                () -> act(c.context(), a)));
                    }
                }
            }
        }
        if (connected) {
            out.add(new PaletteItem(Kind.ACTION, "Run locally…", "a container inside " + selected + " (Ctrl+R)",
                    () -> window.openRunDialog(null)));
        }
        if (selected != null) {
            out.add(new PaletteItem(Kind.ACTION, "Diagnose " + selected, "the diagnostics checklist", () -> window.openDiagnostics(selected)));
            out.add(new PaletteItem(Kind.ACTION, "Team of " + selected, "who else bridges what on this cluster",
                    () -> window.openTeam(selected)));
        }
        out.add(new PaletteItem(Kind.ACTION, "Leftovers…", "what earlier runs or the gefyra CLI left, across every context",
                window::openLeftovers));
        out.add(new PaletteItem(Kind.ACTION, "Open kubeconfig…", "add a kubeconfig file (Ctrl+O)", window::openKubeconfig));
        out.add(new PaletteItem(Kind.ACTION, "Reload kubeconfig files", "F5", () -> vm.contexts().reload()));
        for (UiSettings.Theme t : UiSettings.Theme.values()) {
            out.add(new PaletteItem(Kind.ACTION, "Theme: " + MainView.themeWord(t), vm.themeProperty().get() == t ? "in use" : "",
                    () -> vm.themeProperty().set(t)));
        }
        for (ContextItemViewModel c : vm.contexts().contexts()) {
            out.add(new PaletteItem(Kind.CONTEXT, c.name(), c.context().server(), () -> vm.contexts().selectedProperty().set(c)));
        }
        for (String ns : List.copyOf(vm.cluster().namespaces())) {
            boolean fav = vm.cluster().isFavourite(ns);
            out.add(new PaletteItem(Kind.NAMESPACE, (fav ? "★ " : "") + ns, selected == null ? "" : "in " + selected,
                    () -> vm.cluster().selectedNamespaceProperty().set(ns)));
            out.add(new PaletteItem(Kind.ACTION, (fav ? "Unpin namespace " : "Pin namespace ") + ns, fav ? "" : "★ on top of the list",
                    () -> vm.cluster().toggleFavourite(ns)));
        }
        for (WorkloadItem item : List.copyOf(vm.workloads().items())) {
            Workload w = item.get();
            String where = w.kind().kind() + " in " + w.namespace();
            out.add(new PaletteItem(Kind.WORKLOAD, w.name(), where, () -> {
                vm.workloads().selectedProperty().set(item);
                window.focusWorkloads();
            }));
            if (connected && w.kind() != WorkloadKind.DAEMON_SET) {
                out.add(new PaletteItem(Kind.ACTION, "Bridge " + w.name() + " to a local container…", where + " (Ctrl+B)",
                        () -> select(item, () -> window.openBridgeWizard(w))));
            }
            if (connected) {
                out.add(new PaletteItem(Kind.ACTION, "Run locally like " + w.name() + "…", where + " (Ctrl+R on its row)",
                        () -> window.openRunDialog(w)));
            }
            out.add(new PaletteItem(Kind.ACTION, "Logs of " + w.name(), where + " (Ctrl+L)", () -> window.openWorkloadLogs(w)));
        }
        for (LocalContainerItem c : List.copyOf(vm.local().items())) {
            out.add(new PaletteItem(Kind.CONTAINER, c.name(), c.container().image() + " · " + c.container().state(),
                    () -> window.openContainerLogs(c.name())));
            out.add(new PaletteItem(Kind.ACTION, "Logs of " + c.name(), "local container", () -> window.openContainerLogs(c.name())));
            if (vm.setups() != null && c.container().running()) {
                out.add(new PaletteItem(Kind.ACTION, "Save " + c.name() + " as setup…", "with its bridges", () -> window.saveAsSetup(c)));
            }
            for (BridgeState b : c.bridges()) {
                out.add(new PaletteItem(Kind.ACTION, "Unbridge " + b.workload() + " from " + c.name(), "bridge " + b.bridge().name(),
                        () -> window.unbridge(b)));
            }
        }
        if (vm.setups() != null) {
            for (Setup s : List.copyOf(vm.setups().setups())) {
                out.add(new PaletteItem(Kind.SETUP, "Start setup " + s.name(), dev.ponte.ui.setups.SetupsViewModel.summary(s),
                        () -> window.startSetup(s)));
            }
        }
        return out;
    }

    private void select(WorkloadItem item, Runnable then) {
        vm.workloads().selectedProperty().set(item);
        then.run();
    }

    private void act(String context, ConnectionSnapshot.Action a) {
        var service = vm.connections();
        switch (a) {
            case CONNECT -> service.connect(context);
            case RESUME -> service.resume(context);
            case RECONNECT -> service.reconnect(context);
            case DISCONNECT -> service.disconnect(context, false);
            case CLEAN_UP -> service.cleanUp(context);
            case CANCEL -> service.cancel(context);
            case UNINSTALL -> { } // asks first: only from the panel
        }
    }
}
