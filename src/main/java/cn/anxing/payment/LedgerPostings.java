package cn.anxing.payment;

import static cn.anxing.payment.Rows.instant;
import static cn.anxing.payment.Rows.utc;

import cn.anxing.payment.rules.AccountType;
import cn.anxing.payment.rules.AdvanceCommand;
import cn.anxing.payment.rules.Fen;
import cn.anxing.payment.rules.LedgerAccount;
import cn.anxing.payment.rules.LedgerEntry;
import cn.anxing.payment.rules.PaymentError;
import cn.anxing.payment.rules.Posting;
import cn.anxing.payment.rules.PostingKind;
import cn.anxing.payment.rules.Side;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The append-only double-entry ledger ({@code ledger_posting}, {@code ledger_entry}) and the
 * (person, payer) headroom it moves ({@code payer_headroom}): posting, reversing, finding a
 * disbursement, reading the entries of a period. The writes run in the caller's transaction,
 * which {@link LedgerStore} opens under the application's lock; the database refuses an
 * unbalanced posting at commit and any UPDATE or DELETE of the ledger.
 */
final class LedgerPostings {

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

    /**
     * Creates the command's (person, payer) headroom row if it is new, locks it and returns what
     * was advanced so far.
     */
    Future<Fen> lockHeadroom(SqlClient tx, AdvanceCommand c) {
        Tuple person = Tuple.of(c.caseId(), c.injuredPersonId(), c.payerId());
        return tx.preparedQuery(ENSURE_HEADROOM).execute(person)
                .compose(x -> tx.preparedQuery(LOCK_HEADROOM).execute(person))
                .map(rows -> Fen.of(rows.iterator().next().getLong(0)));
    }

    /** Adds an advance to the locked headroom and records the payer's current cap. */
    Future<Void> addToHeadroom(SqlClient tx, AdvanceCommand c, Fen paid) {
        return tx.preparedQuery(ADD_TO_HEADROOM)
                .execute(Tuple.of(c.caseId(), c.injuredPersonId(), c.payerId(), paid.value(),
                        c.limit().cap().map(Fen::value).orElse(null), utc(c.at())))
                .mapEmpty();
    }

    /**
     * Appends a posting and its two entries; the database checks the balance at commit.
     *
     * @param instructionId the payment instruction the posting carries out, if any
     */
    Future<Void> insertPosting(SqlClient client, Posting p, String caseId,
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
     * Appends the mirror posting of an approved advance and gives its amount back to the
     * (person, payer) headroom. A posting can be reversed once; a second attempt fails here, or
     * on the UNIQUE reversal_of when two race.
     */
    Future<Posting> reverse(SqlClient tx, UUID postingId, Instant at) {
        return tx.preparedQuery(LOCK_POSTING)
                .execute(Tuple.of(postingId))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        throw PaymentError.UNKNOWN_POSTING.error("postingId",
                                "no ledger posting " + postingId);
                    }
                    Row row = rows.iterator().next();
                    Posting original = toPosting(row);
                    if (original.kind() != PostingKind.ADVANCE_APPROVED) {
                        throw PaymentError.NOT_REVERSIBLE.error("postingId",
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
                                    throw PaymentError.ALREADY_REVERSED.error("postingId",
                                            "posting " + postingId + " is already reversed");
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
                });
    }

    private static Posting toPosting(Row row) {
        String payerId = row.getString("payer_id");
        var debit = new LedgerAccount(AccountType.valueOf(row.getString(9)), row.getString(10));
        var credit = new LedgerAccount(AccountType.valueOf(row.getString(11)),
                row.getString(12));
        UUID reversalOf = row.getUUID("reversal_of");
        return new Posting(row.getUUID("id").toString(), PostingKind.valueOf(row.getString("kind")),
                payerId, row.getUUID("application_id").toString(),
                row.getString("injured_person_id"), instant(row, "posted_at"), debit, credit,
                Fen.of(row.getLong("amount_fen")),
                Optional.ofNullable(reversalOf).map(UUID::toString));
    }

    /** The DISBURSED posting of an instruction, if the payer confirmed it before. */
    Future<Optional<UUID>> disbursementOf(SqlClient client, UUID instructionId) {
        return client.preparedQuery(DISBURSEMENT_OF).execute(Tuple.of(instructionId))
                .map(rows -> rows.size() == 0 ? Optional.<UUID>empty()
                        : Optional.of(rows.iterator().next().getUUID(0)));
    }

    /** The stored entries of postings in {@code [from, to)}, for {@code Reconciliation}. */
    Future<List<LedgerEntry>> entriesBetween(SqlClient client, Instant from, Instant to) {
        return Rows.list(client, ENTRIES_BETWEEN, Tuple.of(utc(from), utc(to)),
                row -> new LedgerEntry(row.getUUID("posting_id").toString(),
                        row.getString("payer_id"), instant(row, "posted_at"),
                        new LedgerAccount(AccountType.valueOf(row.getString("account_type")),
                                row.getString("account_owner")),
                        Side.valueOf(row.getString("side")), Fen.of(row.getLong("amount_fen"))));
    }
}
