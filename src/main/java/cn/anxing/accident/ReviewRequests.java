package cn.anxing.accident;

import cn.anxing.accident.cases.AccidentError;
import cn.anxing.accident.cases.CaseEvent;
import cn.anxing.accident.cases.CaseState;
import cn.anxing.accident.cases.CaseStateMachine;
import cn.anxing.error.DomainException;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** A party's request for review (复核) of a determination, within the days the law allows. */
public final class ReviewRequests {

    private final CaseChanges cases;
    private final PoliceDeskRepository desk;
    private final Duration reviewWindow;

    ReviewRequests(CaseChanges cases, PoliceDeskRepository desk, Duration reviewWindow) {
        this.cases = cases;
        this.desk = desk;
        this.reviewWindow = reviewWindow;
    }

    /** A party asks for review (复核) within the days allowed; the case is back in the queue. */
    public Future<Void> requestReview(UUID actor, UUID caseId, Integer expectedVersion) {
        return cases.byParty(actor, caseId, expectedVersion, (tx, c, me, update) -> {
            if (c.state() != CaseState.DECIDED || c.policeDecision() == null) {
                throw new DomainException(CaseStateMachine.ILLEGAL_TRANSITION, "只有交警已认定的"
                        + "案件可以申请复核 / only a decided case can be reviewed", null);
            }
            Instant until = c.policeDecision().decidedAt().plus(reviewWindow);
            if (cases.now().isAfter(until)) {
                throw new DomainException(AccidentError.REVIEW_TOO_LATE, "认定书出具已超过"
                        + reviewWindow.toDays() + "日，不能再申请复核 / review must be asked for"
                        + " within " + reviewWindow.toDays() + " days", null);
            }
            update.fire(CaseEvent.REVIEW_REQUESTED);
            return desk.markReview(tx, caseId, cases.now(), me.label());
        });
    }

    Duration reviewWindow() {
        return reviewWindow;
    }
}
