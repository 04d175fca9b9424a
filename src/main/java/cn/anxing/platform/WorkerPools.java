package cn.anxing.platform;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * Blocking work by kind, each on its own named pool, so a burst of PDF downloads cannot delay
 * sign-ins and a thread dump says who is busy: {@code routing} (GraphHopper queries and
 * matrices, the optimizer), {@code documents} (PDFs, image decoding), {@code crypto} (password
 * hashing).
 */
public final class WorkerPools {

    private final WorkerExecutor routing;
    private final WorkerExecutor documents;
    private final WorkerExecutor crypto;

    public WorkerPools(Vertx vertx, int routingThreads, int documentThreads, int cryptoThreads) {
        // importing a map or running a plan takes minutes: not the blocked thread the checker
        // warns about after its default minute
        this.routing = vertx.createSharedWorkerExecutor("anxing-routing", routingThreads,
                15, TimeUnit.MINUTES);
        this.documents = vertx.createSharedWorkerExecutor("anxing-documents", documentThreads);
        this.crypto = vertx.createSharedWorkerExecutor("anxing-crypto", cryptoThreads);
    }

    /** Defaults for a small machine: two threads each for routing and documents, two for crypto. */
    public static WorkerPools defaults(Vertx vertx) {
        return new WorkerPools(vertx, 2, 2, 2);
    }

    /** Runs {@code work} on the routing pool; unordered, so a slow matrix does not queue snaps. */
    public <T> Future<T> routing(Callable<T> work) {
        return routing.executeBlocking(work, false);
    }

    public <T> Future<T> documents(Callable<T> work) {
        return documents.executeBlocking(work, false);
    }

    public <T> Future<T> crypto(Callable<T> work) {
        return crypto.executeBlocking(work, false);
    }

    /**
     * The routing pool itself, for the road network: routing sits below the platform, so it is
     * handed the executor rather than this class.
     */
    public WorkerExecutor routingExecutor() {
        return routing;
    }

    /** The crypto pool itself, for sign-in: auth sits below the platform (it owns the Authz). */
    public WorkerExecutor cryptoExecutor() {
        return crypto;
    }

    public void close() {
        routing.close();
        documents.close();
        crypto.close();
    }
}
