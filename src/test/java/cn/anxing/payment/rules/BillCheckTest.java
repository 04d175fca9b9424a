package cn.anxing.payment.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import cn.anxing.error.DomainException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BillCheckTest {

    private static final Instant ACCIDENT = Instant.parse("2026-10-03T11:20:00Z");
    private static final AdvanceApplication APPLICATION = new AdvanceApplication("app-1",
            "case-9", "person-1", "pinghu-1", ACCIDENT, ApplicationState.NOTICE_ISSUED);
    private static final Set<String> HOSPITALS = Set.of("pinghu-1", "jiaxing-2");
    private static final FundRules FUND = LimitSchedule.loadDefault()
            .fundRulesOn(LocalDate.of(2026, 10, 3));

    private static BillItem item(String invoice, Duration after, long fen) {
        return new BillItem("急诊抢救", ACCIDENT.plus(after), invoice, Fen.of(fen));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // case, application, case id, person, hospital, invoice, hours after, fen, fund?, code, field
            "unknown hospital        | app-1 | case-9 | person-1 | nowhere-3 | A1 | 2   | 100 | false | unknown_hospital      | hospitalId",
            "another person's case   | app-1 | case-8 | person-1 | pinghu-1  | A1 | 2   | 100 | false | wrong_case            | caseId",
            "another injured person  | app-1 | case-9 | person-2 | pinghu-1  | A1 | 2   | 100 | false | wrong_injured_person  | injuredPersonId",
            "another hospital        | app-1 | case-9 | person-1 | jiaxing-2 | A1 | 2   | 100 | false | wrong_hospital        | hospitalId",
            "another application     | app-2 | case-9 | person-1 | pinghu-1  | A1 | 2   | 100 | false | wrong_application     | applicationId",
            "zero amount             | app-1 | case-9 | person-1 | pinghu-1  | A1 | 2   | 0   | false | amount_zero           | items[0].amountFen",
            "no invoice number       | app-1 | case-9 | person-1 | pinghu-1  | '' | 2   | 100 | false | invoice_missing       | items[0].invoiceNumber",
            "past the fund's window  | app-1 | case-9 | person-1 | pinghu-1  | A1 | 169 | 100 | true  | outside_rescue_window | items[0].renderedAt",
            "before the accident     | app-1 | case-9 | person-1 | pinghu-1  | A1 | -1  | 100 | false | before_accident       | items[0].renderedAt",
    })
    @DisplayName("A bad bill is refused with a code and the field at fault")
    void refused(String name, String applicationId, String caseId, String person,
            String hospital, String invoice, long hoursAfter, long fen, boolean fund,
            String code, String field) {
        Bill bill = new Bill(applicationId, caseId, person, hospital,
                List.of(item(invoice, Duration.ofHours(hoursAfter), fen)));
        DomainException e = assertThrows(DomainException.class, () ->
                BillCheck.check(bill, APPLICATION, HOSPITALS,
                        fund ? Optional.of(FUND) : Optional.empty()));
        assertEquals(code.toUpperCase(Locale.ROOT), e.code().name());
        assertEquals(field, e.field());
    }

    @Test
    @DisplayName("Items after 168 hours are fine for an insurer, which has no rescue window")
    void insurerHasNoWindow() {
        Bill bill = new Bill("app-1", "case-9", "person-1", "pinghu-1", List.of(
                item("A1", Duration.ofHours(2), 120_000),
                item("A2", Duration.ofDays(9), 30_050)));
        BillCheck.check(bill, APPLICATION, HOSPITALS, Optional.empty());
        assertEquals(Fen.of(150_050), bill.total());
    }

    @Test
    @DisplayName("The second of two identical items is refused, naming its position")
    void duplicateItem() {
        Bill bill = new Bill("app-1", "case-9", "person-1", "pinghu-1", List.of(
                item("A1", Duration.ofHours(2), 100), item("A1", Duration.ofHours(2), 100)));
        DomainException e = assertThrows(DomainException.class, () ->
                BillCheck.check(bill, APPLICATION, HOSPITALS, Optional.of(FUND)));
        assertEquals("items[1]", e.field());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // case, invoice, hours after the accident, fen, code, field
            "above the item ceiling   | A1       | 2    | 10000001 | amount_too_large   | items[0].amountFen",
            "rendered in the future   | A1       | 1000 | 100      | rendered_in_future | items[0].renderedAt",
            "invoice with markup      | <b>1</b> | 2    | 100      | invoice_invalid    | items[0].invoiceNumber",
            "invoice with SQL         | 1' OR '1 | 2    | 100      | invoice_invalid    | items[0].invoiceNumber",
    })
    @DisplayName("Items are checked on their own first: ceiling, not in the future, invoice format")
    void itemsOnTheirOwn(String name, String invoice, long hoursAfter, long fen, String code,
            String field) {
        Bill bill = new Bill("app-1", "case-9", "person-1", "pinghu-1",
                List.of(item(invoice, Duration.ofHours(hoursAfter), fen)));
        Instant now = ACCIDENT.plus(Duration.ofHours(500));
        DomainException e = assertThrows(DomainException.class,
                () -> BillCheck.checkItems(bill, now));
        assertEquals(code.toUpperCase(Locale.ROOT), e.code().name());
        assertEquals(field, e.field());
    }

    @Test
    @DisplayName("Two items of 2^63-1 fen are refused at the ceiling, never summed into a negative")
    void overflowingTotal() {
        Bill bill = new Bill("app-1", "case-9", "person-1", "pinghu-1", List.of(
                item("A1", Duration.ofHours(2), Long.MAX_VALUE),
                item("A2", Duration.ofHours(2), Long.MAX_VALUE)));
        DomainException e = assertThrows(DomainException.class,
                () -> BillCheck.checkItems(bill, ACCIDENT.plus(Duration.ofDays(1))));
        assertEquals("AMOUNT_TOO_LARGE", e.code().name());
        assertEquals("items[0].amountFen", e.field());
        // at the ceiling, an item is fine
        BillCheck.checkItems(new Bill("app-1", "case-9", "person-1", "pinghu-1", List.of(
                item("A1", Duration.ofHours(2), BillCheck.MAX_ITEM.value()))),
                ACCIDENT.plus(Duration.ofDays(1)));
    }
}
