package cn.anxing.db;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PrepareOptions;
import io.vertx.sqlclient.PreparedQuery;
import io.vertx.sqlclient.Query;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.SqlResult;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collector;

/**
 * The PostgreSQL pool with the wait for a free connection limited here, not by the library.
 *
 * <p>vertx-sql-client 5.0.7 limits that wait with a timer per waiting request, and the timer
 * races the hand-over of a connection from another event loop: a request served just as its
 * time ran out is failed and served at once ("Promise already completed" in the log; when the
 * failure comes first, the connection it was handed is never given back, and a pool that loses
 * all its connections that way stops). It is eclipse-vertx/vertx-sql-client#1567, fixed after
 * 5.0.7. So the library pool waits without a timer and this one gives up on the request after
 * {@code waitMillis} (a 503 through {@link DatabaseFailures}); a connection that arrives after
 * that goes straight back to the pool. Statements run on the pool itself take a connection the
 * same way and give it back when they end.
 */
final class WaitLimitedPool implements Pool {

    /** No free connection came within the wait limit: the database is overloaded or away. */
    static final class PoolWaitTimeoutException extends RuntimeException {
        PoolWaitTimeoutException(long waitMillis) {
            super("no database connection became free within " + waitMillis + " ms", null,
                    false, false);
        }
    }

    private final Vertx vertx;
    private final Pool pool;
    private final long waitMillis;

    WaitLimitedPool(Vertx vertx, Pool pool, long waitMillis) {
        this.vertx = vertx;
        this.pool = pool;
        this.waitMillis = waitMillis;
    }

    @Override
    public Future<SqlConnection> getConnection() {
        // whichever of the timer and the library's answer comes first settles the request
        Promise<SqlConnection> taken = Promise.promise();
        long timer = vertx.setTimer(waitMillis,
                id -> taken.tryFail(new PoolWaitTimeoutException(waitMillis)));
        pool.getConnection().onComplete(connection -> {
            vertx.cancelTimer(timer);
            if (!taken.tryComplete(connection)) {
                connection.close();
            }
        }, failure -> {
            vertx.cancelTimer(timer);
            taken.tryFail(failure);
        });
        return taken.future();
    }

    @Override
    public Query<RowSet<Row>> query(String sql) {
        return new PooledQuery<>(connection -> connection.query(sql));
    }

    @Override
    public PreparedQuery<RowSet<Row>> preparedQuery(String sql) {
        return new PooledPreparedQuery<>(connection -> connection.preparedQuery(sql));
    }

    @Override
    public PreparedQuery<RowSet<Row>> preparedQuery(String sql, PrepareOptions options) {
        return new PooledPreparedQuery<>(connection -> connection.preparedQuery(sql, options));
    }

    @Override
    public int size() {
        return pool.size();
    }

    @Override
    public Future<Void> close() {
        return pool.close();
    }

    private <T> Future<T> onAConnection(Function<SqlConnection, Future<T>> statement) {
        return getConnection().compose(connection -> statement.apply(connection)
                .eventually(connection::close));
    }

    /** A simple (unprepared) statement, on a connection taken for it alone. */
    private final class PooledQuery<T> implements Query<T> {

        private final Function<SqlConnection, Query<T>> query;

        PooledQuery(Function<SqlConnection, Query<T>> query) {
            this.query = query;
        }

        @Override
        public Future<T> execute() {
            return onAConnection(connection -> query.apply(connection).execute());
        }

        @Override
        public <R> Query<SqlResult<R>> collecting(Collector<Row, ?, R> collector) {
            return new PooledQuery<>(connection -> query.apply(connection).collecting(collector));
        }

        @Override
        public <U> Query<RowSet<U>> mapping(Function<Row, U> mapper) {
            return new PooledQuery<>(connection -> query.apply(connection).mapping(mapper));
        }
    }

    /** A prepared statement, on a connection taken for it alone (its cache keeps it prepared). */
    private final class PooledPreparedQuery<T> implements PreparedQuery<T> {

        private final Function<SqlConnection, PreparedQuery<T>> query;

        PooledPreparedQuery(Function<SqlConnection, PreparedQuery<T>> query) {
            this.query = query;
        }

        @Override
        public Future<T> execute() {
            return onAConnection(connection -> query.apply(connection).execute());
        }

        @Override
        public Future<T> execute(Tuple tuple) {
            return onAConnection(connection -> query.apply(connection).execute(tuple));
        }

        @Override
        public Future<T> executeBatch(List<Tuple> batch) {
            return onAConnection(connection -> query.apply(connection).executeBatch(batch));
        }

        @Override
        public <R> PreparedQuery<SqlResult<R>> collecting(Collector<Row, ?, R> collector) {
            return new PooledPreparedQuery<>(
                    connection -> query.apply(connection).collecting(collector));
        }

        @Override
        public <U> PreparedQuery<RowSet<U>> mapping(Function<Row, U> mapper) {
            return new PooledPreparedQuery<>(
                    connection -> query.apply(connection).mapping(mapper));
        }
    }
}
