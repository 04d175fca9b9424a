package cn.anxing.routing;

import com.graphhopper.GraphHopper;
import com.graphhopper.isochrone.algorithm.ShortestPathTree;
import com.graphhopper.routing.querygraph.QueryGraph;
import com.graphhopper.routing.util.TraversalMode;
import com.graphhopper.routing.weighting.Weighting;
import com.graphhopper.storage.Graph;
import com.graphhopper.storage.index.Snap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The matrix as it was computed before {@link MatrixSearch}: one GraphHopper
 * {@link ShortestPathTree} per origin on the query graph. Kept as the reference the compact
 * search is checked and measured against; single-threaded.
 */
final class TreeMatrix {

    private TreeMatrix() {
    }

    static TravelMatrix compute(GraphHopper hopper, Weighting weighting, List<Snap> snaps,
                                int origins) {
        return compute(hopper, weighting, snaps, origins, Runnable::run, 1);
    }

    /** Origins split into {@code threads} slices on {@code workers}, as the server did. */
    static TravelMatrix compute(GraphHopper hopper, Weighting weighting, List<Snap> snaps,
                                int origins, Executor workers, int threads) {
        QueryGraph graph = QueryGraph.create(hopper.getBaseGraph(), snaps);
        Weighting queryWeighting = graph.wrapWeighting(weighting);
        int destinations = snaps.size() - origins;
        Map<Integer, List<Integer>> destinationsAtNode = new HashMap<>();
        for (int j = 0; j < destinations; j++) {
            destinationsAtNode.computeIfAbsent(snaps.get(origins + j).getClosestNode(),
                    node -> new ArrayList<>()).add(j);
        }
        double[][] seconds = new double[origins][destinations];
        double[][] metres = new double[origins][destinations];
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (int slice = 0; slice < threads; slice++) {
            int firstRow = slice;
            running.add(CompletableFuture.runAsync(() -> {
                for (int i = firstRow; i < origins; i += threads) {
                    fillRow(graph, queryWeighting, snaps.get(i).getClosestNode(),
                            destinationsAtNode, seconds[i], metres[i]);
                }
            }, workers));
        }
        CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join();
        return new TravelMatrix(seconds, metres);
    }

    private static void fillRow(Graph graph, Weighting weighting, int origin,
                                Map<Integer, List<Integer>> destinationsAtNode,
                                double[] seconds, double[] metres) {
        Arrays.fill(seconds, Double.POSITIVE_INFINITY);
        Arrays.fill(metres, Double.POSITIVE_INFINITY);
        var tree = new TreeUntilAllSettled(graph, weighting, destinationsAtNode.size());
        tree.search(origin, label -> {
            List<Integer> here = destinationsAtNode.get(label.node);
            if (here != null) {
                for (int j : here) {
                    seconds[j] = label.time / 1000.0;
                    metres[j] = label.distance;
                }
                tree.remaining--;
            }
        });
    }

    private static final class TreeUntilAllSettled extends ShortestPathTree {
        int remaining;

        TreeUntilAllSettled(Graph graph, Weighting weighting, int destinationNodes) {
            super(graph, weighting, false, TraversalMode.NODE_BASED);
            setWeightLimit(Double.MAX_VALUE);
            this.remaining = destinationNodes;
        }

        @Override
        protected boolean finished() {
            return remaining <= 0 || super.finished();
        }
    }
}
