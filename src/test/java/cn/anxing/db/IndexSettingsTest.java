package cn.anxing.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.anxing.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The indexes a report searches")
class IndexSettingsTest {

    @Test
    @DisplayName("every GIN index enters new rows at once: no pending list that each search reads")
    void ginWithoutPendingList() throws Exception {
        try (Database database = Database.external(TestDatabase.url())) {
            database.migrate();
        }
        List<String> gin = new ArrayList<>();
        try (Connection c = TestDatabase.connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("""
                        SELECT i.relname, coalesce(array_to_string(i.reloptions, ','), '')
                        FROM pg_class i JOIN pg_am am ON am.oid = i.relam
                        JOIN pg_namespace n ON n.oid = i.relnamespace
                        WHERE am.amname = 'gin' AND n.nspname = current_schema()
                        ORDER BY i.relname""")) {
            while (rs.next()) {
                gin.add(rs.getString(1) + " " + rs.getString(2));
            }
        }
        // the repeated-report query and the plate counts search it on every report
        assertTrue(gin.contains("accident_case_plates fastupdate=off"), gin.toString());
        assertEquals(List.of(), gin.stream().filter(g -> !g.endsWith("fastupdate=off")).toList(),
                "a GIN index with a pending list");
    }
}
