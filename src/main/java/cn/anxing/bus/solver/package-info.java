/**
 * The school-bus route optimizer (校车线路与站点选择): given a cost matrix (school 0,
 * candidate stops 1..m), the student groups with the stops each may walk to, the fleet and an
 * optional ride-time rule ({@link cn.anxing.bus.solver.BusRoutingProblem}), it chooses the
 * stops to serve, each group's stop and the order of stops on each bus
 * ({@link cn.anxing.bus.solver.BusRoutingPlan}).
 *
 * <h2>What is where</h2>
 * <ul>
 *   <li>{@link cn.anxing.bus.solver.BusRouteSolver} is the search, kept whole as one algorithm;
 *       {@link cn.anxing.bus.solver.SearchModel} and {@link cn.anxing.bus.solver.SearchState} are
 *       its working shapes.</li>
 *   <li>The benchmarks' readers and models ({@link cn.anxing.bus.solver.SchittekatInstance},
 *       {@link cn.anxing.bus.solver.LewisInstance}, {@link cn.anxing.bus.solver.LewisModel}) and
 *       the {@code sbrp} command ({@link cn.anxing.bus.solver.SbrpCommand}) that prints one JSON
 *       line per instance; {@code check} verifies those answers independently.</li>
 * </ul>
 *
 * <h2>What it may not touch</h2>
 * Plain Java: no Vert.x, Netty, SQL, HTTP edge or database code, enforced by the layer rule in
 * {@code src/test/java/cn/anxing/architecture}. It knows neither GraphHopper nor the bus feature
 * ({@code cn.anxing.bus}) that calls it: the feature builds the matrices from the road network
 * and stores and shows the plans. Single-threaded and deterministic for a seed when bounded by
 * iterations; the caller chooses the thread it runs on.
 */
package cn.anxing.bus.solver;
