package cn.anxing.insight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.anxing.db.Database;
import cn.anxing.insight.InsightRepository.Segment;
import cn.anxing.insight.InsightRepository.Snapped;
import cn.anxing.testing.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.sqlclient.Pool;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Snapping takes turns across instances and stores a batch in one statement")
class SnapClaimTest {

    private static Database database;
    private static Vertx vertx;
    private static Pool pool;
    private static InsightRepository repository;

    @BeforeAll
    static void open() {
        database = Database.external(TestDatabase.url());
        database.migrate();
        vertx = Vertx.vertx();
        pool = database.createPool(vertx, 3);
        repository = new InsightRepository(pool);
    }

    @AfterAll
    static void close() throws Exception {
        pool.close().await(10, TimeUnit.SECONDS);
        vertx.close().await(10, TimeUnit.SECONDS);
        database.close();
    }

    @BeforeEach
    void empty() {
        TestDatabase.reset();
    }

    @Test
    @DisplayName("while one instance holds the turn another gets none, and gets it once released")
    void oneAtATime() throws Exception {
        // two pools: two instances' connections to one database
        Pool other = database.createPool(vertx, 1);
        try {
            var otherRepository = new InsightRepository(other);
            Optional<SnapClaim> first = repository.claimSnapping().await();
            assertTrue(first.isPresent());
            assertTrue(otherRepository.claimSnapping().await().isEmpty(),
                    "the other instance must wait for its turn");
            // the refused claim gave its connection back: the other pool's one is free again
            assertEquals(1, other.query("SELECT 1").execute().await().size());
            first.get().release().await();
            Optional<SnapClaim> second = otherRepository.claimSnapping().await();
            assertTrue(second.isPresent(), "released: the other instance has the turn");
            assertTrue(repository.claimSnapping().await().isEmpty());
            second.get().release().await();
        } finally {
            other.close().await(10, TimeUnit.SECONDS);
        }
    }

    @Test
    @DisplayName("a batch stores each segment once and every case, off-road ones too; again, nothing changes")
    void saveBatch() {
        var road = new Segment(7, 4242L, "水厂路", "secondary",
                new JsonArray().add(new JsonArray().add(118.1).add(28.3))
                        .add(new JsonArray().add(118.2).add(28.31)));
        var other = new Segment(8, 4243L, "沿河路", "residential",
                new JsonArray().add(new JsonArray().add(118.3).add(28.3))
                        .add(new JsonArray().add(118.4).add(28.32)));
        Instant at = Instant.parse("2026-11-03T00:15:00Z");
        List<Snapped> batch = List.of(
                new Snapped(UUID.randomUUID(), at, 495, Optional.of(road)),
                new Snapped(UUID.randomUUID(), at, 495, Optional.of(road)),
                new Snapped(UUID.randomUUID(), at, 496, Optional.of(other)),
                new Snapped(UUID.randomUUID(), at, 497, Optional.empty()));
        SnapClaim claim = repository.claimSnapping().await().orElseThrow();
        try {
            claim.save(batch).await();
            claim.save(batch).await();
        } finally {
            claim.release().await();
        }
        assertEquals("7 4242 水厂路 secondary [[118.1,28.3],[118.2,28.31]]|8 4243 沿河路 residential"
                + " [[118.3,28.3],[118.4,28.32]]", text("""
                SELECT string_agg(concat_ws(' ', edge_id, way_id, road_name, road_class,
                    replace(geometry::text, ' ', '')), '|' ORDER BY edge_id)
                FROM insight_segment"""));
        assertEquals("7:495|7:495|8:496|-:497", text("""
                SELECT string_agg(coalesce(edge_id::text, '-') || ':' || local_minute, '|'
                    ORDER BY local_minute, edge_id) FROM insight_case_segment"""));
        assertEquals(at.toString(), text("SELECT DISTINCT to_char(occurred_at AT TIME ZONE"
                + " 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') FROM insight_case_segment"));
    }

    private static String text(String sql) {
        return pool.query(sql).execute().await().iterator().next().getString(0);
    }
}
