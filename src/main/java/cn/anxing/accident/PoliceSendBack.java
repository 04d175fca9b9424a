package cn.anxing.accident;

import cn.anxing.accident.PoliceClaims.CaseForPolice;
import cn.anxing.accident.cases.AccidentError;
import cn.anxing.accident.cases.CaseEvent;
import cn.anxing.accident.cases.CaseState;
import cn.anxing.accident.police.SendBack;
import cn.anxing.error.DomainException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Sending a case back (退回补充): instead of deciding, the officer asks the parties for named
 * photo slots, a correction of a field or a statement to redo; {@code Supplements} ticks off
 * what they answer, and the case returns to the queue when all is done.
 */
public final class PoliceSendBack {

    private final CaseChanges cases;
    private final PoliceClaims claims;
    private final PoliceDeskRepository desk;

    PoliceSendBack(CaseChanges cases, PoliceClaims claims, PoliceDeskRepository desk) {
        this.cases = cases;
        this.claims = claims;
        this.desk = desk;
    }


    /** Instead of deciding, the officer asks the parties for photos, a correction, a statement. */
    public Future<CaseForPolice> sendBack(UUID officer, UUID caseId,
            Integer expectedVersion, List<SendBack.Item> items, String note) {
        return cases.byPolice(officer, caseId, expectedVersion, (tx, c, me, update) -> {
            List<SendBack.Item> checked = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                checked.add(checkItem(c, items.get(i), "items[" + i + "]"));
            }
            return claims.requireClaim(tx, officer, caseId).compose(officerInfo -> {
                update.fire(CaseEvent.SENT_BACK);
                Instant now = cases.now();
                SendBack request = new SendBack(checked, note, officer, officerInfo.name(), now);
                return desk.setSendBack(tx, caseId, request)
                        .compose(x -> desk.audit(tx, officerInfo, "SEND_BACK", caseId,
                                request.note(), new JsonObject().put("state", c.state().name()),
                                PoliceDeskRepository.sendBackJson(request)
                                        .put("state", CaseState.SUPPLEMENT.name()), now));
            });
        }).compose(x -> claims.read(officer, caseId));
    }

    private static SendBack.Item checkItem(AccidentCase c, SendBack.Item item, String field) {
        if (item.kind() == null || item.target() == null || item.target().isBlank()) {
            throw new DomainException(AccidentError.SEND_BACK_INVALID, "每一项须写明要补充什么 /"
                    + " each item needs its kind and what it is about", field);
        }
        return switch (item.kind()) {
            case PHOTO -> new SendBack.Item(SendBack.Kind.PHOTO, PhotoSlots.name(
                    PhotoSlots.parse(item.target(), c.plates()), c.plates()), null, false);
            case FIELD -> {
                if (!SendBack.FIELDS.contains(item.target())) {
                    throw new DomainException(AccidentError.SEND_BACK_INVALID, "只能要求更正当事人"
                            + "信息中的一项 / a correction names one of " + SendBack.FIELDS,
                            field + ".target");
                }
                requireParty(c, item.party(), field + ".party");
                yield new SendBack.Item(SendBack.Kind.FIELD, item.target(), item.party(), false);
            }
            case STATEMENT -> {
                requireParty(c, item.target(), field + ".target");
                yield new SendBack.Item(SendBack.Kind.STATEMENT, item.target(), item.target(),
                        false);
            }
        };
    }

    private static void requireParty(AccidentCase c, String label, String field) {
        if (label == null || c.parties().stream().noneMatch(p -> p.label().equals(label))) {
            throw new DomainException(AccidentError.SEND_BACK_INVALID, "当事人" + label
                    + "不在本案中 / party " + label + " is not a party of this case", field);
        }
    }
}
