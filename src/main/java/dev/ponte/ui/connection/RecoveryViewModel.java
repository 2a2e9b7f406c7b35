package dev.ponte.ui.connection;

import dev.ponte.core.connections.ConnectionService;
import dev.ponte.core.connections.ConnectionSnapshot;
import dev.ponte.core.connections.ConnectionSnapshot.Action;
import dev.ponte.core.connections.ConnectionsSnapshot;
import dev.ponte.core.connections.Leftovers;
import java.util.List;
import java.util.function.Consumer;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The quiet banner at start: per connection that an earlier run left (a crash, a quit during Connect, an interrupted
 * Run or Bridge), what is there and the two ways on — Resume or Clean up. Never a modal in the way of browsing.
 */
public final class RecoveryViewModel {
    /** One line of the banner. */
    public record Item(String context, String text, boolean canResume, boolean canCleanUp, boolean busy) {
    }

    private final ConnectionService service;
    private final Consumer<String> select;
    private final ObservableList<Item> items = FXCollections.observableArrayList();

    /** @param select shows the context in the window (its connection panel has the details) */
    public RecoveryViewModel(ConnectionService service, Consumer<String> select) {
        this.service = service;
        this.select = select;
    }

    /** A new connections snapshot (FX thread). */
    public void show(ConnectionsSnapshot snapshot) {
        List<Item> next = snapshot.connections().stream().filter(c -> c.leftovers() != null).map(RecoveryViewModel::item).toList();
        if (!next.equals(items)) {
            items.setAll(next);
        }
    }

    static Item item(ConnectionSnapshot c) {
        Leftovers l = c.leftovers();
        String who = c.byGefyraCli() ? " (made by the gefyra CLI)" : "";
        String what = l.interrupted() == null ? "An earlier run left parts of this connection" + who
                : l.interrupted() + " was interrupted";
        String text = c.context() + ": " + what + ". There: " + l.summary() + "."
                + (l.clusterChecked() ? "" : " The cluster did not answer; Ponte asks again.");
        return new Item(c.context(), text, c.can(Action.RESUME), c.can(Action.CLEAN_UP), c.state().isBusy());
    }

    public void resume(Item i) {
        service.resume(i.context());
    }

    public void cleanUp(Item i) {
        service.cleanUp(i.context());
    }

    public void select(Item i) {
        select.accept(i.context());
    }

    public ObservableList<Item> items() {
        return items;
    }
}
