package cn.anxing.payment.rules;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a hospital bill before anything is recorded: the hospital is known and is the one named
 * in the application, the bill is for that application's case and injured person, each item has
 * a positive amount and an invoice number, and, when the fund pays, each item lies in its rescue
 * window. The first fault found is thrown as a {@link cn.anxing.error.DomainException} naming
 * its field.
 */
public final class BillCheck {

    /** The most one bill item may cost: 100,000 yuan, far above any single rescue item. */
    public static final Fen MAX_ITEM = Fen.of(10_000_000);
    /** How far a hospital's clock may run ahead of ours. */
    public static final java.time.Duration CLOCK_SKEW = java.time.Duration.ofMinutes(5);

    private BillCheck() {
    }

    /**
     * What holds for the items on their own, before the bill is compared with its application:
     * each amount at most {@link #MAX_ITEM}, none rendered in the future, and a total that
     * fits in a long (summed with {@code Math.addExact}).
     */
    public static void checkItems(Bill bill, java.time.Instant now) {
        long total = 0;
        for (int i = 0; i < bill.items().size(); i++) {
            BillItem item = bill.items().get(i);
            String at = "items[" + i + "]";
            if (item.amount().compareTo(MAX_ITEM) > 0) {
                throw PaymentError.AMOUNT_TOO_LARGE.error(at + ".amountFen", "单项金额过大 / an"
                        + " item may cost at most " + MAX_ITEM.value() + " fen");
            }
            if (!item.invoiceNumber().isBlank()
                    && !item.invoiceNumber().matches("[0-9A-Za-z][0-9A-Za-z/_-]{0,39}")) {
                throw PaymentError.INVOICE_INVALID.error(at + ".invoiceNumber", "发票号只能含字母和"
                        + "数字 / an invoice number is up to 40 letters, digits, -, / or _");
            }
            if (item.renderedAt().isAfter(now.plus(CLOCK_SKEW))) {
                throw PaymentError.RENDERED_IN_FUTURE.error(at + ".renderedAt", "诊疗时间在未来"
                        + " / the item was rendered at " + item.renderedAt() + ", in the future");
            }
            try {
                total = Math.addExact(total, item.amount().value());
            } catch (ArithmeticException e) {
                throw PaymentError.AMOUNT_TOO_LARGE.error(at + ".amountFen",
                        "the bill's total does not fit in a number of fen");
            }
        }
    }

    /**
     * @param knownHospitals ids of the hospitals registered in Anxing
     * @param fundRules      present when the assistance fund is the payer; its window applies
     */
    public static void check(Bill bill, AdvanceApplication application,
            Set<String> knownHospitals, Optional<FundRules> fundRules) {
        if (!knownHospitals.contains(bill.hospitalId())) {
            throw PaymentError.UNKNOWN_HOSPITAL.error("hospitalId",
                    "no hospital with id '" + bill.hospitalId() + "' is registered");
        }
        if (!bill.applicationId().equals(application.applicationId())) {
            throw PaymentError.WRONG_APPLICATION.error("applicationId",
                    "the bill names application " + bill.applicationId() + ", not "
                            + application.applicationId());
        }
        if (!bill.caseId().equals(application.caseId())) {
            throw PaymentError.WRONG_CASE.error("caseId",
                    "the bill is for case " + bill.caseId() + " but the application is for case "
                            + application.caseId());
        }
        if (!bill.injuredPersonId().equals(application.injuredPersonId())) {
            throw PaymentError.WRONG_INJURED_PERSON.error("injuredPersonId",
                    "the bill is for another injured person than the application's");
        }
        if (!bill.hospitalId().equals(application.hospitalId())) {
            throw PaymentError.WRONG_HOSPITAL.error("hospitalId",
                    "the application names another hospital than '" + bill.hospitalId() + "'");
        }
        if (bill.items().isEmpty()) {
            throw PaymentError.NO_ITEMS.error("items", "a bill needs at least one item");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < bill.items().size(); i++) {
            BillItem item = bill.items().get(i);
            String at = "items[" + i + "]";
            if (!item.amount().isPositive()) {
                throw PaymentError.AMOUNT_ZERO.error(at + ".amountFen",
                        "an item must cost more than 0 fen");
            }
            if (item.invoiceNumber().isBlank()) {
                throw PaymentError.INVOICE_MISSING.error(at + ".invoiceNumber",
                        "every item needs the number of the invoice it appears on");
            }
            if (item.description().isBlank()) {
                throw PaymentError.DESCRIPTION_MISSING.error(at + ".description",
                        "every item needs a description of the care given");
            }
            if (!seen.add(item.invoiceNumber() + "\n" + item.description() + "\n"
                    + item.renderedAt())) {
                throw PaymentError.DUPLICATE_ITEM.error(at,
                        "the same item appears twice on invoice " + item.invoiceNumber());
            }
            if (fundRules.isPresent()) {
                FundEligibility.requireWithinRescueWindow(application.accidentAt(),
                        item.renderedAt(), fundRules.get(), at + ".renderedAt");
            } else if (item.renderedAt().isBefore(application.accidentAt())) {
                throw PaymentError.BEFORE_ACCIDENT.error(at + ".renderedAt",
                        "the item is dated before the accident");
            }
        }
    }
}
