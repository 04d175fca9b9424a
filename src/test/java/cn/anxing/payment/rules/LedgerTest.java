package cn.anxing.payment.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LedgerTest {

    private static final Instant MORNING = Instant.parse("2026-10-08T01:00:00Z");

    private static Posting approve(String id, String payer, long fen, Instant at) {
        return Posting.advanceApproved(id, payer, "pinghu-1", "app-1", "person-1", at,
                Fen.of(fen));
    }

    private static List<LedgerEntry> entriesOf(Posting... postings) {
        List<LedgerEntry> all = new ArrayList<>();
        for (Posting p : postings) {
            all.addAll(p.entries());
        }
        return all;
    }

    @Test
    @DisplayName("A posting is one debit and one credit of the same amount on named accounts")
    void postingIsABalancedPair() {
        Posting p = approve("p1", "picc-jx", 180_000, MORNING);
        List<LedgerEntry> e = p.entries();
        assertEquals(2, e.size());
        assertEquals(Side.DEBIT, e.get(0).side());
        assertEquals("payer:picc-jx:advances", e.get(0).account().key());
        assertEquals(Side.CREDIT, e.get(1).side());
        assertEquals("hospital:pinghu-1:receivable", e.get(1).account().key());
        assertEquals(0, e.get(0).signedFen() + e.get(1).signedFen());
    }

    @Test
    @DisplayName("A reversal mirrors the original, which stays; together they leave every account at zero")
    void reversalMirrors() {
        Posting original = approve("p1", "picc-jx", 180_000, MORNING);
        Posting reversal = original.reverse("p2", MORNING.plusSeconds(60));
        assertEquals(original.debit(), reversal.credit());
        assertEquals(original.credit(), reversal.debit());
        assertEquals(Optional.of("p1"), reversal.reversalOf());
        long hospitalBalance = entriesOf(original, reversal).stream()
                .filter(e -> e.account().equals(LedgerAccount.hospitalReceivable("pinghu-1")))
                .mapToLong(LedgerEntry::signedFen).sum();
        assertEquals(0, hospitalBalance);
        assertThrows(IllegalStateException.class,
                () -> reversal.reverse("p3", MORNING.plusSeconds(120)));
    }

    @Test
    @DisplayName("A posting of zero fen, or between an account and itself, cannot be made")
    void degeneratePostings() {
        assertThrows(IllegalArgumentException.class, () -> approve("p", "picc-jx", 0, MORNING));
        assertThrows(IllegalArgumentException.class, () -> new Posting("p",
                PostingKind.DISBURSED, "x", "a", "b", MORNING, LedgerAccount.payerAdvances("x"),
                LedgerAccount.payerAdvances("x"), Fen.of(1), Optional.empty()));
    }

    @Test
    @DisplayName("Net advanced for a person and payer counts approvals minus their reversals only")
    void netAdvanced() {
        Posting a1 = approve("a1", "picc-jx", 100_000, MORNING);
        Posting a2 = approve("a2", "picc-jx", 50_000, MORNING);
        Posting other = approve("a3", "cpic-jx", 70_000, MORNING);
        Posting paid = Posting.disbursed("d1", "picc-jx", "pinghu-1", "app-1", "person-1",
                MORNING, Fen.of(100_000));
        Posting undo = a2.reverse("r1", MORNING.plusSeconds(5));
        assertEquals(Fen.of(100_000), Reconciliation.netAdvanced(
                List.of(a1, a2, other, paid, undo), "picc-jx", "person-1"));
    }

    @ParameterizedTest(name = "{0} UTC is reported on {1}")
    @CsvSource({
            "2026-10-07T15:59:59Z, 2026-10-07",
            "2026-10-07T16:00:00Z, 2026-10-08",
    })
    @DisplayName("The daily report groups by the Asia/Shanghai day")
    void reportDayIsShanghai(Instant at, LocalDate day) {
        Reconciliation.Report r = Reconciliation.of(entriesOf(approve("p", "picc-jx", 1, at)));
        assertEquals(day, r.lines().get(0).day());
    }

    @Test
    @DisplayName("Well-formed postings reconcile to zero per day and per payer")
    void balancedReport() {
        Posting a = approve("a", "picc-jx", 180_000, MORNING);
        Posting b = approve("b", "fund-zj", 420_000, MORNING);
        Posting c = Posting.disbursed("c", "picc-jx", "pinghu-1", "app-1", "person-1",
                MORNING.plusSeconds(86_400), Fen.of(180_000));
        Reconciliation.Report r = Reconciliation.of(entriesOf(a, b, c, a.reverse("d", MORNING)));
        assertTrue(r.isBalanced());
        assertEquals(3, r.lines().size());
        Reconciliation.Line first = r.lines().get(0);
        assertEquals("fund-zj", first.payerId());
        assertEquals(420_000, first.debitFen());
        assertEquals(0, first.differenceFen());
    }

    @Test
    @DisplayName("A stored entry whose pair is missing or altered is reported, naming the posting")
    void detectsImbalance() {
        List<LedgerEntry> entries = new ArrayList<>(entriesOf(
                approve("ok", "picc-jx", 100, MORNING)));
        LedgerEntry lonely = approve("lonely", "picc-jx", 300, MORNING).entries().get(0);
        entries.add(lonely);
        Posting altered = approve("altered", "cpic-jx", 500, MORNING);
        entries.add(altered.entries().get(0));
        LedgerEntry credit = altered.entries().get(1);
        entries.add(new LedgerEntry(credit.postingId(), credit.payerId(), credit.postedAt(),
                credit.account(), credit.side(), Fen.of(499)));

        Reconciliation.Report r = Reconciliation.of(entries);
        assertFalse(r.isBalanced());
        assertEquals(List.of("lonely", "altered"),
                r.imbalances().stream().map(Reconciliation.Imbalance::postingId).toList());
        Reconciliation.Line picc = r.lines().stream()
                .filter(l -> l.payerId().equals("picc-jx")).findFirst().orElseThrow();
        assertEquals(300, picc.differenceFen());
        Reconciliation.Line cpic = r.lines().stream()
                .filter(l -> l.payerId().equals("cpic-jx")).findFirst().orElseThrow();
        assertEquals(1, cpic.differenceFen());
    }
}
