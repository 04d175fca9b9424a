package cn.anxing.bus;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Plan versions and publications (方案发布记录) in PostgreSQL. */
final class PlanReviewRepository {

    private static final String VERSION_OF_PLAN = """
            SELECT p.school_id, p.version, p.based_on,
                   (SELECT s.id FROM bus_plan s WHERE s.based_on = p.id) AS successor
              FROM bus_plan p WHERE p.id = $1""";
    private static final String INSERT_EDIT = """
            INSERT INTO bus_plan (id, school_id, plan, version, based_on, edited_by, edit)
            VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6) RETURNING id""";
    private static final String PLANS_OF_SCHOOL = """
            SELECT p.id, p.version, p.based_on, p.edited_by, a.display_name, p.edit,
                   p.created_at, p.plan -> 'summary' AS summary
              FROM bus_plan p LEFT JOIN account a ON a.id = p.edited_by
             WHERE p.school_id = $1 ORDER BY p.created_at DESC LIMIT 30""";
    private static final String PUBLICATIONS_OF_SCHOOL = """
            SELECT pub.run, pub.plan_id, pub.published_by, a.display_name, pub.published_at,
                   pub.id = (SELECT max(c.id) FROM bus_plan_publication c
                              WHERE c.school_id = pub.school_id AND c.run = pub.run) AS current
              FROM bus_plan_publication pub LEFT JOIN account a ON a.id = pub.published_by
             WHERE pub.school_id = $1 ORDER BY pub.id DESC LIMIT 200""";
    private static final String PUBLISH = """
            INSERT INTO bus_plan_publication (school_id, run, plan_id, published_by)
            VALUES ($1, $2, $3, $4)""";
    /** The newest publications of a run, newest first: the current one, then the one before. */
    private static final String PUBLISHED = """
            SELECT pub.run, pub.plan_id, pub.published_by, a.display_name, pub.published_at,
                   true AS current, p.plan
              FROM bus_plan_publication pub JOIN bus_plan p ON p.id = pub.plan_id
              LEFT JOIN account a ON a.id = pub.published_by
             WHERE pub.school_id = $1 AND pub.run = $2 ORDER BY pub.id DESC LIMIT $3""";

    /** Where a plan stands among its versions. */
    record Version(UUID schoolId, int version, UUID basedOn, UUID successor) {
    }

    /** A plan as the coordinator's list shows it. */
    record PlanRow(UUID id, int version, UUID basedOn, UUID editedBy, String editedByName,
                   String edit, Instant createdAt, JsonObject summary) {
    }

    /** One publication; {@code plan} is loaded only where the document is wanted. */
    record Publication(String run, UUID planId, UUID publishedBy, String publishedByName,
                       Instant publishedAt, boolean current, JsonObject plan) {
    }

    private final Pool pool;

    PlanReviewRepository(Pool pool) {
        this.pool = pool;
    }

    Future<Optional<Version>> version(UUID planId) {
        return pool.preparedQuery(VERSION_OF_PLAN).execute(Tuple.of(planId)).map(rows -> {
            if (rows.size() == 0) {
                return Optional.empty();
            }
            Row row = rows.iterator().next();
            return Optional.of(new Version(row.getUUID(0), row.getInteger(1), row.getUUID(2),
                    row.getUUID(3)));
        });
    }

    /** Stores an edited plan as the next version of {@code basedOn}; fails if one exists. */
    Future<UUID> insertEdit(UUID schoolId, JsonObject plan, int version, UUID basedOn,
                            UUID editedBy, String edit) {
        return pool.preparedQuery(INSERT_EDIT).execute(Tuple.from(Arrays.asList(schoolId, plan,
                version, basedOn, editedBy, edit)))
                .map(rows -> rows.iterator().next().getUUID(0));
    }

    /** Another edit of the same version got in first (the one-successor index). */
    static boolean alreadyEdited(Throwable failure) {
        return failure instanceof io.vertx.pgclient.PgException pg
                && "23505".equals(pg.getSqlState()) && pg.getMessage() != null
                && pg.getMessage().contains("bus_plan_one_successor");
    }

    Future<List<PlanRow>> plans(UUID schoolId) {
        return pool.preparedQuery(PLANS_OF_SCHOOL).execute(Tuple.of(schoolId)).map(rows -> {
            List<PlanRow> list = new ArrayList<>();
            for (Row row : rows) {
                Object summary = row.getValue("summary");
                list.add(new PlanRow(row.getUUID("id"), row.getInteger("version"),
                        row.getUUID("based_on"), row.getUUID("edited_by"),
                        row.getString("display_name"), row.getString("edit"),
                        row.getOffsetDateTime("created_at").toInstant(),
                        summary instanceof JsonObject o ? o : new JsonObject()));
            }
            return list;
        });
    }

    Future<List<Publication>> publications(UUID schoolId) {
        return pool.preparedQuery(PUBLICATIONS_OF_SCHOOL).execute(Tuple.of(schoolId))
                .map(rows -> {
                    List<Publication> list = new ArrayList<>();
                    rows.forEach(row -> list.add(publication(row, null)));
                    return list;
                });
    }

    /** Publishes the plan for each run given, in one transaction. */
    Future<Void> publish(UUID schoolId, UUID planId, List<String> runs, UUID publishedBy) {
        List<Tuple> batch = runs.stream()
                .map(run -> Tuple.of(schoolId, run, planId, publishedBy)).toList();
        return pool.withTransaction(tx -> tx.preparedQuery(PUBLISH).executeBatch(batch))
                .mapEmpty();
    }

    /** The run's current publication and, when {@code count} is 2, the one before it. */
    Future<List<Publication>> published(UUID schoolId, String run, int count) {
        return pool.preparedQuery(PUBLISHED).execute(Tuple.of(schoolId, run, count))
                .map(rows -> {
                    List<Publication> list = new ArrayList<>();
                    rows.forEach(row -> list.add(publication(row,
                            ((JsonObject) row.getValue("plan")).copy()
                                    .put("planId", row.getUUID("plan_id").toString()))));
                    return list;
                });
    }

    private static Publication publication(Row row, JsonObject plan) {
        return new Publication(row.getString("run"), row.getUUID("plan_id"),
                row.getUUID("published_by"), row.getString("display_name"),
                row.getOffsetDateTime("published_at").toInstant(), row.getBoolean("current"),
                plan);
    }
}
