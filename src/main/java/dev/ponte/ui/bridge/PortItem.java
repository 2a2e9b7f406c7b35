package dev.ponte.ui.bridge;

import dev.ponte.core.port.WorkloadInspector.Port;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * One declared port of the target container on the Ports page: whether to bridge it and the local
 * port it goes to (by default the same number).
 */
public final class PortItem {
    private final Port port;
    private final String reason;
    public final BooleanProperty selected = new SimpleBooleanProperty();
    public final StringProperty localPort = new SimpleStringProperty();
    private final StringBinding error;

    PortItem(Port port) {
        this.port = port;
        this.reason = ContainerChoice.tcp(port.protocol()) ? null
                : port.protocol() + ": Carrier2 proxies HTTP over TCP only";
        selected.set(reason == null);
        localPort.set(String.valueOf(port.port()));
        error = Bindings.createStringBinding(() -> selected.get() ? localPortProblem(localPort.get()) : null, selected, localPort);
    }

    /** A port number 1–65535, in words when it is not one. */
    static String localPortProblem(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            return "Enter the port your local container listens on";
        }
        try {
            int n = Integer.parseInt(t);
            return n >= 1 && n <= 65535 ? null : "A port is a number from 1 to 65535";
        } catch (NumberFormatException e) {
            return "A port is a number from 1 to 65535";
        }
    }

    public Port port() {
        return port;
    }

    /** Why this port cannot be bridged, or null. */
    public String reason() {
        return reason;
    }

    /** The local port's problem while selected, or null. */
    public StringBinding errorProperty() {
        return error;
    }

    int local() {
        return Integer.parseInt(localPort.get().strip());
    }

    /** e.g. {@code 80 (http)}. */
    public String label() {
        return port.port() + (port.name() == null || port.name().isBlank() ? "" : " (" + port.name() + ")");
    }
}
