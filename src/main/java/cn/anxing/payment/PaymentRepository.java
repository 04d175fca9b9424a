package cn.anxing.payment;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Medical advance payments in PostgreSQL (schema {@code V20__payments.sql}). Methods that take a
 * {@link SqlClient} run inside the caller's transaction; {@link #recordAdvance} and
 * {@link #reverseAdvance} open their own, because the headroom lock, the ledger and the outbox
 * must commit together.
 */
public final class PaymentRepository {

    private static final String INSERT_HOSPITAL =
            "INSERT INTO payment_hospital (id, name) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING";
    private static final String ACTIVE_HOSPITALS =
            "SELECT id FROM payment_hospital WHERE active";
    private static final String INSERT_PAYER = """
            INSERT INTO payment_payer (id, kind, name) VALUES ($1, $2, $3)
            ON CONFLICT (id) DO NOTHING""";
    private static final String INSERT_APPLICATION = """
            INSERT INTO advance_application (case_id, injured_person_id, hospital_id, accident_at,
                state, applied_by, applied_at, notice_due_at, updated_at)
            VALUES ($1, $2, $3, $4, 'APPLIED', $5, $6, $7, $6)
            RETURNING id""";
    private static final String LOCK_APPLICATION = """
            SELECT id, case_id, injured_person_id, hospital_id, accident_at, state
            FROM advance_application WHERE id = $1 FOR UPDATE""";
    private static final String SET_STATE =
            "UPDATE advance_application SET state = $2, updated_at = $3 WHERE id = $1";
    private static final String OVERDUE_NOTICES = """
            SELECT id FROM advance_application
            WHERE state = 'APPLIED' AND notice_due_at <= $1 ORDER BY notice_due_at""";
    private static final String UPSERT_APPLICATION_PAYER = """
            INSERT INTO application_payer (application_id, payer_id, liability_state, noticed_at)
            VALUES ($1, $2, $3, $4)
            ON CONFLICT (application_id, payer_id)
            DO UPDATE SET liability_state = EXCLUDED.liability_state""";
    private static final String INSERT_TIMELINE = """
            INSERT INTO application_timeline (application_id, at, what, actor_role, actor_id,
                text_zh, text_en) VALUES ($1, $2, $3, $4, $5, $6, $7)""";
    private static final String TIMELINE = """
            SELECT at, what, actor_role, actor_id, text_zh, text_en FROM application_timeline
            WHERE application_id = $1 ORDER BY at, id""";
    private static final String INSERT_BILL = """
            INSERT INTO bill (application_id, hospital_id, total_fen, submitted_at, review_due_at)
            VALUES ($1, $2, $3, $4, $5) RETURNING id""";
    private static final String INSERT_BILL_ITEM = """
            INSERT INTO bill_item (bill_id, position, description, rendered_at, invoice_number,
                amount_fen) VALUES ($1, $2, $3, $4, $5, $6)""";
    private static final String CLAIM_KEY = """
            INSERT INTO payment_instruction (id, idempotency_key, request_fingerprint,
                application_id, bill_id, payer_id, requested_fen, created_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            ON CONFLICT (idempotency_key) DO NOTHING
            RETURNING id""";
    private static final String BY_KEY = """
            SELECT id, request_fingerprint, paid_fen, excess_fen, excess_handling, posting_id
            FROM payment_instruction WHERE idempotency_key = $1""";
    private static final String FINISH_INSTRUCTION = """
            UPDATE payment_instruction SET paid_fen = $2, excess_fen = $3, excess_handling = $4,
                posting_id = $5, finished_at = $6 WHERE id = $1""";
    private static final String ENSURE_HEADROOM = """
            INSERT INTO payer_headroom (case_id, injured_person_id, payer_id) VALUES ($1, $2, $3)
            ON CONFLICT (case_id, injured_person_id, payer_id) DO NOTHING""";
    private static final String LOCK_HEADROOM = """
            SELECT advanced_fen FROM payer_headroom
            WHERE case_id = $1 AND injured_person_id = $2 AND payer_id = $3 FOR UPDATE""";
    private static final String ADD_TO_HEADROOM = """
            UPDATE payer_headroom SET advanced_fen = advanced_fen + $4, cap_fen = $5, updated_at = $6
            WHERE case_id = $1 AND injured_person_id = $2 AND payer_id = $3""";
    private static final String GIVE_BACK_TO_HEADROOM = """
            UPDATE payer_headroom SET advanced_fen = advanced_fen - $4, updated_at = $5
            WHERE case_id = $1 AND injured_person_id = $2 AND payer_id = $3""";

    private static final String REVERSAL_OF =
            "SELECT id FROM ledger_posting WHERE reversal_of = $1";
    private static final String INSERT_POSTING = """
            INSERT INTO ledger_posting (id, kind, payer_id, application_id, case_id,
                injured_person_id, posted_at, amount_fen, reversal_of, instruction_id)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)""";
    private static final String LOCK_PAID_INSTRUCTION = """
            SELECT i.payer_id, i.application_id, a.case_id, a.injured_person_id, a.hospital_id,
                i.paid_fen
            FROM payment_instruction i JOIN advance_application a ON a.id = i.application_id
            WHERE i.id = $1 AND i.paid_fen > 0 FOR UPDATE OF i""";
    private static final String DISBURSEMENT_OF = """
            SELECT id FROM ledger_posting WHERE instruction_id = $1 AND kind = 'DISBURSED'""";
    private static final String INSERT_ENTRY = """
            INSERT INTO ledger_entry (posting_id, side, account_type, account_owner, account_key,
                amount_fen) VALUES ($1, $2, $3, $4, $5, $6)""";
    private static final String POSTING_COLUMNS = """
            p.id, p.kind, p.payer_id, p.application_id, p.case_id, p.injured_person_id,
            p.posted_at, p.amount_fen, p.reversal_of""";
    private static final String LOCK_POSTING = "SELECT " + POSTING_COLUMNS + """
            , d.account_type, d.account_owner, c.account_type, c.account_owner
            FROM ledger_posting p
            JOIN ledger_entry d ON d.posting_id = p.id AND d.side = 'DEBIT'
            JOIN ledger_entry c ON c.posting_id = p.id AND c.side = 'CREDIT'
            WHERE p.id = $1 FOR UPDATE OF p""";
    private static final String ENTRIES_BETWEEN = """
            SELECT e.posting_id, p.payer_id, p.posted_at, e.account_type, e.account_owner,
                e.side, e.amount_fen
            FROM ledger_entry e JOIN ledger_posting p ON p.id = e.posting_id
            WHERE p.posted_at >= $1 AND p.posted_at < $2
            ORDER BY p.posted_at, e.posting_id, e.side DESC""";
    private static final String INSERT_OUTBOX = """
            INSERT INTO payment_outbox (instruction_id, payer_id, topic, payload, created_at)
            VALUES ($1, $2, $3, $4, $5)""";
    private static final String UNSENT_OUTBOX = """
            SELECT id, instruction_id, payer_id, topic, payload, attempts FROM payment_outbox
            WHERE sent_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED""";
    private static final String MARK_SENT =
            "UPDATE payment_outbox SET sent_at = $2, attempts = attempts + 1 WHERE id = $1";
    private static final String MARK_FAILED = """
            UPDATE payment_outbox SET attempts = attempts + 1, last_error = $2 WHERE id = $1""";

    /** The outbox topic of a disbursement order to a payer's system. */
    public static final String DISBURSE_TOPIC = "payment.disburse";

    /** A message waiting in the outbox. */
    public record OutboxMessage(long id, UUID instructionId, String payerId, String topic,
            JsonObject payload, int attempts) {
    }

    private final Pool pool;

    public PaymentRepository(Pool pool) {
        this.pool = pool;
    }

    public Pool pool() {
        return pool;
    }

    public Future<Void> addHospital(String id, String name) {
        return pool.preparedQuery(INSERT_HOSPITAL).execute(Tuple.of(id, name)).mapEmpty();
    }

    public Future<Set<String>> activeHospitals() {
        return pool.preparedQuery(ACTIVE_HOSPITALS).execute().map(rows -> {
            Set<String> ids = new HashSet<>();
            rows.forEach(row -> ids.add(row.getString(0)));
            return ids;
        });
    }

    public Future<Void> addPayer(String id, PayerKind kind, String name) {
        return pool.preparedQuery(INSERT_PAYER).execute(Tuple.of(id, kind.name(), name))
                .mapEmpty();
    }

    /** A new application in state APPLIED, with the police notice due at {@code noticeDueAt}. */
    public Future<UUID> insertApplication(SqlClient client, String caseId, String injuredPersonId,
            String hospitalId, Instant accidentAt, UUID appliedBy, Instant appliedAt,
            Instant noticeDueAt) {
        return client.preparedQuery(INSERT_APPLICATION)
                .execute(Tuple.of(caseId, injuredPersonId, hospitalId, utc(accidentAt), appliedBy,
                        utc(appliedAt), utc(noticeDueAt)))
                .map(rows -> rows.iterator().next().getUUID(0));
    }

    /** The application, locked until the transaction ends, so state moves are serialised. */
    public Future<Optional<AdvanceApplication>> lockApplication(SqlClient client, UUID id) {
        return client.preparedQuery(LOCK_APPLICATION).execute(Tuple.of(id)).map(rows -> {
            if (rows.size() == 0) {
                return Optional.empty();
            }
            Row row = rows.iterator().next();
            return Optional.of(new AdvanceApplication(row.getUUID("id").toString(),
                    row.getString("case_id"), row.getString("injured_person_id"),
                    row.getString("hospital_id"), instant(row, "accident_at"),
                    ApplicationState.valueOf(row.getString("state"))));
        });
    }

    /**
     * Moves an application after checking the transition table, and writes its timeline event.
     * Call it with the application locked by {@link #lockApplication}.
     */
    public Future<Void> move(SqlClient client, TimelineEvent event, ApplicationState from) {
        ApplicationState to = ApplicationState.valueOf(event.what());
        ApplicationTransitions.require(from, to, event.by());
        return client.preparedQuery(SET_STATE)
                .execute(Tuple.of(UUID.fromString(event.applicationId()), to.name(),
                        utc(event.at())))
                .compose(x -> appendTimeline(client, event));
    }

    public Future<List<UUID>> overdueNotices(Instant now) {
        return pool.preparedQuery(OVERDUE_NOTICES).execute(Tuple.of(utc(now))).map(rows -> {
            List<UUID> ids = new ArrayList<>();
            rows.forEach(row -> ids.add(row.getUUID(0)));
            return ids;
        });
    }

    /** Names a payer on the police notice, or updates its vehicle's liability. */
    public Future<Void> setApplicationPayer(SqlClient client, UUID applicationId, String payerId,
            LiabilityState liability, Instant noticedAt) {
        return client.preparedQuery(UPSERT_APPLICATION_PAYER)
                .execute(Tuple.of(applicationId, payerId, liability.name(), utc(noticedAt)))
                .mapEmpty();
    }

    public Future<Void> appendTimeline(SqlClient client, TimelineEvent e) {
        return client.preparedQuery(INSERT_TIMELINE)
                .execute(Tuple.of(UUID.fromString(e.applicationId()), utc(e.at()), e.what(),
                        e.by().name(), e.actorId(), e.textZh(), e.textEn()))
                .mapEmpty();
    }

    public Future<List<TimelineEvent>> timeline(UUID applicationId) {
        return pool.preparedQuery(TIMELINE).execute(Tuple.of(applicationId)).map(rows -> {
            List<TimelineEvent> events = new ArrayList<>();
            rows.forEach(row -> events.add(new TimelineEvent(applicationId.toString(),
                    instant(row, "at"), row.getString("what"),
                    ActorRole.valueOf(row.getString("actor_role")), row.getString("actor_id"),
                    row.getString("text_zh"), row.getString("text_en"))));
            return events;
        });
    }

    /** Stores a bill that {@link BillCheck} accepted, with its items in order. */
    public Future<UUID> insertBill(SqlClient client, UUID applicationId, Bill bill,
            Instant submittedAt, Instant reviewDueAt) {
        return client.preparedQuery(INSERT_BILL)
                .execute(Tuple.of(applicationId, bill.hospitalId(), bill.total().value(),
                        utc(submittedAt), utc(reviewDueAt)))
                .map(rows -> rows.iterator().next().getUUID(0))
                .compose(billId -> {
                    List<Tuple> items = new ArrayList<>();
                    for (int i = 0; i < bill.items().size(); i++) {
                        BillItem item = bill.items().get(i);
                        items.add(Tuple.of(billId, i, item.description(),
                                utc(item.renderedAt()), item.invoiceNumber(),
                                item.amount().value()));
                    }
                    return client.preparedQuery(INSERT_BILL_ITEM).executeBatch(items)
                            .map(x -> billId);
                });
    }

    /**
     * Carries out one payment instruction exactly once. In one transaction: claims the
     * idempotency key (a retry gets the first result, a reused key a conflict), locks the
     * (person, payer) headroom row, decides with {@link AdvanceDecision}, and if anything is
     * paid adds it to the headroom, posts it to the ledger and queues the disbursement order in
     * the outbox.
     *
     * @throws IdempotencyConflictException (failed future) when the key was used for another
     *                                      request
     */
    public Future<AdvanceOutcome> recordAdvance(AdvanceCommand c) {
        UUID instructionId = UUID.randomUUID();
        return pool.withTransaction(tx -> tx.preparedQuery(CLAIM_KEY)
                .execute(Tuple.of(instructionId, c.key().value(), c.fingerprint().sha256Hex(),
                        c.applicationId(), c.billId().orElse(null), c.payerId(),
                        c.requested().value(), utc(c.at())))
                .compose(claimed -> claimed.size() == 1
                        ? executeAdvance(tx, instructionId, c)
                        : replay(tx, c)));
    }

    private Future<AdvanceOutcome> replay(SqlClient tx, AdvanceCommand c) {
        return tx.preparedQuery(BY_KEY).execute(Tuple.of(c.key().value())).map(rows -> {
            Row row = rows.iterator().next();
            boolean finished = row.getString("excess_handling") != null;
            UUID id = row.getUUID("id");
            var stored = new IdempotencyRule.StoredRequest(
                    new RequestFingerprint(row.getString("request_fingerprint")),
                    finished ? Optional.of(id.toString()) : Optional.empty());
            IdempotencyRule.Outcome outcome = IdempotencyRule.decide(Optional.of(stored),
                    c.fingerprint());
            if (outcome.isConflict()) {
                throw new IdempotencyConflictException(outcome);
            }
            var decision = new AdvanceDecision(Fen.of(row.getLong("paid_fen")),
                    Fen.of(row.getLong("excess_fen")),
                    ExcessHandling.valueOf(row.getString("excess_handling")));
            return new AdvanceOutcome(id, decision,
                    Optional.ofNullable(row.getUUID("posting_id")), true);
        });
    }

    private Future<AdvanceOutcome> executeAdvance(SqlClient tx, UUID instructionId,
            AdvanceCommand c) {
        Tuple person = Tuple.of(c.caseId(), c.injuredPersonId(), c.payerId());
        return tx.preparedQuery(ENSURE_HEADROOM).execute(person)
                .compose(x -> tx.preparedQuery(LOCK_HEADROOM).execute(person))
                .compose(rows -> {
                    Fen alreadyPaid = Fen.of(rows.iterator().next().getLong(0));
                    AdvanceDecision decision = AdvanceDecision.decide(c.payerKind(),
                            c.liability(), c.limit(), alreadyPaid, c.requested());
                    if (!decision.paysAnything()) {
                        return finish(tx, instructionId, decision, Optional.empty(), c.at());
                    }
                    UUID postingId = UUID.randomUUID();
                    Posting posting = Posting.advanceApproved(postingId.toString(), c.payerId(),
                            c.hospitalId(), c.applicationId().toString(), c.injuredPersonId(),
                            c.at(), decision.payNow());
                    return tx.preparedQuery(ADD_TO_HEADROOM)
                            .execute(Tuple.of(c.caseId(), c.injuredPersonId(), c.payerId(),
                                    decision.payNow().value(),
                                    c.limit().cap().map(Fen::value).orElse(null), utc(c.at())))
                            .compose(x -> insertPosting(tx, posting, c.caseId(),
                                    Optional.of(instructionId)))
                            .compose(x -> tx.preparedQuery(INSERT_OUTBOX).execute(Tuple.of(
                                    instructionId, c.payerId(), DISBURSE_TOPIC,
                                    disbursement(instructionId, posting, c), utc(c.at()))))
                            .compose(x -> finish(tx, instructionId, decision,
                                    Optional.of(postingId), c.at()));
                });
    }

    private Future<AdvanceOutcome> finish(SqlClient tx, UUID instructionId,
            AdvanceDecision decision, Optional<UUID> postingId, Instant at) {
        return tx.preparedQuery(FINISH_INSTRUCTION)
                .execute(Tuple.of(instructionId, decision.payNow().value(),
                        decision.excess().value(), decision.excessHandling().name(),
                        postingId.orElse(null), utc(at)))
                .map(x -> new AdvanceOutcome(instructionId, decision, postingId, false));
    }

    private static JsonObject disbursement(UUID instructionId, Posting posting, AdvanceCommand c) {
        return new JsonObject()
                .put("instructionId", instructionId.toString())
                .put("idempotencyKey", c.key().value())
                .put("payerId", c.payerId())
                .put("hospitalId", c.hospitalId())
                .put("applicationId", c.applicationId().toString())
                .put("caseId", c.caseId())
                .put("injuredPersonId", c.injuredPersonId())
                .put("amountFen", posting.amount().value());
    }

    /**
     * Appends a posting and its two entries; the database checks the balance at commit.
     *
     * @param instructionId the payment instruction the posting carries out, if any
     */
    public Future<Void> insertPosting(SqlClient client, Posting p, String caseId,
            Optional<UUID> instructionId) {
        Tuple posting = Tuple.of(UUID.fromString(p.id()), p.kind().name(), p.payerId(),
                UUID.fromString(p.applicationId()), caseId, p.injuredPersonId(),
                utc(p.postedAt()), p.amount().value(),
                p.reversalOf().map(UUID::fromString).orElse(null), instructionId.orElse(null));
        List<Tuple> entries = p.entries().stream()
                .map(e -> Tuple.of(UUID.fromString(p.id()), e.side().name(),
                        e.account().type().name(), e.account().ownerId(), e.account().key(),
                        e.amount().value()))
                .toList();
        return client.preparedQuery(INSERT_POSTING).execute(posting)
                .compose(x -> client.preparedQuery(INSERT_ENTRY).executeBatch(entries))
                .mapEmpty();
    }

    /**
     * Reverses an approved advance (a correction, 冲正): appends the mirror posting and gives the
     * amount back to the (person, payer) headroom, under the same lock as payments. A posting
     * can be reversed once; a second attempt fails on the UNIQUE reversal_of.
     */
    public Future<Posting> reverseAdvance(UUID postingId, Instant at) {
        return pool.withTransaction(tx -> tx.preparedQuery(LOCK_POSTING)
                .execute(Tuple.of(postingId))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        throw new PaymentInputException("unknown_posting", "postingId",
                                "no ledger posting " + postingId);
                    }
                    Row row = rows.iterator().next();
                    Posting original = toPosting(row);
                    if (original.kind() != PostingKind.ADVANCE_APPROVED) {
                        throw new PaymentInputException("not_reversible", "postingId",
                                "only an approved advance can be reversed here, not "
                                        + original.kind());
                    }
                    String caseId = row.getString("case_id");
                    Posting reversal = original.reverse(UUID.randomUUID().toString(), at);
                    Tuple person = Tuple.of(caseId, original.injuredPersonId(),
                            original.payerId());
                    return tx.preparedQuery(REVERSAL_OF).execute(Tuple.of(postingId))
                            .map(found -> {
                                if (found.size() > 0) {
                                    throw new PaymentInputException("already_reversed",
                                            "postingId", "posting " + postingId
                                                    + " is already reversed");
                                }
                                return found;
                            })
                            .compose(x -> tx.preparedQuery(LOCK_HEADROOM).execute(person))
                            .compose(x -> tx.preparedQuery(GIVE_BACK_TO_HEADROOM).execute(
                                    Tuple.of(caseId, original.injuredPersonId(),
                                            original.payerId(), original.amount().value(),
                                            utc(at))))
                            .compose(x -> insertPosting(tx, reversal, caseId, Optional.empty()))
                            .map(x -> reversal);
                }));
    }

    private static Posting toPosting(Row row) {
        String payerId = row.getString("payer_id");
        Account debit = new Account(AccountType.valueOf(row.getString(9)), row.getString(10));
        Account credit = new Account(AccountType.valueOf(row.getString(11)), row.getString(12));
        UUID reversalOf = row.getUUID("reversal_of");
        return new Posting(row.getUUID("id").toString(), PostingKind.valueOf(row.getString("kind")),
                payerId, row.getUUID("application_id").toString(),
                row.getString("injured_person_id"), instant(row, "posted_at"), debit, credit,
                Fen.of(row.getLong("amount_fen")),
                Optional.ofNullable(reversalOf).map(UUID::toString));
    }

    /**
     * Records that the payer's bank has paid the hospital for an instruction (the relay's
     * confirmation of the outbox order): debit the hospital's receivable, credit the payer's
     * settlement. A repeated confirmation returns the first posting's id and posts nothing.
     */
    public Future<UUID> recordDisbursement(UUID instructionId, Instant at) {
        return pool.withTransaction(tx -> tx.preparedQuery(LOCK_PAID_INSTRUCTION)
                .execute(Tuple.of(instructionId))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        throw new PaymentInputException("nothing_to_disburse", "instructionId",
                                "instruction " + instructionId + " does not exist or paid 0 fen");
                    }
                    Row row = rows.iterator().next();
                    return tx.preparedQuery(DISBURSEMENT_OF).execute(Tuple.of(instructionId))
                            .compose(found -> {
                                if (found.size() > 0) {
                                    return Future.succeededFuture(
                                            found.iterator().next().getUUID(0));
                                }
                                UUID postingId = UUID.randomUUID();
                                Posting posting = Posting.disbursed(postingId.toString(),
                                        row.getString("payer_id"), row.getString("hospital_id"),
                                        row.getUUID("application_id").toString(),
                                        row.getString("injured_person_id"), at,
                                        Fen.of(row.getLong("paid_fen")));
                                return insertPosting(tx, posting, row.getString("case_id"),
                                        Optional.of(instructionId)).map(x -> postingId);
                            });
                }));
    }

    /** The stored entries of postings in {@code [from, to)}, for {@link Reconciliation}. */
    public Future<List<LedgerEntry>> entriesBetween(Instant from, Instant to) {
        return pool.preparedQuery(ENTRIES_BETWEEN).execute(Tuple.of(utc(from), utc(to)))
                .map(rows -> {
                    List<LedgerEntry> entries = new ArrayList<>();
                    rows.forEach(row -> entries.add(new LedgerEntry(
                            row.getUUID("posting_id").toString(), row.getString("payer_id"),
                            instant(row, "posted_at"),
                            new Account(AccountType.valueOf(row.getString("account_type")),
                                    row.getString("account_owner")),
                            Side.valueOf(row.getString("side")),
                            Fen.of(row.getLong("amount_fen")))));
                    return entries;
                });
    }

    /**
     * Up to {@code limit} unsent outbox messages, locked (SKIP LOCKED) so that two relays never
     * send the same one; mark each sent or failed in the same transaction.
     */
    public Future<List<OutboxMessage>> lockUnsentOutbox(SqlClient client, int limit) {
        return client.preparedQuery(UNSENT_OUTBOX).execute(Tuple.of(limit)).map(rows -> {
            List<OutboxMessage> messages = new ArrayList<>();
            rows.forEach(row -> messages.add(new OutboxMessage(row.getLong("id"),
                    row.getUUID("instruction_id"), row.getString("payer_id"),
                    row.getString("topic"), (JsonObject) row.getValue("payload"),
                    row.getInteger("attempts"))));
            return messages;
        });
    }

    public Future<Void> markOutboxSent(SqlClient client, long id, Instant at) {
        return client.preparedQuery(MARK_SENT).execute(Tuple.of(id, utc(at))).mapEmpty();
    }

    public Future<Void> markOutboxFailed(SqlClient client, long id, String error) {
        return client.preparedQuery(MARK_FAILED).execute(Tuple.of(id, error)).mapEmpty();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(Row row, String column) {
        return row.getOffsetDateTime(column).toInstant();
    }
}
