package cn.anxing.payment.rules;

import java.time.Instant;
import java.util.Objects;

/**
 * One itemised rescue cost (抢救费用明细) on a hospital bill, with the invoice (发票) it appears on.
 *
 * @param renderedAt when the care was given; the fund's rescue window is measured against it
 */
public record BillItem(String description, Instant renderedAt, String invoiceNumber, Fen amount) {

    public BillItem {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(renderedAt, "renderedAt");
        Objects.requireNonNull(invoiceNumber, "invoiceNumber");
        Objects.requireNonNull(amount, "amount");
    }
}
