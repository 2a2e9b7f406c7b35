package dev.ponte.docker;

import com.github.dockerjava.api.exception.InternalServerErrorException;
import dev.ponte.core.task.PonteException;
import java.io.IOException;

/** What the Docker adapter throws when the engine answers an error or has gone away, for tests of the layers above. */
public final class EngineFaults {
    private EngineFaults() {
    }

    /** The engine answered 500 with its own message, as {@code DockerEngine} reports it. */
    public static PonteException error(String endpoint, String action) {
        return EngineErrors.translate(new InternalServerErrorException(
                "Status 500: {\"message\":\"driver failed programming external connectivity: iptables failed\"}"),
                endpoint, action);
    }

    /** Nothing answers on the engine's socket any more (the daemon stopped), as {@code DockerEngine} reports it. */
    public static PonteException gone(String endpoint, String action) {
        return EngineErrors.translate(new RuntimeException(new IOException("Connection refused")), endpoint, action);
    }
}
