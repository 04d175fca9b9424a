package cn.anxing.accident;

import cn.anxing.accident.cases.AccidentError;
import cn.anxing.accident.cases.CaseEvent;
import cn.anxing.accident.cases.CaseState;
import cn.anxing.accident.police.SendBack;
import cn.anxing.error.DomainException;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;

/**
 * The parties answering a send-back (补充材料): each photo, correction or statement the officer
 * asked for is ticked off; with the last one the case is back in the police queue.
 */
final class Supplements {

    private final PoliceDeskRepository desk;

    Supplements(PoliceDeskRepository desk) {
        this.desk = desk;
    }

    /**
     * In a case sent back: refuses what was not asked of this party (NOT_REQUESTED), else ticks
     * it off. Outside SUPPLEMENT it does nothing.
     *
     * @param target the slot name, or null for any item of the kind asked of {@code party}
     */
    Future<Void> answer(SqlClient tx, AccidentCase c, CaseUpdate update, SendBack.Kind kind,
            String target, String party) {
        if (c.state() != CaseState.SUPPLEMENT) {
            return Future.succeededFuture();
        }
        return desk.sendBack(tx, c.id()).compose(found -> {
            SendBack request = found.filter(r -> r.asks(kind, target, party))
                    .orElseThrow(() -> new DomainException(AccidentError.NOT_REQUESTED, "交警没有"
                            + "要求补充这一项 / the officer did not ask for this", kind == SendBack
                            .Kind.PHOTO ? "slot" : null));
            SendBack next = request.done(kind, target, party);
            if (next.answered()) {
                update.fire(CaseEvent.SUPPLEMENT_ANSWERED);
            }
            return desk.setSendBack(tx, c.id(), next);
        });
    }
}
