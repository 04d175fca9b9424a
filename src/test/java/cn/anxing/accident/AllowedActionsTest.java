package cn.anxing.accident;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.anxing.accident.agreement.AccidentForm;
import cn.anxing.accident.agreement.Signature;
import cn.anxing.accident.agreement.Weather;
import cn.anxing.accident.cases.CaseAction;
import cn.anxing.accident.cases.CaseState;
import cn.anxing.accident.cases.PlateNumber;
import cn.anxing.accident.liability.LiabilityDecision.Outcome;
import cn.anxing.accident.liability.LiabilityGrade;
import cn.anxing.accident.liability.PartyStatement;
import cn.anxing.routing.LatLon;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("What a party may do on a case: the allowed actions the page shows")
class AllowedActionsTest {

    private static final Instant AT = Instant.parse("2026-11-29T08:30:00Z");

    @ParameterizedTest(name = "{0}, {1} of 2 parties, stated {2}, signed {3}, settled {4}: {5}")
    @CsvSource(delimiter = '|', textBlock = """
            DRAFT         | 1 | false | false | false | INVITE CHECKLIST EDIT_PARTY
            DRAFT         | 2 | false | false | false | CHECKLIST EDIT_PARTY
            EVIDENCE      | 1 | false | false | false | INVITE UPLOAD_PHOTO EDIT_PARTY REQUEST_POLICE
            PARTIES       | 2 | false | false | false | UPLOAD_PHOTO EDIT_PARTY REQUEST_POLICE
            LIABILITY     | 2 | false | false | false | STATEMENT REQUEST_POLICE
            LIABILITY     | 2 | true  | false | false | REQUEST_POLICE
            LIABILITY     | 2 | true  | false | true  | REQUEST_POLICE SIGN
            LIABILITY     | 2 | true  | true  | true  | REQUEST_POLICE
            AGREED        | 2 | true  | true  | true  | -
            POLICE_REVIEW | 2 | true  | false | false | -
            DECIDED       | 2 | true  | false | false | -
            CLOSED        | 1 | false | false | false | -
            """)
    @DisplayName("The state and what this party did already decide; nothing is open once the"
            + " case is agreed or with the police")
    void allowedActions(CaseState state, int parties, boolean stated, boolean signed,
            boolean settled, String expected) {
        AccidentCase c = accidentCase(state, parties, stated, signed, settled);
        List<CaseAction> want = expected.equals("-") ? List.of()
                : Arrays.stream(expected.split(" ")).map(CaseAction::valueOf).sorted().toList();
        assertEquals(want, c.allowedActions(c.parties().get(0)));
    }

    private static AccidentCase accidentCase(CaseState state, int partyCount, boolean stated,
            boolean signed, boolean settled) {
        List<PlateNumber> plates = List.of(PlateNumber.parse("浙F12345"),
                PlateNumber.parse("浙F67890"));
        List<CaseParty> parties = new ArrayList<>();
        for (int i = 0; i < partyCount; i++) {
            parties.add(new CaseParty(UUID.randomUUID(), String.valueOf((char) ('A' + i)),
                    UUID.randomUUID(), AT, null, null, plates.get(i), null, null, null, null, null,
                    null, stated ? PartyStatement.declining("A") : null, stated ? AT : null,
                    signed ? new Signature(new byte[] {1}, AT) : null));
        }
        CaseDecision decision = settled ? new CaseDecision(Outcome.SETTLED,
                Map.of("A", LiabilityGrade.NONE, "B", LiabilityGrade.FULL), Map.of(), null,
                List.of(), "v1") : null;
        return new AccidentCase(UUID.randomUUID(), "PH-1", "ABC234", state, 1, UUID.randomUUID(),
                AT, AT, new LatLon(30.7, 121.0), new AccidentCase.Road(null, "", "", false),
                Weather.SUNNY, AccidentForm.SCRAPE, plates, null, null, decision, null,
                List.of(), false, parties, List.of());
    }
}
