package cn.anxing.routing;

import com.graphhopper.routing.weighting.Weighting;
import com.graphhopper.storage.Graph;
import com.graphhopper.util.EdgeExplorer;
import com.graphhopper.util.EdgeIterator;
import java.util.Arrays;

/**
 * One-to-many shortest paths for a travel matrix, on a compact copy of a query graph.
 *
 * <p>The graph's usable directed edges are copied once per matrix into flat arrays (the
 * weighting's edge weight, milliseconds and metres for each direction that may be driven or
 * walked), and every origin then runs a plain Dijkstra over those arrays with a binary heap of
 * primitives, stopping once every destination node is settled. GraphHopper's own shortest-path
 * tree allocates a label object per node and removes entries from two priority queues in linear
 * time; on a county-sized graph that made one search cost milliseconds and a 1000 x 1000 matrix
 * tens of seconds. The answers are the same: the same weights, node-based, no turn costs (our
 * profiles have none), so each pair gets the time and distance of the least-weight path (with
 * equal weights, either path).
 *
 * <p>Built once per matrix and then read by several threads; each thread searches with its own
 * {@link Workspace}.
 */
final class MatrixSearch {

    private final int nodes;
    /** Edges out of node n are {@code first[n]} to {@code first[n + 1] - 1}. */
    private final int[] first;
    private final int[] target;
    private final double[] weight;
    private final long[] millis;
    private final double[] metres;

    private MatrixSearch(int nodes, int[] first, int[] target, double[] weight, long[] millis,
                         double[] metres) {
        this.nodes = nodes;
        this.first = first;
        this.target = target;
        this.weight = weight;
        this.millis = millis;
        this.metres = metres;
    }

    /** Copies the directed edges of {@code graph} that {@code weighting} allows. */
    static MatrixSearch of(Graph graph, Weighting weighting) {
        int nodes = graph.getNodes();
        int[] first = new int[nodes + 1];
        int capacity = Math.max(16, graph.getEdges() * 2);
        int[] target = new int[capacity];
        double[] weight = new double[capacity];
        long[] millis = new long[capacity];
        double[] metres = new double[capacity];
        int count = 0;
        EdgeExplorer explorer = graph.createEdgeExplorer();
        for (int node = 0; node < nodes; node++) {
            first[node] = count;
            EdgeIterator edge = explorer.setBaseNode(node);
            while (edge.next()) {
                double w = weighting.calcEdgeWeight(edge, false);
                if (Double.isInfinite(w)) {
                    continue;
                }
                if (count == target.length) {
                    int grown = count * 2;
                    target = Arrays.copyOf(target, grown);
                    weight = Arrays.copyOf(weight, grown);
                    millis = Arrays.copyOf(millis, grown);
                    metres = Arrays.copyOf(metres, grown);
                }
                target[count] = edge.getAdjNode();
                weight[count] = w;
                millis[count] = weighting.calcEdgeMillis(edge, false);
                metres[count] = edge.getDistance();
                count++;
            }
        }
        first[nodes] = count;
        return new MatrixSearch(nodes, first, target, weight, millis, metres);
    }

    Workspace workspace() {
        return new Workspace(nodes);
    }

    /**
     * Fills {@code seconds[j]} and {@code metresOut[j]} for every destination j whose node is
     * {@code destinationNode[j]}, from {@code origin}; unreachable ones stay infinite.
     *
     * @param destinationsOf for each node, the destination indices there, or null
     * @param destinationNodes how many distinct nodes have destinations
     */
    void fillRow(Workspace w, int origin, int[][] destinationsOf, int destinationNodes,
                 double[] seconds, double[] metresOut) {
        Arrays.fill(seconds, Double.POSITIVE_INFINITY);
        Arrays.fill(metresOut, Double.POSITIVE_INFINITY);
        int stamp = w.nextStamp();
        w.reach(origin, stamp, 0, 0, 0);
        int remaining = destinationNodes;
        while (remaining > 0 && w.heapSize > 0) {
            int node = w.pollNode();
            if (w.settled[node] == stamp) {
                continue; // a stale heap entry of a node already settled
            }
            w.settled[node] = stamp;
            int[] here = destinationsOf[node];
            if (here != null) {
                for (int j : here) {
                    seconds[j] = w.time[node] / 1000.0;
                    metresOut[j] = w.distance[node];
                }
                remaining--;
            }
            double base = w.weight[node];
            long baseTime = w.time[node];
            double baseDistance = w.distance[node];
            for (int e = first[node], end = first[node + 1]; e < end; e++) {
                int next = target[e];
                if (w.settled[next] == stamp) {
                    continue;
                }
                double candidate = base + weight[e];
                if (w.seen[next] != stamp || candidate < w.weight[next]) {
                    w.reach(next, stamp, candidate, baseTime + millis[e],
                            baseDistance + metres[e]);
                }
            }
        }
    }

    /**
     * One thread's search state, reused across origins: a stamp per search marks what is seen
     * and settled, so nothing of size {@code nodes} is cleared between searches.
     */
    static final class Workspace {
        final double[] weight;
        final long[] time;
        final double[] distance;
        final int[] seen;
        final int[] settled;
        private int stamp;
        private double[] heapKey = new double[1024];
        private int[] heapNode = new int[1024];
        private int heapSize;

        Workspace(int nodes) {
            weight = new double[nodes];
            time = new long[nodes];
            distance = new double[nodes];
            seen = new int[nodes];
            settled = new int[nodes];
        }

        int nextStamp() {
            heapSize = 0;
            return ++stamp;
        }

        void reach(int node, int stamp, double w, long t, double d) {
            seen[node] = stamp;
            weight[node] = w;
            time[node] = t;
            distance[node] = d;
            push(w, node);
        }

        /** Lazy deletion: a node may be in the heap more than once; the smallest comes first. */
        private void push(double key, int node) {
            if (heapSize == heapKey.length) {
                heapKey = Arrays.copyOf(heapKey, heapSize * 2);
                heapNode = Arrays.copyOf(heapNode, heapSize * 2);
            }
            int i = heapSize++;
            while (i > 0) {
                int parent = (i - 1) >>> 1;
                if (heapKey[parent] <= key) {
                    break;
                }
                heapKey[i] = heapKey[parent];
                heapNode[i] = heapNode[parent];
                i = parent;
            }
            heapKey[i] = key;
            heapNode[i] = node;
        }

        private int pollNode() {
            int top = heapNode[0];
            double key = heapKey[--heapSize];
            int node = heapNode[heapSize];
            int i = 0;
            int half = heapSize >>> 1;
            while (i < half) {
                int child = 2 * i + 1;
                int right = child + 1;
                if (right < heapSize && heapKey[right] < heapKey[child]) {
                    child = right;
                }
                if (key <= heapKey[child]) {
                    break;
                }
                heapKey[i] = heapKey[child];
                heapNode[i] = heapNode[child];
                i = child;
            }
            heapKey[i] = key;
            heapNode[i] = node;
            return top;
        }
    }
}
