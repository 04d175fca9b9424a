package cn.anxing.bus.solver;

/**
 * @param iterations     ruin-and-recreate iterations run
 * @param improvements   times a new best plan was found
 * @param elapsedMillis  wall-clock time spent
 * @param bestAtMillis   when the returned plan was found
 */
public record SolverStatistics(long iterations, long improvements, long elapsedMillis,
                               long bestAtMillis) {
}
