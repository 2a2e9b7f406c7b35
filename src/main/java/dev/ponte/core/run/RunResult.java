package dev.ponte.core.run;

import java.util.List;

/**
 * @param envSource   how copied values were read, or null without env-from
 * @param envProblems values that could not be copied, with the reason
 * @param repointed   bridges whose destination moved to this container's new address
 */
public record RunResult(LocalContainer container, String envSource, List<String> envProblems, List<String> repointed) {
    public RunResult {
        envProblems = List.copyOf(envProblems);
        repointed = List.copyOf(repointed);
    }
}
