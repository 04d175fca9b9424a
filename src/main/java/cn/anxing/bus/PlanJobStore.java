package cn.anxing.bus;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Planning jobs (规划任务) as rows that instances claim: the outbox's pattern. A job is queued,
 * then leased by one instance with {@code FOR UPDATE SKIP LOCKED} for a while that its heartbeat
 * renews; progress and phase are written to the row, so every instance answers for every job;
 * a job whose lease ran out is claimed again by another instance, at most {@link #MAX_ATTEMPTS}
 * times. Every write of a running job names its lease owner: an instance that lost its lease
 * (it stalled past the lease and another took the job up) changes nothing.
 */
final class PlanJobStore {

    /** A job that has taken down this many instances is not tried again. */
    static final int MAX_ATTEMPTS = 3;

    private static final String COLUMNS = """
            id, school_id, status, phase, progress, matrix_ms, solve_ms, paths_ms, error,
            created_at, started_at, finished_at, solver_millis, seed, attempts, based_on,
            locked_lines""";
    private static final String INSERT = """
            INSERT INTO bus_plan_job (school_id, status, phase, requested_by, solver_millis, seed,
                                      based_on, locked_lines)
            VALUES ($1, 'queued', 'queued', $2, $3, $4, $5, $6) RETURNING\s""" + COLUMNS;
    private static final String BY_ID = "SELECT " + COLUMNS + " FROM bus_plan_job WHERE id = $1";
    private static final String OF_SCHOOL = "SELECT " + COLUMNS
            + " FROM bus_plan_job WHERE school_id = $1 ORDER BY created_at DESC LIMIT 20";
    /** How many jobs are ahead of this one, waiting or running, on whichever instance. */
    private static final String AHEAD = """
            SELECT count(*) FROM bus_plan_job
             WHERE status IN ('queued', 'running') AND created_at < (SELECT created_at FROM bus_plan_job
                                                        WHERE id = $1)""";
    /**
     * The oldest job that is waiting, or running under a lease that ran out; claimed for this
     * instance in the same statement, so two instances never take the same job.
     */
    private static final String CLAIM = """
            UPDATE bus_plan_job j
               SET status = 'running', phase = 'loading', lease_owner = $1,
                   lease_until = now() + make_interval(secs => $2), attempts = j.attempts + 1,
                   started_at = coalesce(j.started_at, now())
             WHERE j.id = (SELECT id FROM bus_plan_job
                            WHERE status = 'queued'
                               OR (status = 'running' AND lease_until < now())
                            ORDER BY created_at
                            FOR UPDATE SKIP LOCKED LIMIT 1)
            RETURNING\s""" + COLUMNS;
    private static final String RENEW = """
            UPDATE bus_plan_job SET lease_until = now() + make_interval(secs => $3)
             WHERE id = $1 AND lease_owner = $2 AND status = 'running'""";
    private static final String PROGRESS = """
            UPDATE bus_plan_job SET phase = $3, progress = $4
             WHERE id = $1 AND lease_owner = $2 AND status = 'running'""";
    private static final String FINISH = """
            UPDATE bus_plan_job SET status = $3, phase = $3, progress = $4, matrix_ms = $5,
                   solve_ms = $6, paths_ms = $7, error = $8, finished_at = now(),
                   lease_until = NULL
             WHERE id = $1 AND lease_owner = $2 AND status = 'running'""";
    /** A stopping instance hands its job back at once instead of letting the lease run out. */
    private static final String RELEASE = """
            UPDATE bus_plan_job SET status = 'queued', phase = 'queued', lease_owner = NULL,
                   lease_until = NULL, attempts = greatest(attempts - 1, 0)
             WHERE id = $1 AND lease_owner = $2 AND status = 'running'""";
    private static final String GIVE_UP = """
            UPDATE bus_plan_job SET status = 'failed', phase = 'failed', finished_at = now(),
                   lease_until = NULL,
                   error = 'the job stopped ' || attempts || ' servers before it finished'
             WHERE status = 'running' AND lease_until < now() AND attempts >= $1""";
    /** Any instance may cancel; the worker's next write finds the row no longer 'running'. */
    private static final String CANCEL = """
            UPDATE bus_plan_job SET status = 'cancelled', phase = 'cancelled',
                   finished_at = now(), lease_until = NULL, cancelled_by = $2
             WHERE id = $1 AND status IN ('queued', 'running')""";
    private static final String INSERT_PLAN =
            "INSERT INTO bus_plan (id, school_id, plan) VALUES ($1, $2, $3)";

    /** A planning job as stored. */
    record StoredJob(UUID id, UUID schoolId, String status, String phase, JsonObject progress,
                     Long matrixMillis, Long solveMillis, Long pathsMillis, String error,
                     String createdAt, String startedAt, String finishedAt, Long solverMillis,
                     Long seed, int attempts, UUID basedOn, List<Integer> lockedLines) {
    }

    private final Pool pool;

    PlanJobStore(Pool pool) {
        this.pool = pool;
    }

    /** @param lockedLines evening lines of {@code basedOn} to keep; null for a plan from scratch */
    Future<StoredJob> insert(UUID schoolId, UUID requestedBy, Duration solverTime, long seed,
                             UUID basedOn, List<Integer> lockedLines) {
        return pool.preparedQuery(INSERT).execute(Tuple.from(Arrays.asList(schoolId, requestedBy,
                solverTime == null ? null : solverTime.toMillis(), seed, basedOn,
                lockedLines == null ? null : lockedLines.toArray(Integer[]::new))))
                .map(rows -> toJob(rows.iterator().next()));
    }

    Future<Optional<StoredJob>> find(UUID id) {
        return pool.preparedQuery(BY_ID).execute(Tuple.of(id)).map(rows ->
                rows.size() == 0 ? Optional.empty() : Optional.of(toJob(rows.iterator().next())));
    }

    Future<List<StoredJob>> ofSchool(UUID schoolId) {
        return pool.preparedQuery(OF_SCHOOL).execute(Tuple.of(schoolId)).map(rows -> {
            List<StoredJob> list = new ArrayList<>();
            rows.forEach(row -> list.add(toJob(row)));
            return list;
        });
    }

    Future<Long> ahead(UUID id) {
        return pool.preparedQuery(AHEAD).execute(Tuple.of(id))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** Fails the jobs that used up their attempts, then claims the next job, if any. */
    Future<Optional<StoredJob>> claim(String owner, Duration lease) {
        return pool.preparedQuery(GIVE_UP).execute(Tuple.of(MAX_ATTEMPTS))
                .compose(x -> pool.preparedQuery(CLAIM).execute(Tuple.of(owner,
                        (double) lease.toSeconds())))
                .map(rows -> rows.size() == 0 ? Optional.empty()
                        : Optional.of(toJob(rows.iterator().next())));
    }

    /** Renews the lease; false when this instance no longer holds the job. */
    Future<Boolean> renew(UUID id, String owner, Duration lease) {
        return pool.preparedQuery(RENEW).execute(Tuple.of(id, owner, (double) lease.toSeconds()))
                .map(rows -> rows.rowCount() == 1);
    }

    Future<Boolean> progress(UUID id, String owner, String phase, JsonObject progress) {
        return pool.preparedQuery(PROGRESS).execute(Tuple.of(id, owner, phase, progress))
                .map(rows -> rows.rowCount() == 1);
    }

    Future<Boolean> fail(UUID id, String owner, JsonObject progress, String error) {
        return finish(pool, id, owner, "failed", progress, null, null, null, error);
    }

    /** False when the job had already finished, failed or been cancelled. */
    Future<Boolean> cancel(UUID id, UUID by) {
        return pool.preparedQuery(CANCEL).execute(Tuple.of(id, by))
                .map(rows -> rows.rowCount() == 1);
    }

    Future<Boolean> release(UUID id, String owner) {
        return pool.preparedQuery(RELEASE).execute(Tuple.of(id, owner))
                .map(rows -> rows.rowCount() == 1);
    }

    /**
     * Stores the plan and marks its job done in one transaction, if this instance still holds
     * the job; false (and nothing stored) when it does not.
     */
    Future<Boolean> storePlan(UUID jobId, String owner, UUID schoolId, JsonObject plan,
                              JsonObject progress, long matrixMillis, long solveMillis,
                              long pathsMillis) {
        return pool.withTransaction(tx -> finish(tx, jobId, owner, "done", progress, matrixMillis,
                solveMillis, pathsMillis, null).compose(held -> !held
                ? Future.succeededFuture(false)
                : tx.preparedQuery(INSERT_PLAN).execute(Tuple.of(jobId, schoolId, plan))
                        .map(true)));
    }

    private static Future<Boolean> finish(SqlClient client, UUID id, String owner, String status,
                                          JsonObject progress, Long matrixMillis,
                                          Long solveMillis, Long pathsMillis, String error) {
        return client.preparedQuery(FINISH).execute(Tuple.from(Arrays.asList(id, owner, status,
                progress, matrixMillis, solveMillis, pathsMillis, error)))
                .map(rows -> rows.rowCount() == 1);
    }

    private static StoredJob toJob(Row row) {
        Object progress = row.getValue("progress");
        return new StoredJob(row.getUUID("id"), row.getUUID("school_id"),
                row.getString("status"), row.getString("phase"),
                progress instanceof JsonObject o ? o : null, row.getLong("matrix_ms"),
                row.getLong("solve_ms"), row.getLong("paths_ms"), row.getString("error"),
                text(row, "created_at"), text(row, "started_at"), text(row, "finished_at"),
                row.getLong("solver_millis"), row.getLong("seed"), row.getInteger("attempts"),
                row.getUUID("based_on"), row.getArrayOfIntegers("locked_lines") == null ? null
                        : List.of(row.getArrayOfIntegers("locked_lines")));
    }

    private static String text(Row row, String column) {
        var time = row.getOffsetDateTime(column);
        return time == null ? null : time.toInstant().toString();
    }
}
