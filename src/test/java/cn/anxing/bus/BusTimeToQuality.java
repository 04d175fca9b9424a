package cn.anxing.bus;

import cn.anxing.bus.solver.SolverProgress;
import cn.anxing.demo.DemoAccounts;
import cn.anxing.testing.Api;
import cn.anxing.testing.TestServer;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * How fast the optimizer gets close to its result on the demo school (400 households, 10 buses
 * of 45 seats on the Guixi map): the planner runs with a long limit per run and every better
 * plan is recorded; for each run it prints the seconds to the first plan serving as many
 * students as the final one, and to the first within 5 % and 1 % of the final driving time on
 * the final number of buses. Run from the project root:
 *
 * <pre>
 * mvn -o -q -B -Dskip.frontend=true test-compile exec:java \
 *     -Dexec.mainClass=cn.anxing.bus.BusTimeToQuality -Dexec.classpathScope=test \
 *     -Dexec.args="60 1 2"
 * </pre>
 * Arguments: seconds per run, then the seeds.
 */
public final class BusTimeToQuality {

    private BusTimeToQuality() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        List<Long> seeds = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            seeds.add(Long.parseLong(args[i]));
        }
        if (seeds.isEmpty()) {
            seeds.add(1L);
        }
        ExecutorService workers = Executors.newFixedThreadPool(2);
        try (TestServer server = TestServer.start()) {
            BusTestSupport.awaitGraph(server.api());
            Api coordinator = server.api().staff("coord1", DemoAccounts.PASSWORD);
            UUID schoolId = UUID.fromString(BusTestSupport.awaitDemoSchool(coordinator)
                    .getString("id"));
            var repository = new BusRepository(server.app().pool());
            School school = await(repository.school(schoolId)).orElseThrow();
            PlanningInput input = new PlanningInput(school, await(repository.policy(schoolId)),
                    await(repository.households(schoolId)), await(repository.buses(schoolId)));
            // the stops' names do not change the search: no need to read the map's names
            var planner = new BusPlanner(server.app().routing().network(), workers, 2,
                    cn.anxing.map.tiles.NamedPlaces.none());
            System.out.println("| seed | run | buses | students | driving s (final) | first"
                    + " plan s | first serving all s | within 5% s | within 1% s |");
            System.out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|");
            for (long seed : seeds) {
                List<String> runs = new ArrayList<>();
                List<SolverProgress> reports = new ArrayList<>();
                planner.plan(input, BusPlanner.Options.defaults(Duration.ofSeconds(seconds),
                        seed), new BusPlanner.Listener() {
                            @Override
                            public void phase(String phase) {
                            }

                            @Override
                            public void progress(String run, SolverProgress progress) {
                                runs.add(run);
                                reports.add(progress);
                            }
                        });
                for (String run : new String[] {"evening", "morning"}) {
                    List<SolverProgress> of = new ArrayList<>();
                    for (int i = 0; i < runs.size(); i++) {
                        if (runs.get(i).equals(run)) {
                            of.add(reports.get(i));
                        }
                    }
                    SolverProgress last = of.get(of.size() - 1);
                    double all = Double.NaN;
                    double five = Double.NaN;
                    double one = Double.NaN;
                    for (SolverProgress p : of) {
                        double t = p.elapsedMillis() / 1000.0;
                        if (p.studentsServed() < last.studentsServed()) {
                            continue;
                        }
                        all = Double.isNaN(all) ? t : all;
                        boolean sameBuses = p.buses() == last.buses();
                        if (sameBuses && p.totalCost() <= last.totalCost() * 1.05
                                && Double.isNaN(five)) {
                            five = t;
                        }
                        if (sameBuses && p.totalCost() <= last.totalCost() * 1.01
                                && Double.isNaN(one)) {
                            one = t;
                        }
                    }
                    System.out.printf(Locale.ROOT, "| %d | %s | %d | %d | %.0f | %.2f | %.2f |"
                            + " %.2f | %.2f |%n", seed, run, last.buses(),
                            last.studentsServed(), last.totalCost(),
                            of.get(0).elapsedMillis() / 1000.0, all, five, one);
                }
            }
        } finally {
            workers.shutdownNow();
        }
        System.exit(0);
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }
}
