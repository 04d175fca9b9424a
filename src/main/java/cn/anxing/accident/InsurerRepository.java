package cn.anxing.accident;

import cn.anxing.outbox.Outbox;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * Insurers (保险公司) the parties choose from, each with the outbox endpoint their agreements are
 * delivered to. The endpoint's HMAC secret stays in the outbox; nothing here reads it.
 */
public final class InsurerRepository {

    private static final String INSURERS = """
            SELECT i.code, i.name_zh, i.name_en, i.active, e.url FROM insurer i
            JOIN outbox_endpoint e ON e.code = i.endpoint ORDER BY i.code""";
    private static final String UPSERT_INSURER = """
            INSERT INTO insurer (code, name_zh, name_en, endpoint) VALUES ($1, $2, $3, $4)
            ON CONFLICT (code) DO UPDATE SET name_zh = EXCLUDED.name_zh,
                name_en = EXCLUDED.name_en, endpoint = EXCLUDED.endpoint, active = true""";

    /** An insurer with its webhook URL (never its secret). */
    public record Insurer(String code, String nameZh, String nameEn, boolean active,
            String webhookUrl) {
    }

    private final Pool pool;
    private final Outbox outbox;

    public InsurerRepository(Pool pool, Outbox outbox) {
        this.pool = pool;
        this.outbox = outbox;
    }

    /** The outbox endpoint an insurer's agreements go to. */
    public static String endpointOf(String insurerCode) {
        return "insurer:" + insurerCode;
    }

    public Future<List<Insurer>> insurers() {
        return insurers(pool);
    }

    /** Inside a transaction, on its connection: never wait for a second one from the pool. */
    public Future<List<Insurer>> insurers(SqlClient client) {
        return client.query(INSURERS).execute().map(rows -> {
            List<Insurer> list = new ArrayList<>();
            rows.forEach(r -> list.add(new Insurer(r.getString("code"), r.getString("name_zh"),
                    r.getString("name_en"), r.getBoolean("active"), r.getString("url"))));
            return list;
        });
    }

    /** Registers or updates an insurer and its outbox endpoint in one transaction. */
    public Future<Void> register(String code, String nameZh, String nameEn, String url,
            String secret) {
        String endpoint = endpointOf(code);
        return pool.withTransaction(tx -> outbox.registerEndpoint(tx, endpoint, url, secret,
                "insurer " + nameZh).compose(x -> tx.preparedQuery(UPSERT_INSURER)
                .execute(Tuple.of(code, nameZh, nameEn, endpoint)).mapEmpty()));
    }
}
