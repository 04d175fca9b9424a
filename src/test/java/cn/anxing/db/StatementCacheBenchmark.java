package cn.anxing.db;

import cn.anxing.testing.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Tuple;

/**
 * BENCHMARKS.md section 9: one {@code preparedQuery} after another on one connection, with the
 * SQL client's default (no statement cache: each execution prepares, waits for the answer,
 * executes and closes) and with the cache the server's pool uses ({@link Database#createPool}).
 *
 * <pre>
 * mvn -B -o -q -Dskip.frontend exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=cn.anxing.db.StatementCacheBenchmark -Dexec.args="5000"
 * </pre>
 * Argument: statements per round (three rounds each way, alternating).
 */
public final class StatementCacheBenchmark {

    private static final String SQL = "SELECT $1::int + 1";

    private StatementCacheBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int statements = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        Vertx vertx = Vertx.vertx();
        try {
            for (int round = 1; round <= 3; round++) {
                for (boolean cache : new boolean[] {false, true}) {
                    Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(1))
                            .connectingTo(PgConnectOptions.fromUri(TestDatabase.url())
                                    .setCachePreparedStatements(cache))
                            .using(vertx).build();
                    pool.preparedQuery(SQL).execute(Tuple.of(0)).await();
                    long started = System.nanoTime();
                    for (int i = 0; i < statements; i++) {
                        pool.preparedQuery(SQL).execute(Tuple.of(i)).toCompletionStage()
                                .toCompletableFuture().get();
                    }
                    double micros = (System.nanoTime() - started) / 1e3 / statements;
                    System.out.printf("round %d, statement cache %s: %.0f us a statement%n",
                            round, cache ? "on " : "off", micros);
                    pool.close().await();
                }
            }
        } finally {
            vertx.close().await();
        }
        System.exit(0);
    }
}
