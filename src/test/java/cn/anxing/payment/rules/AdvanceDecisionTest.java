package cn.anxing.payment.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import cn.anxing.error.DomainException;
import java.time.LocalDate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AdvanceDecisionTest {

    private static final LimitSchedule SCHEDULE = LimitSchedule.loadDefault();
    private static final LocalDate ACCIDENT = LocalDate.of(2026, 10, 3);

    @ParameterizedTest(name = "{0} {1}, paid {2}, asks {3}: pays {4}, excess {5} {6}")
    @CsvSource({
            // payer, liability, already paid, requested, pay now, excess, handling
            "INSURER,         LIABLE,       0,       500000,  500000,  0,       NONE",
            "INSURER,         LIABLE,       1300000, 500000,  500000,  0,       NONE",
            "INSURER,         LIABLE,       1500000, 500000,  300000,  200000,  REFER_TO_FUND",
            "INSURER,         LIABLE,       1800000, 1,       0,       1,       REFER_TO_FUND",
            "INSURER,         LIABLE,       1900000, 100,     0,       100,     REFER_TO_FUND",
            "INSURER,         NOT_LIABLE,   0,       180000,  180000,  0,       NONE",
            "INSURER,         NOT_LIABLE,   100000,  100000,  80000,   20000,   REFUSED",
            "INSURER,         UNDETERMINED, 0,       500000,  180000,  320000,  AWAIT_LIABILITY",
            "INSURER,         UNDETERMINED, 180000,  500000,  0,       500000,  AWAIT_LIABILITY",
            "ASSISTANCE_FUND, UNDETERMINED, 9000000, 4000000, 4000000, 0,       NONE",
    })
    @DisplayName("An advance never exceeds the payer's remaining headroom; the rest is routed by rule")
    void decide(PayerKind payer, LiabilityState liability, long paid, long requested,
            long payNow, long excess, ExcessHandling handling) {
        PayerLimit limit = PayerLimitRule.limitFor(payer, liability, SCHEDULE, ACCIDENT);
        AdvanceDecision d = AdvanceDecision.decide(payer, liability, limit, Fen.of(paid),
                Fen.of(requested));
        assertEquals(new AdvanceDecision(Fen.of(payNow), Fen.of(excess), handling), d);
        assertEquals(requested, d.payNow().value() + d.excess().value());
    }

    @Test
    @DisplayName("Once liability is found, the same insurer may pay up to the liable limit")
    void liabilityDeterminedRaisesTheCap() {
        Fen paidWhileUndetermined = Fen.of(180_000);
        PayerLimit liable = PayerLimitRule.limitFor(PayerKind.INSURER, LiabilityState.LIABLE,
                SCHEDULE, ACCIDENT);
        AdvanceDecision d = AdvanceDecision.decide(PayerKind.INSURER, LiabilityState.LIABLE,
                liable, paidWhileUndetermined, Fen.of(2_000_000));
        assertEquals(Fen.of(1_620_000), d.payNow());
        assertEquals(ExcessHandling.REFER_TO_FUND, d.excessHandling());
    }

    @Test
    @DisplayName("A fund with a configured cap refuses what lies above it")
    void cappedFund() {
        PayerLimit cap = PayerLimit.capped(Fen.of(1_000), "test cap");
        AdvanceDecision d = AdvanceDecision.decide(PayerKind.ASSISTANCE_FUND,
                LiabilityState.UNDETERMINED, cap, Fen.of(900), Fen.of(500));
        assertEquals(new AdvanceDecision(Fen.of(100), Fen.of(400), ExcessHandling.REFUSED), d);
    }

    @Test
    @DisplayName("A request for 0 fen is refused as bad input")
    void zeroRequest() {
        PayerLimit limit = PayerLimit.capped(Fen.of(1_800_000), "test");
        DomainException e = assertThrows(DomainException.class, () ->
                AdvanceDecision.decide(PayerKind.INSURER, LiabilityState.LIABLE, limit, Fen.ZERO,
                        Fen.ZERO));
        assertEquals("amountFen", e.field());
    }
}
