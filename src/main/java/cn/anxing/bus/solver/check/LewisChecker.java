package cn.anxing.bus.solver.check;

import cn.anxing.bus.solver.LewisInstance;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Checks an {@code sbrp} answer for a real-road instance ({@code .bus}) without any of the
 * solver's code (only the instance reader is shared): every address boards at a stop among its
 * allowed walks that a route visits; a stop is on one route at most; every route has a bus of a
 * listed size and carries at most its seats; every student's journey, from the bus's arrival at
 * their stop to the school with 15 s at each stop and 5 s per boarding student, is at most
 * 2700 s; and the buses and the total journey time (the sum over routes of the time from the
 * first stop to the school) it recomputes match the ones the answer claims.
 */
public final class LewisChecker {

    /** The recomputed figures and every violation, in words. */
    public record Verdict(int buses, double totalJourneySeconds, int busesLowerBound,
                          double longestJourneySeconds, List<String> violations) {

        public boolean feasible() {
            return violations.isEmpty();
        }
    }

    private LewisChecker() {
    }

    /**
     * @param answerJson the command's JSON object, as it printed it
     * @param sizes      the bus sizes allowed
     */
    public static Verdict check(LewisInstance inst, String answerJson, int[] sizes) {
        JsonNode answer;
        try {
            answer = new ObjectMapper().readTree(answerJson);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return new Verdict(0, 0, 0, 0, List.of("not a JSON object: "
                    + e.getOriginalMessage()));
        }
        List<String> violations = new ArrayList<>();
        int stops = inst.stopCount();
        int[] students = inst.students();
        double[][] t = inst.seconds();
        JsonNode routes = answer.path("routes");
        JsonNode assignment = answer.path("assignment");
        int[] routeOfStop = new int[stops];
        Arrays.fill(routeOfStop, -1);
        List<int[]> stopLists = new ArrayList<>();
        int[] capacity = new int[routes.size()];
        for (int r = 0; r < routes.size(); r++) {
            JsonNode route = routes.get(r);
            capacity[r] = route.path("capacity").asInt();
            int size = capacity[r];
            if (Arrays.stream(sizes).noneMatch(v -> v == size)) {
                violations.add("route " + r + " has a bus of " + size + " seats, not a listed"
                        + " size");
            }
            JsonNode list = route.path("stops");
            int[] seq = new int[list.size()];
            if (seq.length == 0) {
                violations.add("route " + r + " has no stop");
            }
            for (int i = 0; i < seq.length; i++) {
                seq[i] = list.get(i).asInt();
                if (seq[i] < 1 || seq[i] >= stops) {
                    violations.add("route " + r + " visits " + seq[i] + ", not a stop");
                    seq[i] = -1;
                    continue;
                }
                if (routeOfStop[seq[i]] >= 0) {
                    violations.add("stop " + seq[i] + " is on routes " + routeOfStop[seq[i]]
                            + " and " + r);
                }
                routeOfStop[seq[i]] = r;
            }
            stopLists.add(seq);
        }
        int[] boarding = new int[stops];
        int[] load = new int[routes.size()];
        if (assignment.size() != students.length) {
            violations.add("assignment has " + assignment.size() + " entries for "
                    + students.length + " addresses");
        }
        for (int a = 0; a < Math.min(assignment.size(), students.length); a++) {
            int stop = assignment.get(a).asInt();
            int[] allowed = inst.walks()[a];
            if (Arrays.stream(allowed).noneMatch(s -> s == stop)) {
                violations.add("address " + a + " boards at " + stop + ", not one of its"
                        + " allowed walks " + Arrays.toString(allowed));
                continue;
            }
            if (routeOfStop[stop] < 0) {
                violations.add("address " + a + " waits at stop " + stop + " that no route"
                        + " visits");
                continue;
            }
            boarding[stop] += students[a];
            load[routeOfStop[stop]] += students[a];
        }
        double total = 0;
        double longest = 0;
        for (int r = 0; r < stopLists.size(); r++) {
            if (load[r] > capacity[r]) {
                violations.add("route " + r + " carries " + load[r] + " on a bus of "
                        + capacity[r]);
            }
            int[] seq = stopLists.get(r);
            if (Arrays.stream(seq).anyMatch(s -> s < 0) || seq.length == 0) {
                continue;
            }
            // from the last stop backwards: each stop's journey is its own dwell, the drive on,
            // and the journey of the next stop
            double after = 0;
            for (int i = seq.length - 1; i >= 0; i--) {
                int next = i + 1 < seq.length ? seq[i + 1] : 0;
                double journey = LewisInstance.DWELL_PER_STOP
                        + LewisInstance.DWELL_PER_STUDENT * boarding[seq[i]]
                        + t[seq[i]][next] + after;
                if (boarding[seq[i]] > 0) {
                    longest = Math.max(longest, journey);
                    if (journey > LewisInstance.MAX_JOURNEY_SECONDS + 1e-6) {
                        violations.add(String.format(Locale.ROOT, "route %d: students at stop"
                                + " %d travel %.1f s > %.0f s", r, seq[i], journey,
                                LewisInstance.MAX_JOURNEY_SECONDS));
                    }
                }
                after = journey;
            }
            total += after;
        }
        int largest = Arrays.stream(sizes).max().orElse(1);
        int lowerBound = (inst.totalStudents() + largest - 1) / largest;
        if (!answer.path("feasible").asBoolean(false)) {
            violations.add("the answer says it is not feasible");
        }
        if (answer.path("buses").asInt(-1) != routes.size()) {
            violations.add("claims " + answer.path("buses").asInt() + " buses for "
                    + routes.size() + " routes");
        }
        double claimed = answer.path("totalJourneySeconds").asDouble(Double.NaN);
        if (!(Math.abs(claimed - total) <= 0.051)) {
            violations.add(String.format(Locale.ROOT, "claims a total journey of %.1f s, the"
                    + " routes give %.1f s", claimed, total));
        }
        return new Verdict(routes.size(), total, lowerBound, longest, violations);
    }
}
