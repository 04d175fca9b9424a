/**
 * Independent checkers of the {@code sbrp} command's answers, for the benchmark runs:
 * {@link cn.anxing.bus.solver.check.SbrpChecker} for Schittekat instances ({@code .xpress}) and
 * {@link cn.anxing.bus.solver.check.LewisChecker} for real-road instances ({@code .bus}). Each
 * recomputes feasibility and the objective from the instance and the answer's JSON line.
 *
 * <h2>What it may not touch</h2>
 * None of the solver's search code: only the instance readers of {@code cn.anxing.bus.solver}
 * are shared, so a bug in the search cannot hide in its own check. Like the solver it is plain
 * Java (no Vert.x, SQL, HTTP or database code; the layer rule covers {@code bus.solver..}); it
 * reads JSON with Jackson only.
 */
package cn.anxing.bus.solver.check;
