package cn.anxing.bus.solver;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How long to search and with which random seed; the same seed and problem give the same plan
 * when the search is not cut short by the clock (it is checked after every iteration, so the
 * number of iterations, hence the plan, can differ between a loaded and an idle machine).
 * {@code maxIterations} bounds the search independently of the clock (0 = no bound): with it the
 * plan is fully deterministic.
 */
public record SolverOptions(long seed, Duration timeLimit, long maxIterations,
                            Consumer<SolverProgress> progress) {

    public SolverOptions {
        Objects.requireNonNull(timeLimit, "timeLimit");
        if (timeLimit.isNegative() || maxIterations < 0) {
            throw new IllegalArgumentException("time limit and iterations must not be negative");
        }
        progress = progress == null ? p -> { } : progress;
    }

    public static SolverOptions of(long seed, Duration timeLimit) {
        return new SolverOptions(seed, timeLimit, 0, null);
    }
}
