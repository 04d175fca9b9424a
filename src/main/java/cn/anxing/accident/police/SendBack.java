package cn.anxing.accident.police;

import cn.anxing.accident.cases.AccidentError;
import cn.anxing.error.DomainException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What an officer asked the parties for instead of deciding (退回补充): photos to retake or add
 * by slot, a party's detail to correct, a party's statement to redo. The case is back in the
 * queue once every item is done.
 *
 * @param note what the officer says to the parties, in plain words
 */
public record SendBack(List<Item> items, String note, UUID officer, String officerName,
        Instant requestedAt) {

    /** The party details an officer may ask to correct (the fields of the party form). */
    public static final Set<String> FIELDS = Set.of("name", "plate", "vehicleType", "licenceNo",
            "insurerCode", "policyNo", "collisionPart");

    public enum Kind {
        /** Retake or add the photo in a slot; any party may. */
        PHOTO,
        /** Correct one field of one party's details. */
        FIELD,
        /** One party makes their statement again. */
        STATEMENT
    }

    /**
     * @param target the slot name for PHOTO (as the upload URL names it), the field for FIELD,
     *               the party label for STATEMENT
     * @param party  the party label who must act; null for a photo (anyone)
     */
    public record Item(Kind kind, String target, String party, boolean done) {
    }

    public SendBack {
        items = List.copyOf(items);
        note = note == null ? "" : note;
        if (items.isEmpty()) {
            throw new DomainException(AccidentError.SEND_BACK_INVALID, "请至少选择一项需要当事人补充"
                    + "的内容 / ask for at least one photo, correction or statement", "items");
        }
    }

    public boolean answered() {
        return items.stream().allMatch(Item::done);
    }

    /** Whether an open item asks {@code party} (or anyone, for photos) for this. */
    public boolean asks(Kind kind, String target, String party) {
        return items.stream().anyMatch(i -> !i.done() && i.kind() == kind
                && (target == null || i.target().equals(target))
                && (i.party() == null || i.party().equals(party)));
    }

    /** The request with the matching open items done. */
    public SendBack done(Kind kind, String target, String party) {
        List<Item> next = new ArrayList<>();
        for (Item i : items) {
            boolean match = !i.done() && i.kind() == kind
                    && (target == null || i.target().equals(target))
                    && (i.party() == null || i.party().equals(party));
            next.add(match ? new Item(i.kind(), i.target(), i.party(), true) : i);
        }
        return new SendBack(next, note, officer, officerName, requestedAt);
    }
}
