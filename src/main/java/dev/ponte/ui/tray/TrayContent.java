package dev.ponte.ui.tray;

import dev.ponte.core.status.AppStatus;
import java.util.List;

/** Everything the tray shows at one moment: the icon's state, its tooltip and its menu. */
public record TrayContent(AppStatus.Overall icon, String tooltip, List<TrayMenu.Item> menu) {
    public TrayContent {
        menu = List.copyOf(menu);
    }
}
