package dev.ponte.ui.logs;

import dev.ponte.core.port.LogSource;
import dev.ponte.ui.common.Tips;
import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * A bridged workload's logs: the cluster's pods and the local container side by side, or — with
 * "Merge on one timeline" — in one view ordered by timestamp with a chip per source. Switching opens
 * the streams of the new layout and closes the old ones (each view keeps its own rings).
 */
public final class LogPairView extends BorderPane {
    private final LogSource cluster;
    private final LogSource local;
    private final LogContext context;
    private final ToggleButton merge = new ToggleButton("Merge on one timeline");
    private List<LogViewModel> models = List.of();

    public LogPairView(LogSource cluster, LogSource local, LogContext context) {
        this.cluster = cluster;
        this.local = local;
        this.context = context;
        getStyleClass().add("log-pair");
        getStylesheets().add(LogPairView.class.getResource("logs.css").toExternalForm());
        merge.setId("mergeToggle");
        Tips.set(merge, "Show both logs in one list, ordered by time");
        merge.selectedProperty().addListener((o, a, b) -> layoutFor(b));
        HBox bar = new HBox(8, new Label(cluster.title() + "  ⇄  " + local.title()), merge);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 8, 6, 8));
        bar.getStyleClass().add("log-toolbar");
        setTop(bar);
        layoutFor(false);
    }

    private void layoutFor(boolean merged) {
        close();
        if (merged) {
            LogViewModel vm = new LogViewModel(cluster.title() + " + " + local.title(), List.of(cluster, local), context);
            models = List.of(vm);
            setCenter(new LogView(vm));
        } else {
            LogViewModel left = new LogViewModel(cluster, context);
            LogViewModel right = new LogViewModel(local, context);
            models = List.of(left, right);
            SplitPane split = new SplitPane(titled("Cluster: " + cluster.title(), new LogView(left)),
                    titled("Local: " + local.title(), new LogView(right)));
            split.setId("logPairSplit");
            setCenter(split);
        }
        models.forEach(LogViewModel::start);
    }

    private static VBox titled(String title, LogView view) {
        Label heading = new Label(title);
        heading.getStyleClass().add("log-pair-heading");
        heading.setMaxWidth(Double.MAX_VALUE);
        VBox box = new VBox(heading, view);
        VBox.setVgrow(view, javafx.scene.layout.Priority.ALWAYS);
        return box;
    }

    /** The view-models showing now (one when merged, two side by side). */
    public List<LogViewModel> models() {
        return models;
    }

    public ToggleButton mergeToggle() {
        return merge;
    }

    /** Stops the streams. */
    public void close() {
        models.forEach(LogViewModel::close);
        models = List.of();
    }
}
