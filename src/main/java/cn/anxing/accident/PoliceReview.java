package cn.anxing.accident;

import cn.anxing.accident.cases.AccidentError;
import cn.anxing.accident.cases.CaseEvent;
import cn.anxing.accident.cases.CaseState;
import cn.anxing.accident.cases.CaseTransition;
import cn.anxing.accident.liability.LiabilityGrade;
import cn.anxing.error.DomainException;
import io.vertx.core.Future;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The traffic police's side (交警审核): the queue of disputed and flagged cases, a case in full,
 * the determination with any of the five grades, closing, and the statistics.
 */
public final class PoliceReview {

    /** A case as the police see it, with every recorded transition. */
    public record CaseForPolice(AccidentCase accidentCase, List<CaseTransition> transitions) {
    }

    /** Cases by state, and repeated reports offered an open case and those that joined it. */
    public record Statistics(Map<CaseState, Long> casesByState, long duplicatesOffered,
            long duplicatesAvoided) {
    }

    private final CaseChanges cases;
    private final DuplicateOffers offers;

    PoliceReview(CaseChanges cases, DuplicateOffers offers) {
        this.cases = cases;
        this.offers = offers;
    }

    public Future<List<AccidentCase>> queue() {
        AccidentRepository repository = cases.repository();
        return repository.policeQueue().compose(ids -> {
            List<Future<AccidentCase>> all = ids.stream().map(cases::any).toList();
            return Future.all(all).map(x -> all.stream().map(Future::result).toList());
        });
    }

    public Future<CaseForPolice> view(UUID caseId) {
        return cases.any(caseId).compose(c -> cases.repository().transitions(caseId)
                .map(t -> new CaseForPolice(c, t)));
    }

    /** The officer's determination (交警认定): any of the five grades for each party. */
    public Future<CaseForPolice> decide(UUID officer, UUID caseId, Integer expectedVersion,
            Map<String, String> grades, String note) {
        return cases.byPolice(officer, caseId, expectedVersion, (tx, c, me, update) -> {
            Map<String, LiabilityGrade> decided = new LinkedHashMap<>();
            for (CaseParty p : c.parties()) {
                String grade = grades.get(p.label());
                if (grade == null) {
                    throw new DomainException(AccidentError.GRADE_REQUIRED, "请认定当事人"
                            + p.label() + "的责任 / give party " + p.label() + " a grade",
                            "grades." + p.label());
                }
                decided.put(p.label(), Inputs.enumValue(LiabilityGrade.class, grade,
                        "grades." + p.label()));
            }
            for (String label : grades.keySet()) {
                if (!decided.containsKey(label)) {
                    throw new DomainException(AccidentError.GRADE_INVALID, "当事人" + label
                            + "不在本案中 / party " + label + " is not a party of this case",
                            "grades." + label);
                }
            }
            update.fire(CaseEvent.POLICE_DECIDED);
            return cases.repository().setPoliceDecision(tx, caseId,
                    new PoliceDecision(decided, note, officer, cases.now()));
        }).compose(x -> view(caseId));
    }

    /** Closes a case that is agreed or decided (结案); nothing changes on it afterwards. */
    public Future<CaseForPolice> close(UUID officer, UUID caseId, Integer expectedVersion) {
        return cases.byPolice(officer, caseId, expectedVersion, (tx, c, me, update) -> {
            update.fire(CaseEvent.CLOSED);
            return Future.<Void>succeededFuture();
        }).compose(x -> view(caseId));
    }

    public Future<Statistics> statistics() {
        return cases.repository().countByState().compose(states -> offers.duplicateCounts()
                .map(d -> new Statistics(states, d.offered(), d.avoided())));
    }
}
