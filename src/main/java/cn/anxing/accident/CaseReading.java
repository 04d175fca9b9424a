package cn.anxing.accident;

import cn.anxing.accident.cases.CaseTransition;
import io.vertx.core.Future;
import java.util.List;
import java.util.UUID;

/** Reading cases as a party: one case, my cases, a case's recorded transitions. */
public final class CaseReading {

    private final CaseChanges cases;

    CaseReading(CaseChanges cases) {
        this.cases = cases;
    }

    public Future<CaseForParty> view(UUID actor, UUID caseId) {
        return cases.ofParty(actor, caseId).compose(c -> cases.repository()
                .agreementOfCase(caseId).map(agreement -> new CaseForParty(c,
                        c.partyOf(actor).orElseThrow(), agreement.orElse(null))));
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
