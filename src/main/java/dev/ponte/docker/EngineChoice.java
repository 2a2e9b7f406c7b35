package dev.ponte.docker;

import dev.ponte.core.port.ContainerEngine;
import dev.ponte.core.task.Problem;
import java.util.List;
import java.util.Optional;

/**
 * Which engine Ponte uses and why the other candidates were not used — for the pre-flight step and the
 * engine picker.
 *
 * @param used     the candidate in use, or null when none answers
 * @param info     what the used engine said about itself, or null
 * @param verdicts one per candidate, in discovery order
 */
public record EngineChoice(EngineCandidate used, ContainerEngine.Info info, List<Verdict> verdicts) {
    public EngineChoice {
        verdicts = List.copyOf(verdicts);
    }

    public enum Status {
        /** This one is used. */
        USED,
        /** Answers, but another one is used (it comes first, or the user picked another). */
        ANSWERS,
        /** The socket is there (or can't be checked), but nothing answers. */
        NOT_ANSWERING,
        /** No socket at that path. */
        MISSING,
        /** An endpoint Ponte cannot talk to (ssh://). */
        UNSUPPORTED
    }

    /**
     * @param info what the engine said about itself when it answered, else null
     */
    public record Verdict(EngineCandidate candidate, Status status, String reason, ContainerEngine.Info info) {
    }

    public boolean found() {
        return used != null;
    }

    /** One line for the status bar or the pre-flight step. */
    public String summary() {
        if (used == null) {
            long present = verdicts.stream().filter(v -> v.status() == Status.NOT_ANSWERING).count();
            return "No container engine answers (" + verdicts.size() + " places checked, " + present + " with a socket)";
        }
        return "Using " + info.product() + " " + info.version() + " at " + used.endpoint() + " (" + used.source() + ")";
    }

    /** What to tell the user when no engine answers; empty when one does. */
    public Optional<Problem> problem() {
        if (used != null) {
            return Optional.empty();
        }
        Optional<Verdict> silent = verdicts.stream().filter(v -> v.status() == Status.NOT_ANSWERING).findFirst();
        String detail = silent.map(v -> "Found " + v.candidate().endpoint() + " (" + v.candidate().source()
                        + "), but it does not answer: " + v.reason())
                .orElse("No Docker, Podman, Colima or Rancher Desktop socket was found.");
        String advice = silent.map(v -> EngineErrors.startAdvice(v.candidate().endpoint()))
                .orElse("Install and start Docker Desktop, Podman, Colima or Rancher Desktop, or set DOCKER_HOST.");
        return Optional.of(new Problem(Problem.Kind.UNREACHABLE, "No container engine is running", detail,
                advice + " Then press Retry."));
    }
}
