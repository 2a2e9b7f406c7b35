package dev.ponte.ui.diagnostics;

import dev.ponte.core.bridge.TestRequestSender;
import dev.ponte.core.cleanup.CleanupAssistant;
import dev.ponte.core.connections.ConnectionService;
import dev.ponte.core.diagnostics.DiagnosticsService;
import dev.ponte.core.gefyra.Connection;
import dev.ponte.core.support.SupportBundle;
import dev.ponte.core.team.TeamService;
import dev.ponte.ui.common.TaskRunner;
import java.time.Clock;
import java.util.function.Function;

/** What the diagnose-and-repair screens need from the core (issue 14): wired by the app, handed to the main window. */
public record RepairTools(DiagnosticsService diagnostics, SupportBundle bundle, CleanupAssistant cleanup, TeamService team,
                          Function<Connection, TestRequestSender> testRequests, ConnectionService connections, TaskRunner tasks,
                          Clock clock) {
}
