package cn.anxing.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import cn.anxing.testing.Api;
import cn.anxing.testing.TestDatabase;
import cn.anxing.testing.TestServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * An insurer's system that accepts the connection and never answers, while twenty messages
 * wait for it: the relay gives up on each at its request timeout and backs off, everything
 * else keeps answering at once, and Vert.x never sees an event loop blocked.
 */
@DisplayName("An insurer that never answers")
class SlowReceiverTest {

    @Test
    @DisplayName("delays nothing else: requests stay fast, deliveries time out and back off")
    void delaysNothingElse() throws Exception {
        Logger checker = (Logger) LoggerFactory.getLogger(
                "io.vertx.core.impl.BlockedThreadChecker");
        var blocked = new ListAppender<ILoggingEvent>();
        blocked.start();
        checker.addAppender(blocked);
        // the check can fail: Vert.x's own logger for blocked threads reaches this appender
        io.vertx.core.internal.logging.LoggerFactory.getLogger(
                "io.vertx.core.impl.BlockedThreadChecker").warn("probe");
        assertEquals(1, blocked.list.size(), "the blocked-thread logger is not captured");
        blocked.list.clear();
        try (var hole = new BlackHole();
                TestServer server = TestServer.start(Map.of("OUTBOX_POLL_INTERVAL_MS", "200"))) {
            sql("INSERT INTO outbox_endpoint (code, url, secret) VALUES ('insurer:SLOW',"
                    + " 'http://127.0.0.1:" + hole.port() + "/webhook', 'a-slow-insurer-secret')");
            sql("INSERT INTO outbox_message (endpoint, topic, dedupe_key, body)"
                    + " SELECT 'insurer:SLOW', 'agreement.sealed', 'slow-' || n, '{\"n\":' || n"
                    + " || '}' FROM generate_series(1, 20) n");
            Api anonymous = server.api();
            long slowest = 0;
            long end = System.nanoTime() + 12_000_000_000L;
            int answered = 0;
            while (System.nanoTime() < end) {
                long asked = System.nanoTime();
                Api.Reply r = anonymous.get("/api/v1/liability/scenarios");
                slowest = Math.max(slowest, (System.nanoTime() - asked) / 1_000_000);
                assertEquals(200, r.status());
                answered++;
                Thread.sleep(20);
            }
            long attempts = scalar("SELECT count(*) FROM outbox_attempt a JOIN outbox_message m"
                    + " ON m.id = a.message_id WHERE m.endpoint = 'insurer:SLOW'");
            long backedOff = scalar("SELECT count(*) FROM outbox_message WHERE endpoint ="
                    + " 'insurer:SLOW' AND status = 'PENDING' AND attempts > 0"
                    + " AND next_attempt_at > now()");
            System.out.printf("FAULT silent insurer: %d requests meanwhile, slowest %d ms;"
                    + " %d delivery attempts timed out, %d messages backing off, %d"
                    + " connections held%n", answered, slowest, attempts, backedOff,
                    hole.accepted());
            // latency is a benchmark's business, not a test's (the machine may be busy): what
            // must hold is that every request was answered while the relay waited
            assertTrue(hole.accepted() > 0, "the relay never tried the insurer");
            assertTrue(attempts > 0, "no attempt recorded its time-out");
            assertTrue(backedOff > 0, "no message backing off");
        } finally {
            checker.detachAppender(blocked);
        }
        List<String> warnings = new ArrayList<>();
        blocked.list.forEach(e -> warnings.add(e.getFormattedMessage()));
        assertEquals(List.of(), warnings, "blocked-thread warnings");
    }

    /** Accepts connections and reads nothing, answers nothing. */
    private static final class BlackHole implements AutoCloseable {
        private final ServerSocket socket;
        private final List<Socket> held = new ArrayList<>();
        private final Thread acceptor;

        BlackHole() throws IOException {
            socket = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
            acceptor = new Thread(() -> {
                while (!socket.isClosed()) {
                    try {
                        Socket s = socket.accept();
                        synchronized (held) {
                            held.add(s);
                        }
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        int accepted() {
            synchronized (held) {
                return held.size();
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
            synchronized (held) {
                for (Socket s : held) {
                    s.close();
                }
            }
        }
    }

    private static void sql(String statement) throws Exception {
        try (Connection c = TestDatabase.connect(); Statement st = c.createStatement()) {
            st.execute(statement);
        }
    }

    private static long scalar(String query) throws Exception {
        try (Connection c = TestDatabase.connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
