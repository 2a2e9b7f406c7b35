package dev.ponte.ui.tray.dbus;

import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.Struct;
import org.freedesktop.dbus.Tuple;
import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.annotations.Position;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.messages.DBusSignal;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;

/**
 * A menu exported over D-Bus, {@code com.canonical.dbusmenu} (libdbusmenu's protocol; its interface description
 * {@code dbus-menu.xml} is the specification, and the StatusNotifierItem's {@code Menu} property points at it).
 * Items have integer ids (0 is the root) and properties: {@code type} ("standard" / "separator"), {@code label}
 * (underscores mark access keys, "__" is a literal one), {@code enabled}, {@code visible}, {@code toggle-type}
 * ("checkmark"), {@code toggle-state} (0 / 1), {@code children-display} ("submenu").
 */
@DBusInterfaceName(DbusMenuBus.INTERFACE)
public interface DbusMenuBus extends DBusInterface {
    String INTERFACE = "com.canonical.dbusmenu";

    /** The layout under {@code parentId}, {@code recursionDepth} levels deep (-1: all); empty names: every property. */
    LayoutReply<UInt32, MenuLayout> GetLayout(int parentId, int recursionDepth, List<String> propertyNames);

    List<ItemProperties> GetGroupProperties(List<Integer> ids, List<String> propertyNames);

    Variant<?> GetProperty(int id, String name);

    /** The host tells the menu that something happened to an item: "clicked", "hovered", "opened", "closed". */
    void Event(int id, String eventId, Variant<?> data, UInt32 timestamp);

    /** Several events at once; returns the ids that were not found. */
    List<Integer> EventGroup(List<MenuEvent> events);

    /** The host is about to show the submenu {@code id}; true when it should fetch the layout again first. */
    boolean AboutToShow(int id);

    AboutToShowGroupReply<List<Integer>, List<Integer>> AboutToShowGroup(List<Integer> ids);

    /** {@code (ia{sv}av)}: an item, its properties, and its children as variants of the same structure. */
    final class MenuLayout extends Struct {
        public static final String SIGNATURE = "(ia{sv}av)";
        @Position(0)
        public final int id;
        @Position(1)
        public final Map<String, Variant<?>> properties;
        @Position(2)
        public final List<Variant<?>> children;

        public MenuLayout(int id, Map<String, Variant<?>> properties, List<Variant<?>> children) {
            this.id = id;
            this.properties = properties;
            this.children = children;
        }
    }

    /** {@code (ia{sv})}. */
    final class ItemProperties extends Struct {
        @Position(0)
        public final int id;
        @Position(1)
        public final Map<String, Variant<?>> properties;

        public ItemProperties(int id, Map<String, Variant<?>> properties) {
            this.id = id;
            this.properties = properties;
        }
    }

    /** {@code (ias)}. */
    final class RemovedProperties extends Struct {
        @Position(0)
        public final int id;
        @Position(1)
        public final List<String> names;

        public RemovedProperties(int id, List<String> names) {
            this.id = id;
            this.names = names;
        }
    }

    /** {@code (isvu)}: one event of {@link #EventGroup}. */
    final class MenuEvent extends Struct {
        @Position(0)
        public final int id;
        @Position(1)
        public final String eventId;
        @Position(2)
        public final Variant<?> data;
        @Position(3)
        public final UInt32 timestamp;

        public MenuEvent(int id, String eventId, Variant<?> data, UInt32 timestamp) {
            this.id = id;
            this.eventId = eventId;
            this.data = data;
            this.timestamp = timestamp;
        }
    }

    /** GetLayout's two out arguments {@code (u revision, (ia{sv}av) layout)} (generic: see {@link AboutToShowGroupReply}). */
    final class LayoutReply<A, B> extends Tuple {
        @Position(0)
        public final A revision;
        @Position(1)
        public final B layout;

        public LayoutReply(A revision, B layout) {
            this.revision = revision;
            this.layout = layout;
        }
    }

    /**
     * AboutToShowGroup's {@code (ai updatesNeeded, ai idErrors)}; generic because dbus-java reads a tuple's element
     * types from the method's generic return type.
     */
    final class AboutToShowGroupReply<A, B> extends Tuple {
        @Position(0)
        public final A updatesNeeded;
        @Position(1)
        public final B idErrors;

        public AboutToShowGroupReply(A updatesNeeded, B idErrors) {
            this.updatesNeeded = updatesNeeded;
            this.idErrors = idErrors;
        }
    }

    /** The layout changed from revision {@code revision} on, under {@code parent} (0: all of it). */
    class LayoutUpdated extends DBusSignal {
        public final UInt32 revision;
        public final int parent;

        public LayoutUpdated(String path, UInt32 revision, int parent) throws DBusException {
            super(path, revision, parent);
            this.revision = revision;
            this.parent = parent;
        }
    }

    class ItemsPropertiesUpdated extends DBusSignal {
        public final List<ItemProperties> updated;
        public final List<RemovedProperties> removed;

        public ItemsPropertiesUpdated(String path, List<ItemProperties> updated, List<RemovedProperties> removed)
                throws DBusException {
            super(path, updated, removed);
            this.updated = updated;
            this.removed = removed;
        }
    }

    class ItemActivationRequested extends DBusSignal {
        public final int id;
        public final UInt32 timestamp;

        public ItemActivationRequested(String path, int id, UInt32 timestamp) throws DBusException {
            super(path, id, timestamp);
            this.id = id;
            this.timestamp = timestamp;
        }
    }
}
