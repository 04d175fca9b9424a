package cn.anxing.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Clients have one list of codes: the README's table holds exactly the codes of the enums. */
@DisplayName("The README lists every error code with its status")
class ErrorCodeTableTest {

    @Test
    @DisplayName("Each code of each ErrorCode enum is in the README's table with its status and"
            + " feature, and the table has no code the enums lack")
    void readmeListsEveryCode() throws Exception {
        if (Boolean.getBoolean("writeErrorCodes")) {
            ErrorCodeTable.writeReadme();
        }
        List<ErrorCodeTable.Row> enums = ErrorCodeTable.rows();
        assertFalse(enums.isEmpty(), "no ErrorCode enum found in src/main");
        var expected = new TreeSet<String>();
        enums.forEach(row -> expected.add(row.key()));
        var listed = new TreeSet<String>();
        ErrorCodeTable.readme().forEach(row -> listed.add(row.key()));
        var missing = new TreeSet<>(expected);
        missing.removeAll(listed);
        var extra = new TreeSet<>(listed);
        extra.removeAll(expected);
        assertEquals("", (missing.isEmpty() ? "" : "missing from README.md: " + missing + "; ")
                + (extra.isEmpty() ? "" : "in README.md but no enum has it: " + extra),
                "regenerate with: mvn -B -o -Dskip.frontend test -Dtest=ErrorCodeTableTest"
                + " -DwriteErrorCodes=true");
    }

    @Test
    @DisplayName("Every status is a 4xx for the client's mistakes or a 5xx")
    void statusesAreErrors() {
        ErrorCodeTable.rows().forEach(row -> assertEquals(true,
                row.status() >= 400 && row.status() <= 599, row.key()));
    }
}
