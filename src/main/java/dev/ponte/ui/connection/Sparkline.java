package dev.ponte.ui.connection;

import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.layout.Pane;
import javafx.scene.shape.Polyline;

/** A small line of the traffic rate (bytes per sample) over the last samples. */
final class Sparkline extends Pane {
    private final Polyline line = new Polyline();
    private final ObservableList<Double> counters;

    Sparkline(ObservableList<Double> counters) {
        this.counters = counters;
        setId("sparkline");
        getStyleClass().add("sparkline");
        line.getStyleClass().add("sparkline-line");
        getChildren().add(line);
        setPrefSize(220, 28);
        setMinHeight(28);
        counters.addListener((ListChangeListener<Double>) c -> requestLayout());
    }

    @Override
    protected void layoutChildren() {
        line.getPoints().clear();
        int n = counters.size();
        if (n < 2) {
            return;
        }
        double[] rate = new double[n - 1];
        double max = 1;
        for (int i = 1; i < n; i++) {
            rate[i - 1] = Math.max(0, counters.get(i) - counters.get(i - 1));
            max = Math.max(max, rate[i - 1]);
        }
        double w = getWidth();
        double h = getHeight() - 2;
        int slots = Math.max(dev.ponte.core.connections.ConnectionService.SPARK_POINTS - 2, rate.length - 1);
        for (int i = 0; i < rate.length; i++) {
            line.getPoints().addAll(w - (rate.length - 1 - i) * w / slots, 1 + h - rate[i] / max * h);
        }
    }
}
