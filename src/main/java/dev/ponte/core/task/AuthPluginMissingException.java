package dev.ponte.core.task;

/** The kubeconfig's user runs an exec credential plugin that is not installed. */
public class AuthPluginMissingException extends RuntimeException {
    private final String command;

    public AuthPluginMissingException(String command) {
        super("Credential plugin not found: " + command);
        this.command = command;
    }

    public String command() {
        return command;
    }
}
