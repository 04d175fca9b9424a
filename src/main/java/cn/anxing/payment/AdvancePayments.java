package cn.anxing.payment;

import static cn.anxing.payment.PaymentSteps.yuan;

import cn.anxing.auth.Role;
import cn.anxing.outbox.OutboxMessage;
import cn.anxing.payment.PaymentQueries.InstructionPayer;
import cn.anxing.payment.rules.ActorRole;
import cn.anxing.payment.rules.AdvanceApplication;
import cn.anxing.payment.rules.AdvanceCommand;
import cn.anxing.payment.rules.AdvanceDecision;
import cn.anxing.payment.rules.AdvanceOutcome;
import cn.anxing.payment.rules.ApplicationState;
import cn.anxing.payment.rules.ExcessHandling;
import cn.anxing.payment.rules.Fen;
import cn.anxing.payment.rules.FundEligibility;
import cn.anxing.payment.rules.FundGround;
import cn.anxing.payment.rules.FundRules;
import cn.anxing.payment.rules.IdempotencyKey;
import cn.anxing.payment.rules.LiabilityState;
import cn.anxing.payment.rules.LimitSchedule;
import cn.anxing.payment.rules.PayerKind;
import cn.anxing.payment.rules.PayerLimit;
import cn.anxing.payment.rules.PayerLimitRule;
import cn.anxing.payment.rules.PaymentError;
import cn.anxing.payment.rules.Posting;
import cn.anxing.payment.rules.RequestFingerprint;
import cn.anxing.payment.rules.TimelineEvent;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The payer's side of a medical advance: it pays a bill within its limit for the injured person,
 * its bank confirms the transfer, or it corrects an advance not yet paid out. Each commits the
 * ledger, the application's move, its timeline and the order to the payer's system (through the
 * outbox) in one transaction.
 */
public final class AdvancePayments {

    /** Topic of the disbursement order sent to a payer's system. */
    public static final String DISBURSE_TOPIC = "payment.disburse";
    /** Topic of the order that cancels a disbursement whose advance was reversed. */
    public static final String CANCEL_TOPIC = "payment.disburse.cancel";

    /** A payment as a payer sends it; {@code fingerprint} is of the whole request body. */
    public record PayRequest(UUID applicationId, IdempotencyKey key, RequestFingerprint fingerprint,
            String payerId, UUID billId, Fen amount) {
    }

    /** What a payment instruction decided, with the limit it was decided under. */
    public record PaymentReceipt(AdvanceOutcome outcome, AdvanceCommand command) {
    }

    public record DisbursementReceipt(UUID instructionId, UUID applicationId,
            LedgerStore.Disbursement disbursement) {
    }

    public record ReversalReceipt(UUID instructionId, Posting reversal) {
    }

    private final PaymentParts parts;

    AdvancePayments(PaymentParts parts) {
        this.parts = parts;
    }

    /** The outbox endpoint code of a payer's system. */
    public static String endpoint(String payerId) {
        return "payer:" + payerId;
    }

    /**
     * A payer pays the hospital for a bill, within its limit for this person. Retrying with the
     * same Idempotency-Key returns the first result and pays nothing more; the key is the
     * payer's own, so another payer's same key is another payment.
     */
    public Future<PaymentReceipt> pay(Actor actor, PayRequest r) {
        return parts.queries().application(r.applicationId()).compose(found -> {
            var app = found.orElseThrow(() -> PaymentSteps.unknownApplication(r.applicationId()));
            // the payer must be named by the notice (400), and be the caller's own (403)
            return parts.queries().applicationPayers(r.applicationId()).compose(payers -> {
                var payer = payers.stream()
                        .filter(p -> p.payerId().equals(r.payerId())).findFirst()
                        .orElseThrow(() -> PaymentError.PAYER_NOT_NAMED.error("payerId",
                                "the police notice of this application does not name payer '"
                                        + r.payerId() + "'"));
                PaymentSteps.requireActsFor(actor, r.payerId(), payer.kind());
                PayerLimit limit = PayerLimitRule.limitFor(payer.kind(), payer.liabilityState(),
                        parts.schedule(), LimitSchedule.accidentDate(app.accidentAt()));
                var command = new AdvanceCommand(r.key(), r.fingerprint(), r.applicationId(),
                        Optional.of(r.billId()), app.caseId(), app.injuredPersonId(),
                        app.hospitalId(), r.payerId(), payer.kind(), payer.liabilityState(),
                        limit, r.amount(), parts.clock().instant());
                // the fund is looked up before the transaction: a query on another connection
                // while holding the application lock could starve the pool under load
                return requireFundWindow(payer.kind(), app.accidentAt(), r.billId())
                        .compose(x -> parts.steps().soleFund())
                        .compose(fund -> parts.ledger().recordAdvance(command,
                                (tx, application, outcome) -> afterAdvance(tx, application,
                                        outcome, command, fund, actor)))
                        .map(outcome -> {
                            parts.metrics().recorded(outcome);
                            if (!outcome.replayed() && outcome.decision().paysAnything()) {
                                parts.wakeRelay().run();
                            }
                            return new PaymentReceipt(outcome, command);
                        });
            });
        });
    }

    /** The payer's bank has paid the hospital for an instruction (its answer to the order). */
    public Future<DisbursementReceipt> confirmDisbursement(Actor actor, UUID instructionId) {
        Instant now = parts.clock().instant();
        return payerOf(actor, instructionId).compose(payer -> parts.ledger().recordDisbursement(
                instructionId, now, (tx, app, d) -> afterDisbursement(tx, app, d, actor, now))
                .map(d -> new DisbursementReceipt(instructionId, payer.applicationId(), d)));
    }

    /**
     * Corrects an advance that has not been paid out (冲正): a reversal posting, the headroom and
     * the bill's unpaid amount given back, and a cancel order to the payer's system, in one
     * transaction. After the transfer the money is recovered outside Anxing instead.
     */
    public Future<ReversalReceipt> reverse(Actor actor, UUID instructionId) {
        Instant now = parts.clock().instant();
        return payerOf(actor, instructionId).compose(payer -> parts.ledger().reverseInstruction(
                instructionId, now, (tx, app, reversal) -> parts.applications().appendTimeline(tx,
                        new TimelineEvent(app.applicationId(), now, "REVERSED", ActorRole.PAYER,
                                actor.accountId().toString(), ActorRole.PAYER.zh()
                                        + "：冲正垫付 " + yuan(reversal.amount()),
                                "the payer reversed an advance of " + yuan(reversal.amount())))
                        .compose(x -> PaymentSteps.audit(tx, actor, "payment.reversal",
                                "instruction", instructionId.toString(), Map.of(
                                        "applicationId", app.applicationId(),
                                        "payerId", reversal.payerId(),
                                        "amountFen", reversal.amount().value())))
                        .compose(x -> parts.outbox().enqueue(tx, new OutboxMessage(
                                endpoint(reversal.payerId()), CANCEL_TOPIC,
                                "cancel:" + instructionId,
                                PaymentViews.cancelOrder(instructionId, reversal))))
                        .mapEmpty()))
                .map(reversal -> {
                    parts.wakeRelay().run();
                    return new ReversalReceipt(instructionId, reversal);
                });
    }

    /** Another payer's instruction answers as one that does not exist. */
    private Future<InstructionPayer> payerOf(Actor actor, UUID instructionId) {
        return parts.queries().instructionPayer(instructionId).map(found -> {
            InstructionPayer payer = found.orElseThrow(() ->
                    InstructionStore.unknownInstruction(instructionId));
            if ((actor.is(Role.INSURER) || actor.is(Role.FUND))
                    && !actor.actsAsPayer(payer.payerId())) {
                throw InstructionStore.unknownInstruction(instructionId);
            }
            PaymentSteps.requireActsFor(actor, payer.payerId(), payer.kind());
            return payer;
        });
    }

    /** The fund advances only rescue within its window: every item of the bill must lie in it. */
    private Future<Void> requireFundWindow(PayerKind kind, Instant accidentAt, UUID billId) {
        if (kind != PayerKind.ASSISTANCE_FUND) {
            return Future.succeededFuture();
        }
        FundRules rules = parts.schedule().fundRulesOn(LimitSchedule.accidentDate(accidentAt));
        return parts.applications().billItemTimes(billId).map(times -> {
            for (int i = 0; i < times.size(); i++) {
                FundEligibility.requireWithinRescueWindow(accidentAt, times.get(i), rules,
                        "bill.items[" + i + "].renderedAt");
            }
            return null;
        });
    }

    // ---- in the payment's transaction ------------------------------------------------------

    private Future<Void> afterAdvance(SqlClient tx, AdvanceApplication app, AdvanceOutcome outcome,
            AdvanceCommand c, Optional<String> fund, Actor actor) {
        AdvanceDecision d = outcome.decision();
        if (outcome.replayed()) {
            return afterAdvanceSteps(tx, app, outcome, c, fund, actor);
        }
        return PaymentSteps.audit(tx, actor, "payment.pay", "application", app.applicationId(),
                Map.of("payerId", c.payerId(), "billId", c.billId().map(UUID::toString).orElse(""),
                        "idempotencyKey", c.key().value(),
                        "requestedFen", c.requested().value(), "paidFen", d.payNow().value(),
                        "excessHandling", d.excessHandling().name()))
                .compose(x -> afterAdvanceSteps(tx, app, outcome, c, fund, actor));
    }

    private Future<Void> afterAdvanceSteps(SqlClient tx, AdvanceApplication app,
            AdvanceOutcome outcome, AdvanceCommand c, Optional<String> fund, Actor actor) {
        AdvanceDecision d = outcome.decision();
        String excessZh = switch (d.excessHandling()) {
            case NONE -> "";
            case REFER_TO_FUND -> "；超出限额的 " + yuan(d.excess()) + " 转救助基金";
            case AWAIT_LIABILITY -> "；责任未定，先按无责限额垫付，其余 " + yuan(d.excess()) + " 待责任认定";
            case REFUSED -> "；" + yuan(d.excess()) + " 超出限额，不予垫付";
        };
        String excessEn = switch (d.excessHandling()) {
            case NONE -> "";
            case REFER_TO_FUND -> "; " + yuan(d.excess()) + " over the limit goes to the fund";
            case AWAIT_LIABILITY -> "; liability undetermined: the no-liability limit first, "
                    + yuan(d.excess()) + " once liability is found";
            case REFUSED -> "; " + yuan(d.excess()) + " over the limit is not advanced";
        };
        if (!d.paysAnything()) {
            return parts.applications().appendTimeline(tx, new TimelineEvent(
                    app.applicationId(), c.at(), "NOT_PAID", ActorRole.PAYER, c.payerId(),
                    ActorRole.PAYER.zh() + "：限额已用尽，本次未垫付" + excessZh,
                    "the payer paid nothing: its limit is used up" + excessEn));
        }
        Future<Void> referred = Future.succeededFuture();
        if (d.excessHandling() == ExcessHandling.REFER_TO_FUND) {
            referred = fund.map(f -> parts.applications().setApplicationPayer(tx,
                    UUID.fromString(app.applicationId()), f,
                    LiabilityState.UNDETERMINED,
                    Set.of(FundGround.EXCEEDS_INSURANCE_LIMIT), c.at()))
                    .orElse(Future.succeededFuture());
        }
        return referred
                .compose(x -> parts.steps().move(tx, app, ApplicationState.APPROVED,
                        ActorRole.PAYER, actor, c.at(), "，垫付 " + yuan(d.payNow()) + excessZh,
                        ": advances " + yuan(d.payNow()) + excessEn))
                .compose(x -> parts.outbox().enqueue(tx, new OutboxMessage(endpoint(c.payerId()),
                        DISBURSE_TOPIC, "disburse:" + c.key().value(),
                        PaymentViews.disbursementOrder(outcome, c))))
                .mapEmpty();
    }

    private Future<Void> afterDisbursement(SqlClient tx, AdvanceApplication app,
            LedgerStore.Disbursement d, Actor actor, Instant now) {
        String zh = "，已向医院支付 " + yuan(d.amount());
        String en = ": " + yuan(d.amount()) + " transferred to the hospital";
        return PaymentSteps.audit(tx, actor, "payment.disbursement", "application",
                app.applicationId(), Map.of("payerId", d.payerId(),
                        "amountFen", d.amount().value()))
                .compose(a -> parts.ledger().undisbursed(tx, UUID.fromString(app.applicationId())))
                .compose(left -> {
                    if (left == 0 && app.state() == ApplicationState.APPROVED) {
                        return parts.steps().move(tx, app, ApplicationState.PAID,
                                ActorRole.PAYER, actor, now, zh, en);
                    }
                    return parts.applications().appendTimeline(tx, new TimelineEvent(
                            app.applicationId(), now, "DISBURSED", ActorRole.PAYER,
                            actor.accountId().toString(), ActorRole.PAYER.zh() + zh,
                            "transfer confirmed" + en));
                });
    }
}
