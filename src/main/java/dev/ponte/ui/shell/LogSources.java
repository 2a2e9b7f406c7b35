package dev.ponte.ui.shell;

import dev.ponte.core.model.Workload;
import dev.ponte.core.port.LogSource;

/** Where the main window's Logs actions get their sources (wired in {@code app} on the current session and engine). */
public interface LogSources {
    /** All pods of a workload, merged. */
    LogSource workload(Workload workload);

    /** One pod of the selected context. */
    LogSource pod(String namespace, String pod);

    /** A local container of the connection. */
    LogSource localContainer(String name);
}
