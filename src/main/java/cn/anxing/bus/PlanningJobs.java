package cn.anxing.bus;

import cn.anxing.bus.solver.SolverProgress;
import cn.anxing.map.tiles.NamedPlaces;
import cn.anxing.routing.RoutingService;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The planning queue (规划任务队列), shared by every instance through the database: a request
 * stores a queued job; each instance runs one job at a time on its own thread, never on an
 * event loop, because a plan keeps two cores busy for tens of seconds. An instance claims the
 * oldest waiting job ({@link PlanJobStore}), holds it by a lease its heartbeat renews and writes
 * its phase and best plan so far to the row, so any instance can answer {@code GET
 * /plan-jobs/:id}. If the instance dies, the lease runs out and another instance runs the job
 * again from the start.
 */
public final class PlanningJobs {

    private static final Logger LOG = LoggerFactory.getLogger(PlanningJobs.class);

    /** How often an idle instance looks for work, besides being woken by a submission here. */
    private static final Duration POLL = Duration.ofSeconds(2);
    /** Best plans arrive many times a second: the row gets at most one progress write a second. */
    private static final long PROGRESS_WRITE_MILLIS = 1000;

    private final PlanJobStore store;
    private final BusRepository repository;
    private final RoutingService routing;
    private final int matrixThreads;
    private final Duration lease;
    private final Supplier<NamedPlaces> names;
    /** The map's names for the stops, read on the first plan (on the planner's thread). */
    private NamedPlaces places;
    /** Names the process, so an operator (or a test) sees in the row which one holds a job. */
    private final String owner = "pid-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID();
    private final ExecutorService runner;
    private final ExecutorService workers;
    private final ScheduledExecutorService heartbeat;
    private final Object wake = new Object();
    private final AtomicReference<UUID> running = new AtomicReference<>();
    private volatile boolean stopped;

    public PlanningJobs(Pool pool, BusRepository repository, RoutingService routing,
                        int matrixThreads, Duration lease, Supplier<NamedPlaces> names) {
        this.store = new PlanJobStore(pool);
        this.repository = repository;
        this.routing = routing;
        this.matrixThreads = Math.max(1, matrixThreads);
        this.lease = lease;
        this.names = names;
        this.runner = Executors.newSingleThreadExecutor(daemon("anxing-bus-planner"));
        this.workers = Executors.newFixedThreadPool(this.matrixThreads,
                daemon("anxing-bus-worker"));
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(daemon("anxing-bus-lease"));
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            thread.setUncaughtExceptionHandler((t, e) ->
                    LOG.error("{} stopped on an error; jobs it held are taken up by others"
                            + " when their lease runs out", t.getName(), e));
            return thread;
        };
    }

    /**
     * Starts this instance's worker. Nothing is failed at start: a job another instance runs
     * keeps its lease, and one left by a dead instance is taken up when its lease runs out.
     */
    public Future<Void> start() {
        runner.execute(this::work);
        return Future.succeededFuture();
    }

    /** Queues a plan for the school; the job is stored before this completes. */
    public Future<JsonObject> submit(UUID schoolId, UUID requestedBy, Duration solverTime,
                                     long seed) {
        return submit(schoolId, requestedBy, solverTime, seed, null, null);
    }

    /** Queues a re-plan that keeps the evening lines {@code lockedLines} of plan {@code basedOn}. */
    public Future<JsonObject> submit(UUID schoolId, UUID requestedBy, Duration solverTime,
                                     long seed, UUID basedOn, List<Integer> lockedLines) {
        return store.insert(schoolId, requestedBy, solverTime, seed, basedOn, lockedLines)
                .compose(job -> {
            synchronized (wake) {
                wake.notifyAll();
            }
            return toJson(job);
        });
    }

    /**
     * Cancels a waiting or running job, from any instance: the instance running it finds its
     * next write refused and stops at the solver's next report. False when it had finished.
     */
    public Future<Boolean> cancel(UUID jobId, UUID by) {
        return store.cancel(jobId, by);
    }

    /** The job as stored, whichever instance runs it. */
    public Future<Optional<JsonObject>> find(UUID jobId) {
        return store.find(jobId).compose(found -> found.isEmpty()
                ? Future.succeededFuture(Optional.empty())
                : toJson(found.get()).map(Optional::of));
    }

    public Future<List<JsonObject>> ofSchool(UUID schoolId) {
        return store.ofSchool(schoolId).compose(jobs -> Future.all(jobs.stream()
                .map(this::toJson).toList()).map(all -> all.<JsonObject>list()));
    }

    private Future<JsonObject> toJson(PlanJobStore.StoredJob job) {
        var json = new JsonObject()
                .put("id", job.id().toString())
                .put("schoolId", job.schoolId().toString())
                .put("status", job.status())
                .put("phase", job.phase())
                .put("progress", job.progress() == null ? new JsonObject() : job.progress())
                .put("createdAt", job.createdAt())
                .put("startedAt", job.startedAt())
                .put("finishedAt", job.finishedAt())
                .put("error", job.error())
                .put("basedOn", job.basedOn() == null ? null : job.basedOn().toString())
                .put("lockedLines", job.lockedLines() == null ? null
                        : new io.vertx.core.json.JsonArray(job.lockedLines()));
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
        if (timings.isEmpty() && job.progress() != null
                && job.progress().getValue("timings") instanceof JsonObject live) {
            timings = live.copy();
        }
        json.put("timings", timings);
        if ("running".equals(job.status()) && job.startedAt() != null) {
            // time used of the limit: startedAt is the database's clock, now this instance's,
            // near enough for a progress bar
            json.put("elapsedSeconds", Math.max(0, java.time.Duration.between(
                    java.time.Instant.parse(job.startedAt()), java.time.Instant.now())
                    .toMillis() / 1000.0));
        }
        if ("done".equals(job.status())) {
            json.put("planId", job.id().toString());
        }
        if (!"queued".equals(job.status())) {
            return Future.succeededFuture(json);
        }
        return store.ahead(job.id()).map(ahead -> json.put("queuePosition", ahead));
    }

    // ---------------------------------------------------------------- this instance's worker

    private void work() {
        while (!stopped) {
            Optional<PlanJobStore.StoredJob> claimed;
            try {
                claimed = await(store.claim(owner, lease));
            } catch (Exception e) {
                // the database may be restarting: try again after the poll interval
                LOG.warn("Could not claim a planning job: {}", e.getMessage());
                claimed = Optional.empty();
            }
            if (claimed.isPresent()) {
                run(claimed.get());
                continue;
            }
            synchronized (wake) {
                try {
                    wake.wait(POLL.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private void run(PlanJobStore.StoredJob job) {
        UUID id = job.id();
        running.set(id);
        if (job.attempts() > 1) {
            LOG.info("Taking up bus plan {} (attempt {}): its previous instance stopped", id,
                    job.attempts());
        }
        var beat = heartbeat.scheduleAtFixedRate(() -> renew(id), lease.toMillis() / 3,
                lease.toMillis() / 3, TimeUnit.MILLISECONDS);
        long started = System.nanoTime();
        var progress = new AtomicReference<>(new JsonObject());
        var writer = new ProgressWriter(id, progress);
        try {
            var network = routing.requireReady();
            PlanningInput input = await(loadInput(job.schoolId()));
            LockedReplan locked = job.basedOn() == null ? null : LockedReplan.of(
                    PlanReviewService.read(await(repository.plan(job.basedOn())).orElseThrow(
                            () -> new IllegalStateException("the plan to keep lines of is gone"))),
                    job.lockedLines());
            if (locked != null) {
                input = locked.rest(input);
            }
            var planner = new BusPlanner(network, workers, matrixThreads, places());
            Duration limit = job.solverMillis() != null ? Duration.ofMillis(job.solverMillis())
                    : Duration.ofSeconds(input.policy().solverSeconds());
            long seed = job.seed() == null ? 1 : job.seed();
            // the page's progress bar: the optimizer searches this long for each of two runs
            progress.set(progress.get().copy().put("limitSeconds",
                    limit.toMillis() * 2 / 1000.0));
            BusPlanner.Outcome outcome = planner.plan(input, BusPlanner.Options.defaults(limit,
                    seed), writer);
            BusPlan plan = locked == null ? outcome.plan() : locked.merge(outcome.plan(),
                    new PlanReviewService.NetworkRoads(network));
            var finalProgress = progress.get().copy().put("timings", new JsonObject()
                    .put("matrixSeconds", outcome.matrixMillis() / 1000.0)
                    .put("solveSeconds", outcome.solveMillis() / 1000.0)
                    .put("pathsSeconds", outcome.pathsMillis() / 1000.0));
            boolean stored = await(store.storePlan(id, owner, job.schoolId(),
                    JsonObject.mapFrom(plan), finalProgress, outcome.matrixMillis(),
                    outcome.solveMillis(), outcome.pathsMillis()));
            if (stored) {
                LOG.info("Bus plan {} for school {} done in {} ms (matrix {} ms, solve {} ms)",
                        id, job.schoolId(), (System.nanoTime() - started) / 1_000_000,
                        outcome.matrixMillis(), outcome.solveMillis());
            } else {
                LOG.warn("Bus plan {} was finished here after another instance took it over;"
                        + " this result is dropped", id);
            }
        } catch (Exception e) {
            if (stopped) {
                return; // handed back in stop()
            }
            if (writer.abandoned) {
                LOG.info("Bus plan {} was cancelled or taken over; its work here is dropped", id);
                return;
            }
            Throwable cause = e instanceof java.util.concurrent.ExecutionException
                    && e.getCause() != null ? e.getCause() : e;
            LOG.warn("Bus plan {} for school {} failed", id, job.schoolId(), cause);
            try {
                await(store.fail(id, owner, progress.get(), cause.getMessage() == null
                        ? cause.toString() : cause.getMessage()));
            } catch (Exception stored) {
                LOG.error("Could not record the failure of bus plan {}", id, stored);
            }
        } finally {
            beat.cancel(false);
            running.set(null);
        }
    }

    /** Only the planner's one thread calls this: it waits for the names once, at its first plan. */
    private NamedPlaces places() {
        if (places == null) {
            places = names.get();
        }
        return places;
    }

    private void renew(UUID id) {
        store.renew(id, owner, lease).onComplete(held -> {
            if (held.failed()) {
                LOG.warn("Could not renew the lease of bus plan {}: {}", id,
                        held.cause().getMessage());
            } else if (!held.result()) {
                LOG.warn("Bus plan {} is no longer held here (its lease ran out)", id);
            }
        });
    }

    /** Writes the phase at once and the best plan so far at most once a second. */
    private final class ProgressWriter implements BusPlanner.Listener {
        private final UUID id;
        private final AtomicReference<JsonObject> progress;
        private final JsonObject timings = new JsonObject();
        private String phase = "loading";
        private long phaseStarted = System.nanoTime();
        private long lastWrite;
        /** The row refused a write: the job was cancelled or another instance holds it. */
        private volatile boolean abandoned;

        ProgressWriter(UUID id, AtomicReference<JsonObject> progress) {
            this.id = id;
            this.progress = progress;
        }

        @Override
        public void phase(String next) {
            stopIfAbandoned();
            long now = System.nanoTime();
            if (!phase.equals("loading")) {
                timings.put(phase + "Seconds", (now - phaseStarted) / 1e9);
            }
            phaseStarted = now;
            phase = next;
            progress.set(progress.get().copy().put("timings", timings.copy()));
            write();
        }

        @Override
        public void progress(String run, SolverProgress p) {
            stopIfAbandoned();
            progress.set(progress.get().copy().put("run", run).put("best", new JsonObject()
                    .put("studentsServed", p.studentsServed())
                    .put("buses", p.buses())
                    .put("drivingSeconds", Math.round(p.totalCost() * 10) / 10.0)
                    .put("foundAtMillis", p.elapsedMillis())));
            if (System.currentTimeMillis() - lastWrite >= PROGRESS_WRITE_MILLIS) {
                write();
            }
        }

        private void write() {
            lastWrite = System.currentTimeMillis();
            store.progress(id, owner, phase, progress.get()).onSuccess(held -> {
                if (!held) {
                    abandoned = true;
                }
            }).onFailure(e -> LOG.warn("Could not record the progress of bus plan {}: {}", id,
                    e.getMessage()));
        }

        /** Throws out of the planner (and its solver) once the job is no longer ours. */
        private void stopIfAbandoned() {
            if (abandoned) {
                throw new java.util.concurrent.CancellationException("bus plan " + id
                        + " was cancelled");
            }
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

    /**
     * Stops this instance's worker and hands a job in flight back to the queue, so another
     * instance (or this one after its restart) runs it without waiting for the lease.
     */
    public void stop() {
        stopped = true;
        UUID inFlight = running.get();
        if (inFlight != null) {
            try {
                await(store.release(inFlight, owner));
                LOG.info("Bus plan {} handed back to the queue at stop", inFlight);
            } catch (Exception e) {
                LOG.warn("Could not hand bus plan {} back; its lease will run out", inFlight, e);
            }
        }
        runner.shutdownNow();
        workers.shutdownNow();
        heartbeat.shutdownNow();
    }
}
