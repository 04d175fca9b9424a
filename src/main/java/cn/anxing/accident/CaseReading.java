package cn.anxing.accident;

import cn.anxing.accident.cases.CaseTransition;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
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

    /**
     * The case as one party sees it. Its seven reads run on one pooled connection, the last four
     * pipelined: taken from the pool one at a time they made a report wait for the pool up to
     * seven times and hold four connections at once, the tail of report creation under load
     * (BENCHMARKS.md §9).
     */
    public Future<CaseForParty> view(UUID actor, UUID caseId) {
        return cases.repository().pool().withConnection(conn -> view(conn, actor, caseId));
    }

    private Future<CaseForParty> view(SqlConnection conn, UUID actor, UUID caseId) {
        return cases.ofParty(conn, actor, caseId).compose(c -> {
            var agreement = cases.repository().agreementOfCase(conn, caseId);
            var sendBack = desk.sendBack(conn, caseId);
            var determination = desk.currentDetermination(conn, caseId);
            var review = desk.reviewMark(conn, caseId);
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

    /**
     * A case its reporter has just stored, read in the transaction that stores it: nothing can
     * have an agreement, a send-back, a determination or a review request yet (they need the
     * case committed), so those four reads of {@link #view} are not made, nor its photos read
     * (none can be uploaded before), nor a second connection taken from the pool for a report
     * (BENCHMARKS.md §9).
     */
    Future<CaseForParty> justReported(SqlConnection tx, UUID actor, UUID caseId) {
        return cases.repository().loadJustStored(tx, caseId).map(found -> {
            AccidentCase c = found.orElseThrow();
            return new CaseForParty(c, c.partyOf(actor).orElseThrow(), null, null, null, null,
                    null, cases.now());
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
