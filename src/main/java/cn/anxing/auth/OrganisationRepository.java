package cn.anxing.auth;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Organisations in PostgreSQL (V70). */
public final class OrganisationRepository {

    private static final String COLUMNS = "id, kind, code, name_zh, name_en, parent_id, active";
    private static final String LIST =
            "SELECT " + COLUMNS + " FROM organisation ORDER BY kind, code";
    private static final String BY_ID = "SELECT " + COLUMNS + " FROM organisation WHERE id = $1";
    private static final String BY_CODE =
            "SELECT " + COLUMNS + " FROM organisation WHERE code = $1";
    private static final String BY_NAME = "SELECT " + COLUMNS
            + " FROM organisation WHERE name_zh = $1 ORDER BY code LIMIT 1";
    private static final String ACTIVE_OF_KIND = "SELECT " + COLUMNS
            + " FROM organisation WHERE kind = $1 AND active ORDER BY code";
    private static final String INSERT = """
            INSERT INTO organisation (kind, code, name_zh, name_en, parent_id)
            VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (code) DO NOTHING
            RETURNING""" + " " + COLUMNS;
    private static final String UPDATE = """
            UPDATE organisation SET name_zh = $2, name_en = $3, active = $4 WHERE id = $1
            RETURNING""" + " " + COLUMNS;

    private final Pool pool;

    public OrganisationRepository(Pool pool) {
        this.pool = pool;
    }

    public Pool pool() {
        return pool;
    }

    public Future<List<Organisation>> list() {
        return many(pool, LIST, Tuple.tuple());
    }

    public Future<Optional<Organisation>> byId(SqlClient client, UUID id) {
        return many(client, BY_ID, Tuple.of(id)).map(OrganisationRepository::first);
    }

    public Future<Optional<Organisation>> byCode(SqlClient client, String code) {
        return many(client, BY_CODE, Tuple.of(code)).map(OrganisationRepository::first);
    }

    public Future<Optional<Organisation>> byName(SqlClient client, String nameZh) {
        return many(client, BY_NAME, Tuple.of(nameZh)).map(OrganisationRepository::first);
    }

    public Future<List<Organisation>> activeOfKind(SqlClient client, OrganisationKind kind) {
        return many(client, ACTIVE_OF_KIND, Tuple.of(kind.name()));
    }

    /** Creates it; empty when the code is taken. */
    public Future<Optional<Organisation>> create(SqlClient client, OrganisationKind kind,
            String code, String nameZh, String nameEn, UUID parentId) {
        return many(client, INSERT, Tuple.of(kind.name(), code, nameZh, nameEn, parentId))
                .map(OrganisationRepository::first);
    }

    public Future<Optional<Organisation>> update(SqlClient client, UUID id, String nameZh,
            String nameEn, boolean active) {
        return many(client, UPDATE, Tuple.of(id, nameZh, nameEn, active))
                .map(OrganisationRepository::first);
    }

    private static Future<List<Organisation>> many(SqlClient client, String sql, Tuple args) {
        return client.preparedQuery(sql).execute(args).map(rows -> {
            List<Organisation> list = new ArrayList<>();
            rows.forEach(row -> list.add(toOrganisation(row)));
            return list;
        });
    }

    private static Optional<Organisation> first(List<Organisation> list) {
        return list.isEmpty() ? Optional.empty() : Optional.of(list.get(0));
    }

    private static Organisation toOrganisation(Row row) {
        return new Organisation(row.getUUID("id"), OrganisationKind.valueOf(row.getString("kind")),
                row.getString("code"), row.getString("name_zh"), row.getString("name_en"),
                row.getUUID("parent_id"), row.getBoolean("active"));
    }
}
