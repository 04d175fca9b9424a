package cn.anxing.bus;

import cn.anxing.routing.LatLon;
import cn.anxing.routing.PointNotOnRoadException;
import cn.anxing.routing.RoadNetwork;
import cn.anxing.routing.RoadSnap;
import cn.anxing.routing.StopCandidate;
import cn.anxing.routing.TravelMatrix;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The candidate stops (候选站点: distinct, allowed by the policy), and per household the nearest
 * ones within walking reach, nearest first: the first step of {@link BusPlanner}.
 *
 * @param stops the candidates some household may use, in the order the driving matrix takes
 * @param reach per household (input order), the stops it can walk to, indexing {@code stops}
 */
record CandidateStops(List<StopCandidate> stops, List<List<CandidateStops.Walk>> reach) {

    /** A stop a household can walk to, and how far. */
    record Walk(int stop, double metres) {
    }

    static CandidateStops find(RoadNetwork network, ParallelTasks tasks,
                               List<Household> households, BusPolicy policy,
                               BusPlanner.Options options) {
        Set<String> forbidden = policy.noStopRoadClasses().stream()
                .map(c -> c.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        List<List<StopCandidate>> near = tasks.map(households.size(), h -> {
            LatLon home = households.get(h).location();
            try {
                return network.stopCandidates(home.lat(), home.lon(), policy.maxWalkMetres(),
                        options.candidateSpacing());
            } catch (PointNotOnRoadException e) {
                return List.of();
            }
        });
        // neighbouring households see the same roads: keep one candidate where several lie
        // within half the spacing (the same point, or two roads meeting at a junction)
        Map<LatLon, Integer> uniqueIndex = new HashMap<>();
        List<StopCandidate> unique = new ArrayList<>();
        var nearby = new ProximityIndex(options.candidateSpacing() / 2);
        for (List<StopCandidate> list : near) {
            for (StopCandidate c : list) {
                if (uniqueIndex.containsKey(c.point())) {
                    continue;
                }
                int index = nearby.find(c.point(), unique);
                if (index < 0) {
                    index = unique.size();
                    unique.add(c);
                    nearby.add(c.point(), index);
                }
                uniqueIndex.put(c.point(), index);
            }
        }
        List<Boolean> allowed = tasks.map(unique.size(),
                i -> allowed(network, unique.get(i), forbidden));

        List<List<Walk>> walks = tasks.map(households.size(), h -> {
            Household household = households.get(h);
            List<Integer> usable = near.get(h).stream().map(c -> uniqueIndex.get(c.point()))
                    .filter(allowed::get).toList();
            if (usable.isEmpty()) {
                return List.<Walk>of();
            }
            TravelMatrix walking;
            try {
                walking = network.matrix(List.of(household.location()),
                        usable.stream().map(i -> unique.get(i).point()).toList(),
                        RoadNetwork.FOOT);
            } catch (PointNotOnRoadException e) {
                return List.<Walk>of();
            }
            List<Walk> reachable = new ArrayList<>();
            for (int j = 0; j < usable.size(); j++) {
                double metres = walking.metres()[0][j];
                if (metres <= policy.maxWalkMetres()) {
                    reachable.add(new Walk(usable.get(j), metres));
                }
            }
            reachable.sort(Comparator.comparingDouble(Walk::metres));
            int keep = household.needsDoorStop() ? 1 : options.stopsPerHousehold();
            return List.copyOf(reachable.subList(0, Math.min(keep, reachable.size())));
        });

        // only the stops some household may use go into the driving matrix
        Map<Integer, Integer> stopIndex = new LinkedHashMap<>();
        List<StopCandidate> stops = new ArrayList<>();
        List<List<Walk>> reach = new ArrayList<>();
        for (List<Walk> list : walks) {
            List<Walk> renumbered = new ArrayList<>();
            for (Walk walk : list) {
                Integer index = stopIndex.get(walk.stop());
                if (index == null) {
                    index = stops.size();
                    stopIndex.put(walk.stop(), index);
                    stops.add(unique.get(walk.stop()));
                }
                renumbered.add(new Walk(index, walk.metres()));
            }
            reach.add(renumbered);
        }
        return new CandidateStops(stops, reach);
    }

    /** Finds an already kept candidate within a distance, on a grid of cells that size. */
    private static final class ProximityIndex {
        private final double metres;
        private final Map<Long, List<Integer>> cells = new HashMap<>();

        ProximityIndex(double metres) {
            this.metres = metres;
        }

        int find(LatLon point, List<StopCandidate> kept) {
            long row = row(point);
            long column = column(point);
            for (long r = row - 1; r <= row + 1; r++) {
                for (long c = column - 1; c <= column + 1; c++) {
                    for (int index : cells.getOrDefault(r * 1_000_003L + c, List.of())) {
                        if (Distances.metres(point, kept.get(index).point()) < metres) {
                            return index;
                        }
                    }
                }
            }
            return -1;
        }

        void add(LatLon point, int index) {
            cells.computeIfAbsent(row(point) * 1_000_003L + column(point),
                    k -> new ArrayList<>()).add(index);
        }

        private long row(LatLon p) {
            return (long) Math.floor(p.lat() * 111_320.0 / metres);
        }

        private long column(LatLon p) {
            // at least `metres` wide east-west below 60° of latitude, so the 3×3 cells around a
            // point hold everything within the distance
            return (long) Math.floor(p.lon() * 111_320.0 * 0.5 / metres);
        }
    }

    /**
     * A candidate is allowed when neither its road nor the road a bus snaps to there is of a
     * class the policy forbids: a point where a side street meets a trunk road belongs to both.
     */
    private static boolean allowed(RoadNetwork network, StopCandidate candidate,
                                   Set<String> forbidden) {
        if (forbidden.contains(candidate.roadClass().toLowerCase(Locale.ROOT))) {
            return false;
        }
        try {
            RoadSnap snap = network.snap(candidate.point().lat(), candidate.point().lon(),
                    RoadNetwork.BUS);
            String snapped = snap.roadClass().toLowerCase(Locale.ROOT);
            return !snap.link() && !snap.isExpresswayOrRamp() && !forbidden.contains(snapped)
                    && !forbidden.contains(snapped + "_link");
        } catch (PointNotOnRoadException e) {
            return false;
        }
    }
}
