package cn.anxing.insight;

import cn.anxing.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.UUID;

/**
 * Accident cases written straight into the accident tables with known points and times, the
 * way the accident feature stores them: the insight tests need cases months in the past, which
 * the report API (always "now") cannot make.
 */
final class HandMadeCases {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static int counter;

    private HandMadeCases() {
    }

    /** An instant from a local Pinghu time, "2026-11-03T08:15". */
    static Instant local(String dateTime) {
        return LocalDateTime.parse(dateTime).atZone(SHANGHAI).toInstant();
    }

    static UUID someAccount() throws SQLException {
        try (Connection c = TestDatabase.connect(); var st = c.prepareStatement(
                "SELECT id FROM account WHERE username = 'police1'"); var rs = st.executeQuery()) {
            rs.next();
            return rs.getObject(1, UUID.class);
        }
    }

    /** A case in {@code state}, occurred and reported at {@code at}, at (lat, lon). */
    static UUID insertCase(double lat, double lon, Instant at, String state) throws SQLException {
        return insertCase(lat, lon, at, at, state);
    }

    static synchronized UUID insertCase(double lat, double lon, Instant occurredAt,
            Instant reportedAt, String state) throws SQLException {
        UUID id = UUID.randomUUID();
        try (Connection c = TestDatabase.connect(); var st = c.prepareStatement("""
                INSERT INTO accident_case (id, share_code, state, reporter_id, occurred_at,
                    reported_at, lat, lon, weather, accident_form, plates)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'SUNNY', 'REAR_END_COLLISION', ?)""")) {
            st.setObject(1, id);
            st.setString(2, "T" + System.nanoTime() % 1_000_000_000 + (counter++));
            st.setString(3, state);
            st.setObject(4, someAccount());
            st.setTimestamp(5, Timestamp.from(occurredAt));
            st.setTimestamp(6, Timestamp.from(reportedAt));
            st.setDouble(7, lat);
            st.setDouble(8, lon);
            st.setArray(9, c.createArrayOf("text", new String[] {"浙F" + counter}));
            st.executeUpdate();
        }
        return id;
    }

    static void transition(UUID caseId, String from, String to, Instant at) throws SQLException {
        sql("INSERT INTO accident_transition (case_id, from_state, event, to_state, actor, at)"
                + " VALUES (?, ?, 'TEST', ?, 'test', ?)", caseId, from, to, Timestamp.from(at));
    }

    static String caseNo(UUID caseId) throws SQLException {
        try (Connection c = TestDatabase.connect(); var st = c.prepareStatement(
                "SELECT case_no FROM accident_case WHERE id = ?")) {
            st.setObject(1, caseId);
            try (var rs = st.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    static void sql(String statement, Object... values) throws SQLException {
        try (Connection c = TestDatabase.connect(); var st = c.prepareStatement(statement)) {
            for (int i = 0; i < values.length; i++) {
                st.setObject(i + 1, values[i]);
            }
            st.executeUpdate();
        }
    }

    /** Whether the case has its row in the traffic map's table (snapped, on a road or off it). */
    static boolean snapped(UUID caseId) throws SQLException {
        try (Connection c = TestDatabase.connect(); var st = c.prepareStatement(
                "SELECT 1 FROM insight_case_segment WHERE case_id = ?")) {
            st.setObject(1, caseId);
            try (var rs = st.executeQuery()) {
                return rs.next();
            }
        }
    }
}
