package cn.anxing.bus.solver;

/** A new best plan was found: reported through {@link SolverOptions#progress()}. */
public record SolverProgress(long elapsedMillis, int studentsServed, int buses, double totalCost) {
}
