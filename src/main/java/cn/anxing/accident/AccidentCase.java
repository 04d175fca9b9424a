package cn.anxing.accident;

import cn.anxing.accident.agreement.AccidentForm;
import cn.anxing.accident.agreement.Weather;
import cn.anxing.accident.cases.CaseAction;
import cn.anxing.accident.cases.CaseState;
import cn.anxing.accident.cases.PlateNumber;
import cn.anxing.accident.eligibility.ChecklistAnswers;
import cn.anxing.accident.eligibility.EligibilityResult;
import cn.anxing.routing.LatLon;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * An accident case (事故案件) with everything on it, as one phone or the police read it.
 *
 * @param version        bumped by every change; a change made on an older version is refused
 * @param plates         every vehicle's plate, the reporter's first
 * @param checklist      null until the checklist is answered; then also {@code eligibility}
 * @param decision       the liability engine's, null until every party stated (or one declined)
 * @param policeDecision null unless an officer decided
 * @param flags          what the police should look at
 * @param medicalAdvance someone is hurt: the medical advance payment (医疗垫付) path is open
 */
public record AccidentCase(UUID id, String caseNo, String shareCode, CaseState state,
        int version, UUID reporterId, Instant occurredAt, Instant reportedAt, LatLon position,
        Road road, Weather weather, AccidentForm accidentForm, List<PlateNumber> plates,
        ChecklistAnswers checklist, EligibilityResult eligibility, CaseDecision decision,
        PoliceDecision policeDecision, List<CaseFlag> flags, boolean medicalAdvance,
        List<CaseParty> parties, List<CasePhoto> photos) {

    /**
     * The road the report was snapped to; {@code point} null and the name empty off the road.
     *
     * @param roadClass OpenStreetMap's highway value, {@code _link} appended for ramps
     */
    public record Road(LatLon point, String name, String roadClass, boolean expressway) {
    }

    public AccidentCase {
        plates = List.copyOf(plates);
        flags = List.copyOf(flags);
        parties = List.copyOf(parties);
        photos = List.copyOf(photos);
    }

    public Optional<CaseParty> partyOf(UUID accountId) {
        return parties.stream().filter(p -> p.accountId().equals(accountId)).findFirst();
    }

    /** Liability is settled by the engine and the parties may sign. */
    public boolean settled() {
        return decision != null && decision.settled();
    }

    /** The engine settled and no agreement is sealed yet (nobody decided otherwise). */
    public boolean agreementPending() {
        return policeDecision == null && state != CaseState.AGREED && state != CaseState.CLOSED;
    }

    /** A vehicle of the case has no party yet. */
    public boolean awaitsParties() {
        return parties.size() < plates.size();
    }

    /** Every vehicle has its party and every party gave what the agreement needs. */
    public static boolean allPartiesReady(List<CaseParty> parties, int vehicles) {
        return parties.size() == vehicles && parties.stream().allMatch(CaseParty::complete);
    }

    /**
     * Whether {@code me} may do {@code action} now. The use cases refuse by the same rule, each
     * with the code that says which half failed (the state, or what this party did already).
     */
    public boolean allows(CaseAction action, CaseParty me) {
        if (!action.openIn(state)) {
            return false;
        }
        return switch (action) {
            case INVITE -> awaitsParties();
            // sent back: a statement to redo; which party, CaseForParty says
            case STATEMENT -> state == CaseState.SUPPLEMENT || !me.stated();
            case SIGN -> settled() && !me.signed() && flags.isEmpty();
            case REQUEST_REVIEW -> policeDecision != null;
            case CHECKLIST, UPLOAD_PHOTO, EDIT_PARTY, REQUEST_POLICE -> true;
        };
    }

    public List<CaseAction> allowedActions(CaseParty me) {
        return Arrays.stream(CaseAction.values()).filter(a -> allows(a, me)).toList();
    }
}
