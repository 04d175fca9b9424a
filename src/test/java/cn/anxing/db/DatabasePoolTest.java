package cn.anxing.db;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.anxing.testing.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The server's connection pool")
class DatabasePoolTest {

    @Test
    @DisplayName("plans each statement for its own values, though it keeps statements prepared")
    void customPlans() throws Exception {
        Vertx vertx = Vertx.vertx();
        try (Database database = Database.external(TestDatabase.url())) {
            Pool pool = database.createPool(vertx, 1);
            // more than the five runs after which PostgreSQL may otherwise switch a prepared
            // statement to one generic plan for all values
            for (int i = 0; i < 8; i++) {
                assertEquals(i + 1, pool.preparedQuery("SELECT $1::int + 1")
                        .execute(Tuple.of(i)).await().iterator().next().getInteger(0));
            }
            assertEquals("force_custom_plan", pool.query("SHOW plan_cache_mode").execute()
                    .await().iterator().next().getString(0));
            // one connection: the statement above is still prepared on it, parsed once
            assertEquals(1L, pool.query("SELECT count(*) FROM pg_prepared_statements WHERE"
                    + " statement = 'SELECT $1::int + 1'").execute().await().iterator().next()
                    .getLong(0));
            pool.close().await();
        } finally {
            vertx.close().await();
        }
    }
}
