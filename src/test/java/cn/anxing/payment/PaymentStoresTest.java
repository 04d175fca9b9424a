package cn.anxing.payment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.anxing.db.Database;
import cn.anxing.error.DomainException;
import cn.anxing.payment.rules.ActorRole;
import cn.anxing.payment.rules.AdvanceApplication;
import cn.anxing.payment.rules.AdvanceCommand;
import cn.anxing.payment.rules.AdvanceOutcome;
import cn.anxing.payment.rules.ApplicationState;
import cn.anxing.payment.rules.Bill;
import cn.anxing.payment.rules.BillCheck;
import cn.anxing.payment.rules.BillItem;
import cn.anxing.payment.rules.ExcessHandling;
import cn.anxing.payment.rules.Fen;
import cn.anxing.payment.rules.IdempotencyKey;
import cn.anxing.payment.rules.LedgerEntry;
import cn.anxing.payment.rules.LiabilityState;
import cn.anxing.payment.rules.LimitSchedule;
import cn.anxing.payment.rules.PayerKind;
import cn.anxing.payment.rules.PayerLimit;
import cn.anxing.payment.rules.PayerLimitRule;
import cn.anxing.payment.rules.PaymentError;
import cn.anxing.payment.rules.Posting;
import cn.anxing.payment.rules.Reconciliation;
import cn.anxing.payment.rules.RequestFingerprint;
import cn.anxing.payment.rules.TimelineEvent;
import cn.anxing.testing.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Payments in PostgreSQL")
class PaymentStoresTest {

    private static final Instant ACCIDENT = Instant.parse("2026-10-03T11:20:00Z");
    private static final Instant NOW = Instant.parse("2026-10-08T02:00:00Z");
    private static final LimitSchedule SCHEDULE = LimitSchedule.loadDefault();

    private static Vertx vertx;
    private static Pool pool;
    private static ApplicationStore applications;
    private static LedgerStore ledger;
    private static PaymentQueries queries;

    private UUID applicationId;
    private String caseId;

    @BeforeAll
    static void start() {
        Database.external(TestDatabase.url()).migrate();
        vertx = Vertx.vertx();
        pool = Database.external(TestDatabase.url()).createPool(vertx, 8);
        applications = new ApplicationStore(pool);
        ledger = new LedgerStore(pool, applications);
        queries = new PaymentQueries(pool);
    }

    @AfterAll
    static void stop() {
        await(pool.close());
        await(vertx.close());
    }

    @BeforeEach
    void application() {
        TestDatabase.reset();
        await(applications.addHospital("pinghu-1", "平湖市第一人民医院"));
        await(applications.addPayer("picc-jx", PayerKind.INSURER, "人保财险嘉兴"));
        await(applications.addPayer("fund-zj", PayerKind.ASSISTANCE_FUND, "浙江省救助基金"));
        caseId = "case-" + UUID.randomUUID();
        applicationId = await(pool.withTransaction(tx -> applications.insertApplication(tx, caseId,
                "person-1", "pinghu-1", ACCIDENT, null, ACCIDENT.plusSeconds(3600),
                NOW.minusSeconds(1))));
    }

    /** An instruction to the insurer, whose vehicle the police notice names with liability. */
    private AdvanceCommand command(String key, LiabilityState liability, long fen) {
        await(applications.setApplicationPayer(pool, applicationId, "picc-jx", liability, NOW));
        PayerLimit limit = PayerLimitRule.limitFor(PayerKind.INSURER, liability, SCHEDULE,
                LocalDate.of(2026, 10, 3));
        return new AdvanceCommand(new IdempotencyKey(key),
                RequestFingerprint.of("POST /payments", Map.of("amountFen", fen,
                        "payerId", "picc-jx")),
                applicationId, Optional.empty(), caseId, "person-1", "pinghu-1", "picc-jx",
                PayerKind.INSURER, liability, limit, Fen.of(fen), NOW);
    }

    @Test
    @DisplayName("Twenty approvals at the same moment together pay exactly the cap, never more")
    void concurrentApprovalsStopAtTheCap() {
        List<Future<AdvanceOutcome>> all = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            all.add(ledger.recordAdvance(command("concurrent-" + i,
                    LiabilityState.UNDETERMINED, 50_000)));
        }
        long paid = all.stream().map(PaymentStoresTest::await)
                .mapToLong(o -> o.decision().payNow().value()).sum();
        assertEquals(180_000, paid);
        assertEquals(180_000, scalar("SELECT advanced_fen FROM payer_headroom"));
        assertEquals(180_000, scalar("SELECT sum(amount_fen) FROM ledger_entry WHERE side ="
                + " 'DEBIT' AND account_key = 'payer:picc-jx:advances'"));
        assertEquals(4, scalar("SELECT count(*) FROM ledger_posting"));
        assertEquals(20, scalar("SELECT count(*) FROM payment_instruction"
                + " WHERE finished_at IS NOT NULL"));
    }

    @Test
    @DisplayName("The same instruction sent five times at once pays once; every retry gets the first result")
    void retriesPayOnce() {
        List<Future<AdvanceOutcome>> all = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            all.add(ledger.recordAdvance(command("retry-0001", LiabilityState.LIABLE,
                    120_000)));
        }
        List<AdvanceOutcome> outcomes = all.stream().map(PaymentStoresTest::await).toList();
        assertEquals(1, outcomes.stream().filter(o -> !o.replayed()).count());
        assertEquals(1, outcomes.stream().map(AdvanceOutcome::instructionId)
                .collect(Collectors.toSet()).size());
        assertTrue(outcomes.stream().allMatch(o -> o.decision().payNow().value() == 120_000));
        assertEquals(1, scalar("SELECT count(*) FROM ledger_posting"));
        assertEquals(1, scalar("SELECT count(*) FROM payment_instruction"));
    }

    @Test
    @DisplayName("The same key with another amount is a conflict and pays nothing more")
    void reusedKeyIsAConflict() {
        await(ledger.recordAdvance(command("reused-0001", LiabilityState.LIABLE, 100)));
        ExecutionException e = assertThrows(ExecutionException.class, () -> ledger
                .recordAdvance(command("reused-0001", LiabilityState.LIABLE, 200))
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS));
        var conflict = assertInstanceOf(DomainException.class, e.getCause());
        assertEquals(PaymentError.IDEMPOTENCY_KEY_REUSED, conflict.code());
        assertEquals(100, scalar("SELECT advanced_fen FROM payer_headroom"));
    }

    @Test
    @DisplayName("Once liability is found, the same insurer pays on up to the liable limit")
    void liabilityRaisesTheCap() {
        await(ledger.recordAdvance(command("undetermined-1", LiabilityState.UNDETERMINED,
                500_000)));
        AdvanceOutcome later = await(ledger.recordAdvance(command("liable-00001",
                LiabilityState.LIABLE, 2_000_000)));
        assertEquals(Fen.of(1_620_000), later.decision().payNow());
        assertEquals(ExcessHandling.REFER_TO_FUND, later.decision().excessHandling());
        assertEquals(1_800_000, scalar("SELECT advanced_fen FROM payer_headroom"));
    }

    @Test
    @DisplayName("A reversal gives the headroom back, happens once, and the day still reconciles")
    void reversal() {
        AdvanceOutcome paid = await(ledger.recordAdvance(command("to-reverse-1",
                LiabilityState.LIABLE, 90_000)));
        UUID postingId = paid.postingId().orElseThrow();
        Posting reversal = await(ledger.reverseAdvance(postingId, NOW.plusSeconds(60)));
        assertEquals(Optional.of(postingId.toString()), reversal.reversalOf());
        assertEquals(0, scalar("SELECT advanced_fen FROM payer_headroom"));
        ExecutionException again = assertThrows(ExecutionException.class, () -> ledger
                .reverseAdvance(postingId, NOW.plusSeconds(120))
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS));
        assertEquals(PaymentError.ALREADY_REVERSED,
                assertInstanceOf(DomainException.class, again.getCause()).code());

        List<LedgerEntry> day = await(ledger.entriesBetween(NOW.minusSeconds(86_400),
                NOW.plusSeconds(86_400)));
        assertEquals(4, day.size());
        Reconciliation.Report report = Reconciliation.of(day);
        assertTrue(report.isBalanced(), report.toString());
        assertEquals(Fen.ZERO, Reconciliation.netAdvanced(List.of(
                Posting.advanceApproved(postingId.toString(), "picc-jx", "pinghu-1",
                        applicationId.toString(), "person-1", NOW, Fen.of(90_000)),
                reversal), "picc-jx", "person-1"));
    }

    @Test
    @DisplayName("The ledger refuses UPDATE and DELETE: history is corrected by reversal only")
    void ledgerIsAppendOnly() throws SQLException {
        await(ledger.recordAdvance(command("append-only1", LiabilityState.LIABLE, 100)));
        try (Connection c = TestDatabase.connect(); Statement st = c.createStatement()) {
            SQLException update = assertThrows(SQLException.class,
                    () -> st.execute("UPDATE ledger_entry SET amount_fen = 1"));
            assertTrue(update.getMessage().contains("append-only"), update.getMessage());
            assertThrows(SQLException.class, () -> st.execute("DELETE FROM ledger_posting"));
        }
        assertEquals(100, scalar("SELECT sum(amount_fen) FROM ledger_entry WHERE side = 'DEBIT'"));
    }

    @Test
    @DisplayName("A posting stored with only its debit is refused when the transaction commits")
    void unbalancedPostingIsRefused() throws SQLException {
        try (Connection c = TestDatabase.connect(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            UUID id = UUID.randomUUID();
            st.execute("INSERT INTO ledger_posting (id, kind, payer_id, application_id, case_id,"
                    + " injured_person_id, posted_at, amount_fen) VALUES ('" + id
                    + "', 'ADVANCE_APPROVED', 'picc-jx', '" + applicationId + "', '" + caseId
                    + "', 'person-1', now(), 500)");
            st.execute("INSERT INTO ledger_entry (posting_id, side, account_type, account_owner,"
                    + " account_key, amount_fen) VALUES ('" + id + "', 'DEBIT', 'PAYER_ADVANCES',"
                    + " 'picc-jx', 'payer:picc-jx:advances', 500)");
            SQLException e = assertThrows(SQLException.class, c::commit);
            assertTrue(e.getMessage().contains("not balanced"), e.getMessage());
        }
        assertEquals(0, scalar("SELECT count(*) FROM ledger_posting"));
    }

    @Test
    @DisplayName("A bank confirmation settles the hospital's receivable once, however often it comes")
    void disbursement() {
        AdvanceOutcome paid = await(ledger.recordAdvance(command("disburse-001",
                LiabilityState.LIABLE, 77_700)));
        UUID first = await(ledger.recordDisbursement(paid.instructionId(), NOW.plusSeconds(5)));
        UUID again = await(ledger.recordDisbursement(paid.instructionId(), NOW.plusSeconds(9)));
        assertEquals(first, again);
        assertEquals(0, scalar("SELECT COALESCE(sum(CASE side WHEN 'DEBIT' THEN amount_fen"
                + " ELSE -amount_fen END), 0) FROM ledger_entry"
                + " WHERE account_key = 'hospital:pinghu-1:receivable'"));
        assertEquals(-77_700, scalar("SELECT sum(CASE side WHEN 'DEBIT' THEN amount_fen"
                + " ELSE -amount_fen END) FROM ledger_entry"
                + " WHERE account_key = 'payer:picc-jx:settlement'"));
        assertTrue(Reconciliation.of(await(ledger.entriesBetween(NOW.minusSeconds(60),
                NOW.plusSeconds(60)))).isBalanced());
    }

    @Test
    @DisplayName("An application moves only as the table allows, leaving a timeline everyone sees")
    void movesAndTimeline() {
        TimelineEvent notice = TimelineEvent.of(applicationId.toString(),
                ApplicationState.APPLIED, ApplicationState.NOTICE_ISSUED, ActorRole.POLICE,
                "officer-7", NOW);
        assertEquals(List.of(applicationId), overdueApplications());
        await(pool.withTransaction(tx -> applications.lockApplication(tx, applicationId)
                .compose(app -> applications.move(tx, notice, app.orElseThrow().state()))));
        assertEquals(List.of(), overdueApplications());
        assertEquals(List.of(notice), await(queries.timeline(applicationId)).stream()
                .map(PaymentQueries.TimelineEntry::event).toList());

        TimelineEvent paidTooEarly = new TimelineEvent(applicationId.toString(), NOW, "PAID",
                ActorRole.PAYER, "picc-jx", "x", "x");
        ExecutionException e = assertThrows(ExecutionException.class, () -> pool
                .withTransaction(tx -> applications.lockApplication(tx, applicationId)
                        .compose(app -> applications.move(tx, paidTooEarly,
                                app.orElseThrow().state())))
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS));
        assertEquals(PaymentError.ILLEGAL_TRANSITION,
                assertInstanceOf(DomainException.class, e.getCause()).code());
    }

    @Test
    @DisplayName("A checked bill is stored with its items in order, and its hospital is known")
    void bills() {
        Set<String> hospitals = await(applications.activeHospitals());
        Bill bill = new Bill(applicationId.toString(), caseId, "person-1", "pinghu-1", List.of(
                new BillItem("急诊抢救", ACCIDENT.plus(Duration.ofHours(1)), "INV-1",
                        Fen.of(120_000)),
                new BillItem("CT", ACCIDENT.plus(Duration.ofHours(2)), "INV-1", Fen.of(45_000))));
        BillCheck.check(bill, new AdvanceApplication(applicationId.toString(), caseId,
                "person-1", "pinghu-1", ACCIDENT, ApplicationState.NOTICE_ISSUED), hospitals,
                Optional.of(SCHEDULE.fundRulesOn(LocalDate.of(2026, 10, 3))));
        UUID billId = await(pool.withTransaction(tx -> applications.insertBill(tx, applicationId,
                bill, NOW, NOW.plus(Duration.ofDays(7)))));
        assertEquals(165_000, scalar("SELECT total_fen FROM bill WHERE id = '" + billId + "'"));
        assertEquals(45_000, scalar("SELECT amount_fen FROM bill_item WHERE position = 1"));
        assertFalse(hospitals.contains("nowhere-3"));
    }

    private List<UUID> overdueApplications() {
        return await(queries.overdueNotices(NOW)).stream()
                .map(PaymentQueries.OverdueNotice::applicationId).toList();
    }

    private static long scalar(String sql) {
        return PaymentPeople.scalar(sql);
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
