package cn.anxing.bus;

import cn.anxing.bus.solver.SolverProgress;
import cn.anxing.platform.WorkerPools;
import cn.anxing.routing.RoutingService;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The planning queue (规划任务队列): jobs run one at a time on the routing worker pool, never on
 * an event loop, because a plan keeps two cores busy for tens of seconds; the others wait their
 * turn. A job's state lives in the table; its live progress (the best plan the optimizer has
 * found so far) is kept here while it runs. A job that fails is stored as failed with the
 * reason, which the API shows in its {@code error}.
 */
public final class PlanningJobs {

    private static final Logger LOG = LoggerFactory.getLogger(PlanningJobs.class);

    /** The job's state while it waits or runs. */
    private static final class Live {
        final UUID id;
        final long queuedAt;
        volatile String status = "queued";
        volatile String phase = "queued";
        volatile JsonObject progress = new JsonObject();

        Live(UUID id, long queuedAt) {
            this.id = id;
            this.queuedAt = queuedAt;
        }
    }

    private final BusRepository repository;
    private final RoutingService routing;
    private final WorkerPools pools;
    private final int matrixThreads;
    /** The planner's own matrix threads, which it splits each travel matrix across. */
    private final ExecutorService workers;
    /** The last job queued: the next one starts when it has ended, so one runs at a time. */
    private Future<Void> queue = Future.succeededFuture();
    private volatile boolean stopped;
    private volatile Thread running;
    private final Map<UUID, Live> live = new ConcurrentHashMap<>();
    private final AtomicLong order = new AtomicLong();

    public PlanningJobs(BusRepository repository, RoutingService routing, WorkerPools pools,
                        int matrixThreads) {
        this.repository = repository;
        this.routing = routing;
        this.pools = pools;
        this.matrixThreads = Math.max(1, matrixThreads);
        this.workers = Executors.newFixedThreadPool(this.matrixThreads,
                daemon("anxing-bus-worker"));
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Fails the jobs a previous run of the server did not finish. */
    public Future<Void> recover() {
        return repository.failUnfinishedJobs();
    }

    /** Queues a plan for the school; the job is stored before this completes. */
    public Future<JsonObject> submit(UUID schoolId, UUID requestedBy, Duration solverTime,
                                     long seed) {
        return repository.insertJob(schoolId, requestedBy).map(job -> {
            Live state = new Live(job.id(), order.incrementAndGet());
            live.put(job.id(), state);
            enqueue(state, schoolId, solverTime, seed);
            return toJson(job);
        });
    }

    /** The job as the API shows it: live state while it runs, the stored row afterwards. */
    public Future<java.util.Optional<JsonObject>> find(UUID jobId) {
        return repository.job(jobId).map(stored -> stored.map(this::toJson));
    }

    public Future<java.util.List<JsonObject>> ofSchool(UUID schoolId) {
        return repository.jobs(schoolId).map(list -> list.stream().map(this::toJson).toList());
    }

    JsonObject toJson(BusRepository.StoredJob job) {
        Live state = live.get(job.id());
        var json = new JsonObject()
                .put("id", job.id().toString())
                .put("schoolId", job.schoolId().toString())
                .put("status", state != null ? state.status : job.status())
                .put("phase", state != null ? state.phase : job.phase())
                .put("progress", state != null ? state.progress.copy() : job.progress())
                .put("createdAt", job.createdAt())
                .put("startedAt", job.startedAt())
                .put("finishedAt", job.finishedAt())
                .put("error", job.error());
        var timings = new JsonObject();
        if (job.matrixMillis() != null) {
            timings.put("matrixSeconds", job.matrixMillis() / 1000.0);
        }
        if (job.solveMillis() != null) {
            timings.put("solveSeconds", job.solveMillis() / 1000.0);
        }
        if (job.pathsMillis() != null) {
            timings.put("pathsSeconds", job.pathsMillis() / 1000.0);
        }
        if (state != null && state.progress.containsKey("timings")) {
            timings = state.progress.getJsonObject("timings").copy();
        }
        json.put("timings", timings);
        if (state != null && state.status.equals("queued")) {
            long ahead = live.values().stream()
                    .filter(other -> other.queuedAt < state.queuedAt).count();
            json.put("queuePosition", ahead);
        }
        if ("done".equals(json.getString("status"))) {
            json.put("planId", job.id().toString());
        }
        return json;
    }

    private synchronized void enqueue(Live state, UUID schoolId, Duration solverTime, long seed) {
        queue = queue.eventually(() -> stopped ? Future.succeededFuture()
                : pools.<Void>routing(() -> {
                    running = Thread.currentThread();
                    try {
                        run(state, schoolId, solverTime, seed);
                    } finally {
                        running = null;
                    }
                    return null;
                }).onFailure(e -> LOG.error("Bus plan {} for school {} ended with an error",
                        state.id, schoolId, e)));
    }

    private void run(Live state, UUID schoolId, Duration solverTime, long seed) {
        long started = System.nanoTime();
        var timings = new JsonObject();
        try {
            state.status = "running";
            state.phase = "loading";
            await(repository.startJob(state.id, state.phase));
            var network = routing.requireReady();
            PlanningInput input = await(loadInput(schoolId));
            var planner = new BusPlanner(network, workers, matrixThreads);
            Duration limit = solverTime != null ? solverTime
                    : Duration.ofSeconds(input.policy().solverSeconds());
            long[] phaseStart = {System.nanoTime()};
            BusPlanner.Outcome outcome = planner.plan(input,
                    BusPlanner.Options.defaults(limit, seed), new BusPlanner.Listener() {
                        @Override
                        public void phase(String phase) {
                            long now = System.nanoTime();
                            if (!state.phase.equals("loading")) {
                                timings.put(state.phase + "Seconds",
                                        (now - phaseStart[0]) / 1e9);
                            }
                            phaseStart[0] = now;
                            state.phase = phase;
                            state.progress = state.progress.copy().put("timings",
                                    timings.copy());
                            repository.jobPhase(state.id, phase, state.progress)
                                    .onFailure(e -> LOG.warn("Bus plan {} for school {}: the"
                                            + " phase {} was not stored", state.id, schoolId,
                                            phase, e));
                        }

                        @Override
                        public void progress(String run, SolverProgress p) {
                            state.progress = state.progress.copy().put("run", run)
                                    .put("best", new JsonObject()
                                            .put("studentsServed", p.studentsServed())
                                            .put("buses", p.buses())
                                            .put("drivingSeconds",
                                                    Math.round(p.totalCost() * 10) / 10.0)
                                            .put("foundAtMillis", p.elapsedMillis()));
                        }
                    });
            var progress = state.progress.copy().put("timings", new JsonObject()
                    .put("matrixSeconds", outcome.matrixMillis() / 1000.0)
                    .put("solveSeconds", outcome.solveMillis() / 1000.0)
                    .put("pathsSeconds", outcome.pathsMillis() / 1000.0));
            await(repository.storePlan(state.id, schoolId, JsonObject.mapFrom(outcome.plan()),
                    progress, outcome.matrixMillis(), outcome.solveMillis(),
                    outcome.pathsMillis()));
            state.status = "done";
            state.phase = "done";
            LOG.info("Bus plan {} for school {} done in {} ms (matrix {} ms, solve {} ms)",
                    state.id, schoolId, (System.nanoTime() - started) / 1_000_000,
                    outcome.matrixMillis(), outcome.solveMillis());
        } catch (Exception e) {
            fail(state, schoolId, e);
        } catch (Error e) {
            // stored as failed, then left to propagate: the pool logs it and the JVM decides
            fail(state, schoolId, e);
            throw e;
        } finally {
            live.remove(state.id);
        }
    }

    /** Logs the failure with its job and school, and stores why, for the API to show. */
    private void fail(Live state, UUID schoolId, Throwable failure) {
        Throwable cause = failure instanceof ExecutionException && failure.getCause() != null
                ? failure.getCause() : failure;
        LOG.warn("Bus plan {} for school {} failed", state.id, schoolId, cause);
        state.status = "failed";
        state.phase = "failed";
        try {
            await(repository.finishJob(state.id, "failed", state.progress, null, null, null,
                    cause.getMessage() == null ? cause.toString() : cause.getMessage()));
        } catch (Exception stored) {
            LOG.error("Bus plan {} for school {}: could not record its failure", state.id,
                    schoolId, stored);
        }
    }

    private Future<PlanningInput> loadInput(UUID schoolId) {
        return repository.school(schoolId).compose(school -> {
            if (school.isEmpty()) {
                throw new IllegalStateException("the school no longer exists");
            }
            return Future.all(repository.policy(schoolId), repository.households(schoolId),
                    repository.buses(schoolId)).map(all -> new PlanningInput(school.get(),
                    all.resultAt(0), all.resultAt(1), all.resultAt(2)));
        });
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    /** Stops the queue; a job in flight is abandoned and failed by the next start. */
    public void stop() {
        stopped = true;
        Thread job = running;
        if (job != null) {
            job.interrupt();
        }
        workers.shutdownNow();
    }
}
