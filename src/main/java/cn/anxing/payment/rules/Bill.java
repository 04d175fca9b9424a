package cn.anxing.payment.rules;

import java.util.List;
import java.util.Objects;

/** A hospital's bill for one injured person under one application, as submitted. */
public record Bill(
        String applicationId, String caseId, String injuredPersonId, String hospitalId,
        List<BillItem> items) {

    public Bill {
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(injuredPersonId, "injuredPersonId");
        Objects.requireNonNull(hospitalId, "hospitalId");
        items = List.copyOf(items);
    }

    public Fen total() {
        return items.stream().map(BillItem::amount).reduce(Fen.ZERO, Fen::plus);
    }
}
