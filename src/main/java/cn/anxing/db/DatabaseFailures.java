package cn.anxing.db;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

/**
 * Tells a database that is not there (restarting, failing over, unreachable, out of
 * connections) from a query that went wrong: the first is a 503 the client may retry, the
 * second a bug.
 */
public final class DatabaseFailures {

    private DatabaseFailures() {
    }

    public static boolean isUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            // a reset socket is the database going away under a query it was answering
            if (t instanceof java.io.IOException io && io.getMessage() != null
                    && (io.getMessage().contains("Connection reset")
                            || io.getMessage().contains("Broken pipe"))) {
                return true; // the socket to the database closed under a query
            }
            if (t instanceof ConnectException || t instanceof java.net.SocketException
                    || t instanceof ClosedConnectionException
                    || t instanceof TimeoutException
                    || t instanceof WaitLimitedPool.PoolWaitTimeoutException
                    || t instanceof io.vertx.core.http.ConnectionPoolTooBusyException) {
                return true;
            }
            if (t instanceof PgException pg && pg.getSqlState() != null) {
                String state = pg.getSqlState();
                // 08: connection exceptions; 57P01-57P03: shutting down or starting up
                if (state.startsWith("08") || state.startsWith("57P")) {
                    return true;
                }
            }
            String name = t.getClass().getSimpleName();
            // the driver's and Vert.x's own timeouts (connecting, a statement cut off)
            if (name.contains("Timeout")) {
                return true;
            }
        }
        return false;
    }
}
