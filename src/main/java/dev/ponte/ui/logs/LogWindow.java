package dev.ponte.ui.logs;

import dev.ponte.core.port.LogSource;
import java.util.List;
import javafx.beans.value.ObservableBooleanValue;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;

/**
 * The log window: one tab per opened source ("Logs: tabs per source" in the product's UX notes), in its
 * own stage so logs can sit on a second screen next to the main window while the user works there. One
 * window for all log tabs; {@code open…} adds a tab, selects it and brings the window to the front. The
 * theme follows the app: AtlantaFX's user-agent stylesheet is global, and the {@code :dark} pseudo-class
 * mirrors the app's. Closing a tab or the window stops its streams.
 */
public final class LogWindow {
    private static final PseudoClass DARK = PseudoClass.getPseudoClass("dark");
    private final LogContext context;
    private final ObservableBooleanValue dark;
    private final TabPane tabs = new TabPane();
    private Stage stage;

    /** @param dark whether the app shows its dark theme now (null: never) */
    public LogWindow(LogContext context, ObservableBooleanValue dark) {
        this.context = context;
        this.dark = dark;
        tabs.setId("logTabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.ALL_TABS);
    }

    /** A pod, a workload (all its pods merged) or a local container, in a new tab. */
    public LogViewModel open(LogSource source) {
        LogViewModel vm = new LogViewModel(source, context);
        addTab(source.title(), new LogView(vm), vm::close);
        vm.start();
        return vm;
    }

    /** Several sources merged on one timeline in a new tab. */
    public LogViewModel openMerged(String title, List<LogSource> sources) {
        LogViewModel vm = new LogViewModel(title, sources, context);
        addTab(title, new LogView(vm), vm::close);
        vm.start();
        return vm;
    }

    /** A bridged workload and its local container: side by side, with a toggle to merge them. */
    public LogPairView openPair(LogSource cluster, LogSource local) {
        LogPairView pair = new LogPairView(cluster, local, context);
        addTab(cluster.title() + " ⇄ " + local.title(), pair, pair::close);
        return pair;
    }

    public TabPane tabs() {
        return tabs;
    }

    /** The window, created on first use. */
    public Stage stage() {
        if (stage == null) {
            stage = new Stage();
            stage.setTitle("Ponte — Logs");
            Scene scene = new Scene(tabs, 1100, 680);
            scene.getStylesheets().add(dev.ponte.ui.common.PonteStyleSheet.url());
            if (dark != null) {
                tabs.pseudoClassStateChanged(DARK, dark.get());
                dark.addListener((o, a, b) -> tabs.pseudoClassStateChanged(DARK, b));
            }
            stage.setScene(scene);
            stage.setOnHidden(e -> closeAll());
        }
        return stage;
    }

    /** Closes every tab (stopping its streams) and the window. */
    public void closeAll() {
        for (Tab t : List.copyOf(tabs.getTabs())) {
            if (t.getOnClosed() != null) {
                t.getOnClosed().handle(null);
            }
        }
        tabs.getTabs().clear();
        if (stage != null && stage.isShowing()) {
            stage.hide();
        }
    }

    private void addTab(String title, Node content, Runnable onClose) {
        Tab tab = new Tab(title, content);
        tab.setOnClosed(e -> onClose.run());
        tabs.getTabs().add(tab);
        tabs.getSelectionModel().select(tab);
        Stage s = stage();
        if (!s.isShowing()) {
            s.show();
        }
        s.toFront();
    }
}
