package cn.anxing.accident;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.anxing.accident.agreement.AccidentForm;
import cn.anxing.accident.agreement.Weather;
import cn.anxing.accident.cases.CaseState;
import cn.anxing.accident.cases.PlateNumber;
import cn.anxing.routing.LatLon;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The police queue's order, filters and search (待处理案件), on four hand-built entries. Their
 * times are chosen so that each order is told apart: the injured cases are not the longest
 * waiting, and the oldest report (AX-0003) waits since a later time, as a case does that came
 * back to the queue.
 *
 * <pre>
 *   case     road   reported  waiting since  injury  reasons                    state
 *   AX-0001  柏里大道  03:00     03:10          no      STATEMENTS_DISAGREE        POLICE_REVIEW
 *   AX-0002  西街    05:00     05:00          yes     NOT_ELIGIBLE, INJURY       POLICE_REVIEW
 *   AX-0003  柏里大道  01:00     06:00          no      PHOTO_FLAGGED              SUPPLEMENT
 *   AX-0004  西街    07:00     07:00          yes     INJURY                     POLICE_REVIEW
 * </pre>
 */
class PoliceQueueTest {

    private static final String DAY = "2026-12-03T";

    private static final List<PoliceQueue.QueueEntry> ENTRIES = List.of(
            entry("AX-0001", "柏里大道", "03:00", "03:10", false, CaseState.POLICE_REVIEW,
                    List.of("浙F10001", "浙FD20001"), "STATEMENTS_DISAGREE"),
            entry("AX-0002", "西街", "05:00", "05:00", true, CaseState.POLICE_REVIEW,
                    List.of("浙F10002", "浙F30002"), "NOT_ELIGIBLE", "INJURY"),
            entry("AX-0003", "柏里大道", "01:00", "06:00", false, CaseState.SUPPLEMENT,
                    List.of("浙A88888", "浙F10003"), "PHOTO_FLAGGED"),
            entry("AX-0004", "西街", "07:00", "07:00", true, CaseState.POLICE_REVIEW,
                    List.of("浙F10004", "浙F40004"), "INJURY"));

    @ParameterizedTest(name = "reason {0}, road {1}, from {2} to {3}, state {4}, search {5},"
            + " sort {6} -> {7}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # reason            | road | from  | to    | state         | search   | sort    | expected
            -                   | -    | -     | -     | -             | -        | URGENCY | AX-0002 AX-0004 AX-0001 AX-0003
            -                   | -    | -     | -     | -             | -        | TIME    | AX-0004 AX-0002 AX-0001 AX-0003
            INJURY              | -    | -     | -     | -             | -        | URGENCY | AX-0002 AX-0004
            PHOTO_FLAGGED       | -    | -     | -     | -             | -        | URGENCY | AX-0003
            STATEMENTS_DISAGREE | -    | -     | -     | -             | -        | TIME    | AX-0001
            -                   | 西街   | -     | -     | -             | -        | URGENCY | AX-0002 AX-0004
            -                   | 柏里   | -     | -     | -             | -        | URGENCY | AX-0001 AX-0003
            -                   | -    | 03:00 | 07:00 | -             | -        | URGENCY | AX-0002 AX-0001
            -                   | -    | 05:00 | -     | -             | -        | TIME    | AX-0004 AX-0002
            -                   | -    | -     | 03:00 | -             | -        | TIME    | AX-0003
            -                   | -    | -     | -     | SUPPLEMENT    | -        | URGENCY | AX-0003
            -                   | -    | -     | -     | POLICE_REVIEW | -        | TIME    | AX-0004 AX-0002 AX-0001
            -                   | -    | -     | -     | DECIDED       | -        | URGENCY | ''
            -                   | -    | -     | -     | -             | ax-0003  | URGENCY | AX-0003
            -                   | -    | -     | -     | -             | AX-000   | TIME    | AX-0004 AX-0002 AX-0001 AX-0003
            -                   | -    | -     | -     | -             | 浙A88888  | URGENCY | AX-0003
            -                   | -    | -     | -     | -             | 浙a 888   | URGENCY | AX-0003
            -                   | -    | -     | -     | -             | FD20001  | URGENCY | AX-0001
            -                   | -    | -     | -     | -             | 浙B12345  | URGENCY | ''
            INJURY              | 西街   | 06:00 | -     | POLICE_REVIEW | 浙F1000   | TIME    | AX-0004
            """)
    @DisplayName("The queue sorts by urgency (injury first, then longest waiting) or by time"
            + " (newest report first), filters by reason, road, time range and state, and finds a"
            + " case by its number or a plate")
    void filtersAndSorts(String reason, String road, String from, String to, String state,
            String search, String sort, String expected) {
        var query = new PoliceQueue.QueueQuery(reason, road, at(from), at(to), state, search,
                sort);
        List<String> found = PoliceQueue.filterAndSort(ENTRIES, query).stream()
                .map(e -> e.accidentCase().caseNo()).toList();
        assertEquals(expected.isEmpty() ? List.of() : Arrays.asList(expected.split(" ")),
                found);
    }

    private static Instant at(String time) {
        return time == null ? null : Instant.parse(DAY + time + ":00Z");
    }

    private static PoliceQueue.QueueEntry entry(String caseNo, String road, String reported,
            String waitingSince, boolean injury, CaseState state, List<String> plates,
            String... reasons) {
        var c = new AccidentCase(UUID.randomUUID(), caseNo, "SHARE1", state, 1,
                UUID.randomUUID(), at(reported), at(reported), new LatLon(28.29663, 117.20555),
                new AccidentCase.Road(new LatLon(28.29663, 117.20555), road, "primary", false),
                Weather.SUNNY, AccidentForm.REAR_END_COLLISION,
                plates.stream().map(PlateNumber::parse).toList(), null, null, null, null,
                List.of(), injury, List.of(), List.of());
        return new PoliceQueue.QueueEntry(c, at(waitingSince), null, null, List.of(reasons));
    }
}
