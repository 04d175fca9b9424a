package cn.anxing.accident;

import cn.anxing.accident.cases.CaseTransition;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Reading cases as a party: one case, my cases, a case's recorded transitions. */
public final class CaseReading {

    private final CaseChanges cases;
    private final PoliceDeskRepository desk;
    private final Duration reviewWindow;

    CaseReading(CaseChanges cases, PoliceDeskRepository desk, Duration reviewWindow) {
        this.cases = cases;
        this.desk = desk;
        this.reviewWindow = reviewWindow;
    }

    public Future<CaseForParty> view(UUID actor, UUID caseId) {
        return cases.ofParty(actor, caseId).compose(c -> {
            var agreement = cases.repository().agreementOfCase(caseId);
            var sendBack = desk.sendBack(desk.pool(), caseId);
            var determination = desk.currentDetermination(desk.pool(), caseId);
            var review = desk.reviewMark(desk.pool(), caseId);
            return Future.all(agreement, sendBack, determination, review).map(x -> {
                Instant until = c.policeDecision() == null ? null
                        : c.policeDecision().decidedAt().plus(reviewWindow);
                return new CaseForParty(c, c.partyOf(actor).orElseThrow(),
                        agreement.result().orElse(null), sendBack.result().orElse(null),
                        determination.result().orElse(null), until,
                        review.result().map(Map.Entry::getKey).orElse(null), cases.now());
            });
        });
    }

    /** The latest 50 cases the actor is a party of, newest first. */
    public Future<List<CaseForParty>> myCases(UUID actor) {
        return cases.repository().caseIdsOf(actor).compose(ids -> {
            List<Future<CaseForParty>> all = ids.stream().map(id -> view(actor, id)).toList();
            return Future.all(all).map(x -> all.stream().map(Future::result).toList());
        });
    }

    public Future<List<CaseTransition>> transitions(UUID actor, UUID caseId) {
        return cases.ofParty(actor, caseId).compose(c -> cases.repository().transitions(caseId));
    }
}
