package cn.anxing.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.anxing.testing.TestDatabase;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The server's connection pool")
class DatabasePoolTest {

    private static final int ROUNDS = Integer.getInteger("racingWaits.rounds", 40);

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

    @Test
    @DisplayName("answers a request that waits past the limit as the database being away, and"
            + " takes back the connection that comes for it later")
    void waitLimit() throws Exception {
        Vertx vertx = Vertx.vertx();
        try (Database database = Database.external(TestDatabase.url())) {
            Pool pool = database.createPool(vertx, 1, 300);
            for (int round = 0; round < 3; round++) {
                SqlConnection held = pool.getConnection().await();
                long start = System.nanoTime();
                Throwable failure = pool.preparedQuery("SELECT 1").execute()
                        .map(rows -> (Throwable) null).otherwise(t -> t).await();
                long waitedMillis = (System.nanoTime() - start) / 1_000_000;
                assertTrue(failure != null && DatabaseFailures.isUnavailable(failure),
                        "a 503 kind of failure, not " + failure);
                assertTrue(waitedMillis >= 250 && waitedMillis < 3_000, waitedMillis + " ms");
                held.close().await();
                // the one connection, handed to the request that gave up, is back in the pool:
                // otherwise the next round's getConnection would wait for ever
                assertEquals(1, pool.query("SELECT 1").execute().await().size());
            }
            pool.close().await();
        } finally {
            vertx.close().await();
        }
    }

    @Test
    @DisplayName("loses no connection and reports no error when many waits end just as"
            + " connections come free, on several event loops")
    void racingWaits() throws Exception {
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(4));
        var reported = new ConcurrentLinkedQueue<Throwable>();
        vertx.exceptionHandler(reported::add);
        try (Database database = Database.external(TestDatabase.url())) {
            // statements of 2-8 ms and a 15 ms wait limit: many waits end as a connection frees
            Pool pool = database.createPool(vertx, 2, 15);
            // connect both first: connecting takes longer than the limit, and a connection
            // that comes too late is kept by the pool for the next request
            for (int tries = 0; tries < 50; tries++) {
                var both = Future.all(pool.query("SELECT pg_sleep(0.01)").execute(),
                        pool.query("SELECT pg_sleep(0.01)").execute());
                if (both.map(true).otherwise(false).await()) {
                    break;
                }
                Thread.sleep(100);
            }
            var served = new AtomicInteger();
            var refused = new AtomicInteger();
            vertx.deployVerticle(() -> new AbstractVerticle() {
                @Override
                public void start(Promise<Void> started) {
                    Future<Void> rounds = Future.succeededFuture();
                    for (int round = 0; round < ROUNDS; round++) {
                        rounds = rounds.compose(done -> oneRound());
                    }
                    rounds.onComplete(started);
                }

                private Future<Void> oneRound() {
                    List<Future<?>> all = new ArrayList<>();
                    for (int i = 0; i < 50; i++) {
                        Tuple sleep = Tuple.of(0.002 + (i % 7) * 0.001);
                        // half on the pool, half on a connection taken (as a transaction does)
                        Future<?> statement = i % 2 == 0
                                ? pool.preparedQuery("SELECT pg_sleep($1)").execute(sleep)
                                : pool.withConnection(connection -> connection
                                        .preparedQuery("SELECT pg_sleep($1)").execute(sleep));
                        all.add(statement
                                .onSuccess(rows -> served.incrementAndGet())
                                .recover(t -> {
                                    if (!DatabaseFailures.isUnavailable(t)) {
                                        return Future.failedFuture(t);
                                    }
                                    refused.incrementAndGet();
                                    return Future.succeededFuture();
                                }));
                    }
                    return Future.all(all).mapEmpty();
                }
            }, new DeploymentOptions().setInstances(4)).await();
            assertEquals(4 * ROUNDS * 50, served.get() + refused.get());
            assertTrue(refused.get() > 0 && served.get() > 0,
                    served + " served, " + refused + " refused: the limit was not raced");
            // both connections are back: once the requests still queued have been served (or
            // given back at once, for those that gave up), two can be held at once
            assertTrue(canHoldAtOnce(pool, 2), "a connection was lost; reported: " + reported);
            assertEquals(List.of(), List.copyOf(reported));
            pool.close().await();
        } finally {
            vertx.close().await();
        }
    }

    private static boolean canHoldAtOnce(Pool pool, int connections) throws InterruptedException {
        for (int tries = 0; tries < 100; tries++) {
            List<Future<SqlConnection>> held = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                held.add(pool.getConnection());
            }
            boolean all = Future.join(held).map(true).otherwise(false).await();
            held.forEach(connection -> connection.onSuccess(SqlConnection::close));
            if (all) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }
}
