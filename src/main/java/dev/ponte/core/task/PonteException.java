package dev.ponte.core.task;

/** An exception that already carries its user-facing {@link Problem}. */
public class PonteException extends RuntimeException {
    private final transient Problem problem;

    public PonteException(Problem problem) {
        this(problem, null);
    }

    public PonteException(Problem problem, Throwable cause) {
        super(problem.title() + ": " + problem.detail(), cause);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
