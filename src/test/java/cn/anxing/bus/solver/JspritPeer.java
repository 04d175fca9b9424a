package cn.anxing.bus.solver;

import com.graphhopper.jsprit.core.algorithm.VehicleRoutingAlgorithm;
import com.graphhopper.jsprit.core.algorithm.box.Jsprit;
import com.graphhopper.jsprit.core.algorithm.termination.TimeTermination;
import com.graphhopper.jsprit.core.problem.Location;
import com.graphhopper.jsprit.core.problem.VehicleRoutingProblem;
import com.graphhopper.jsprit.core.problem.job.Service;
import com.graphhopper.jsprit.core.problem.solution.VehicleRoutingProblemSolution;
import com.graphhopper.jsprit.core.problem.solution.route.VehicleRoute;
import com.graphhopper.jsprit.core.problem.solution.route.activity.TourActivity;
import com.graphhopper.jsprit.core.problem.vehicle.VehicleImpl;
import com.graphhopper.jsprit.core.problem.vehicle.VehicleType;
import com.graphhopper.jsprit.core.problem.vehicle.VehicleTypeImpl;
import com.graphhopper.jsprit.core.util.EuclideanCosts;
import com.graphhopper.jsprit.core.util.Solutions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * The peer we compare with: jsprit 1.8 on the usual reduction of the school-bus problem to a
 * capacitated VRP. Each student walks to the nearest stop; every stop someone walks to becomes a
 * service with that many students; v buses of capacity c start and end at the school; costs are
 * Euclidean distances; one thread; stopped by a time-based termination.
 */
final class JspritPeer {

    /** Routes as 0-based stop indices in visiting order, and each student's stop. */
    record Answer(List<int[]> routes, int[] assignment, int unassignedStops, double seconds) {
    }

    private JspritPeer() {
    }

    static Answer solve(SchittekatInstance inst, double seconds, long seed) {
        long started = System.nanoTime();
        double[][] stops = inst.stops();
        int[] assignment = new int[inst.students().length];
        int[] demand = new int[stops.length];
        for (int k = 0; k < assignment.length; k++) {
            double[] p = inst.students()[k];
            int nearest = 0;
            for (int s = 1; s < stops.length; s++) {
                if (Math.hypot(p[0] - stops[s][0], p[1] - stops[s][1])
                        < Math.hypot(p[0] - stops[nearest][0], p[1] - stops[nearest][1])) {
                    nearest = s;
                }
            }
            assignment[k] = nearest;
            demand[nearest]++;
        }
        VehicleType type = VehicleTypeImpl.Builder.newInstance("bus")
                .addCapacityDimension(0, inst.capacity())
                .setCostPerDistance(1.0).setCostPerTransportTime(0.0).setCostPerTime(0.0)
                .setFixedCost(0.0).build();
        Location school = Location.newInstance(inst.school()[0], inst.school()[1]);
        VehicleRoutingProblem.Builder builder = VehicleRoutingProblem.Builder.newInstance()
                .setFleetSize(VehicleRoutingProblem.FleetSize.FINITE)
                .setRoutingCost(new EuclideanCosts());
        for (int v = 0; v < inst.vehicles(); v++) {
            builder.addVehicle(VehicleImpl.Builder.newInstance("bus" + v)
                    .setStartLocation(school).setReturnToDepot(true).setType(type).build());
        }
        for (int s = 0; s < stops.length; s++) {
            if (demand[s] > 0) {
                builder.addJob(Service.Builder.newInstance(Integer.toString(s))
                        .addSizeDimension(0, demand[s])
                        .setLocation(Location.newInstance(stops[s][0], stops[s][1])).build());
            }
        }
        VehicleRoutingProblem problem = builder.build();
        VehicleRoutingAlgorithm algorithm = Jsprit.Builder.newInstance(problem)
                .setProperty(Jsprit.Parameter.THREADS, "1")
                .setRandom(new Random(seed))
                .buildAlgorithm();
        algorithm.setMaxIterations(Integer.MAX_VALUE);
        long remaining = (long) (seconds * 1000) - (System.nanoTime() - started) / 1_000_000;
        TimeTermination termination = new TimeTermination(Math.max(1, remaining));
        algorithm.setPrematureAlgorithmTermination(termination);
        algorithm.addListener(termination);
        VehicleRoutingProblemSolution best = Solutions.bestOf(algorithm.searchSolutions());
        List<int[]> routes = new ArrayList<>();
        List<VehicleRoute> sorted = new ArrayList<>(best.getRoutes());
        sorted.sort(Comparator.comparing(r -> r.getVehicle().getId()));
        for (VehicleRoute route : sorted) {
            routes.add(route.getActivities().stream()
                    .map(a -> ((TourActivity.JobActivity) a).getJob().getId())
                    .mapToInt(Integer::parseInt).toArray());
        }
        return new Answer(routes, assignment, best.getUnassignedJobs().size(),
                (System.nanoTime() - started) / 1e9);
    }
}
