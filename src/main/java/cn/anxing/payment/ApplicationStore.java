package cn.anxing.payment;

import static cn.anxing.payment.Rows.instant;
import static cn.anxing.payment.Rows.utc;

import cn.anxing.payment.rules.AdvanceApplication;
import cn.anxing.payment.rules.ApplicationState;
import cn.anxing.payment.rules.ApplicationTransitions;
import cn.anxing.payment.rules.Bill;
import cn.anxing.payment.rules.BillItem;
import cn.anxing.payment.rules.FundGround;
import cn.anxing.payment.rules.InjuredRelation;
import cn.anxing.payment.rules.LiabilityState;
import cn.anxing.payment.rules.PayerKind;
import cn.anxing.payment.rules.ResidentIdNumber;
import cn.anxing.payment.rules.TimelineEvent;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The applications (垫付申请) and what they are made of, in PostgreSQL ({@code V20__payments.sql}):
 * the registered hospitals and payers, each application with its state and the payers its police
 * notice names, the hospital's bills and the timeline. Methods that take a {@link SqlClient} run
 * in the caller's transaction; money is the {@link LedgerStore}'s, reading is
 * {@link PaymentQueries}'.
 */
public final class ApplicationStore {

    private static final String INSERT_HOSPITAL =
            "INSERT INTO payment_hospital (id, name) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING";
    private static final String ACTIVE_HOSPITALS =
            "SELECT id FROM payment_hospital WHERE active";
    private static final String INSERT_PAYER = """
            INSERT INTO payment_payer (id, kind, name) VALUES ($1, $2, $3)
            ON CONFLICT (id) DO NOTHING""";
    private static final String UPSERT_HOSPITAL = """
            INSERT INTO payment_hospital (id, name, active) VALUES ($1, $2, $3)
            ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, active = EXCLUDED.active""";
    private static final String UPSERT_PAYER = """
            INSERT INTO payment_payer (id, kind, name) VALUES ($1, $2, $3)
            ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name
            RETURNING kind""";
    private static final String INSERT_APPLICATION = """
            INSERT INTO advance_application (case_id, injured_person_id, hospital_id, accident_at,
                state, applied_by, applied_at, notice_due_at, updated_at, applicant_phone,
                injured_relation, injured_id_number)
            VALUES ($1, $2, $3, $4, 'APPLIED', $5, $6, $7, $6, $8, $9, $10)
            ON CONFLICT (case_id, injured_person_id) DO NOTHING
            RETURNING id""";
    private static final String LOCK_APPLICATION = """
            SELECT id, case_id, injured_person_id, hospital_id, accident_at, state
            FROM advance_application WHERE id = $1 FOR NO KEY UPDATE""";
    private static final String SET_STATE =
            "UPDATE advance_application SET state = $2, updated_at = $3 WHERE id = $1";
    private static final String UPSERT_APPLICATION_PAYER = """
            INSERT INTO application_payer (application_id, payer_id, liability_state, noticed_at,
                fund_grounds)
            VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (application_id, payer_id)
            DO UPDATE SET liability_state = EXCLUDED.liability_state,
                fund_grounds = ARRAY(SELECT DISTINCT unnest(application_payer.fund_grounds
                    || EXCLUDED.fund_grounds) ORDER BY 1)""";
    private static final String INSERT_TIMELINE = """
            INSERT INTO application_timeline (application_id, at, what, actor_role, actor_id,
                text_zh, text_en) VALUES ($1, $2, $3, $4, $5, $6, $7)""";
    private static final String INSERT_BILL = """
            INSERT INTO bill (application_id, hospital_id, total_fen, submitted_at, review_due_at)
            VALUES ($1, $2, $3, $4, $5) RETURNING id""";
    private static final String INSERT_BILL_ITEM = """
            INSERT INTO bill_item (bill_id, position, description, rendered_at, invoice_number,
                amount_fen) VALUES ($1, $2, $3, $4, $5, $6)""";
    private static final String BILL_ITEM_TIMES =
            "SELECT rendered_at FROM bill_item WHERE bill_id = $1 ORDER BY position";

    private final Pool pool;

    public ApplicationStore(Pool pool) {
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

    public Future<Void> registerHospital(String id, String name, boolean active) {
        return pool.preparedQuery(UPSERT_HOSPITAL).execute(Tuple.of(id, name, active)).mapEmpty();
    }

    /** Creates a payer or renames it; the stored kind (which never changes) is returned. */
    public Future<PayerKind> registerPayer(SqlClient client, String id, PayerKind kind,
            String name) {
        return client.preparedQuery(UPSERT_PAYER).execute(Tuple.of(id, kind.name(), name))
                .map(rows -> PayerKind.valueOf(rows.iterator().next().getString(0)));
    }

    /** A new application in state APPLIED, with the police notice due at {@code noticeDueAt}. */
    public Future<UUID> insertApplication(SqlClient client, String caseId, String injuredPersonId,
            String hospitalId, Instant accidentAt, UUID appliedBy, Instant appliedAt,
            Instant noticeDueAt) {
        return insertApplication(client, caseId, injuredPersonId, hospitalId, accidentAt,
                appliedBy, null, Optional.empty(), Optional.empty(), appliedAt, noticeDueAt)
                .map(Optional::orElseThrow);
    }

    /**
     * A new application in state APPLIED; empty when the case already has one for this injured
     * person (one application per person and accident).
     *
     * @param applicantPhone the applicant's phone when an officer opens it for them, else null
     * @param relation how the injured person is related to the applicant, if given
     * @param idNumber the injured person's resident ID number, if given
     */
    public Future<Optional<UUID>> insertApplication(SqlClient client, String caseId,
            String injuredPersonId, String hospitalId, Instant accidentAt, UUID appliedBy,
            String applicantPhone, Optional<InjuredRelation> relation,
            Optional<ResidentIdNumber> idNumber, Instant appliedAt, Instant noticeDueAt) {
        return client.preparedQuery(INSERT_APPLICATION)
                .execute(Tuple.from(new Object[] {caseId, injuredPersonId, hospitalId,
                        utc(accidentAt), appliedBy, utc(appliedAt), utc(noticeDueAt),
                        applicantPhone, relation.map(Enum::name).orElse(null),
                        idNumber.map(ResidentIdNumber::value).orElse(null)}))
                .map(rows -> rows.size() == 0 ? Optional.<UUID>empty()
                        : Optional.of(rows.iterator().next().getUUID(0)));
    }

    /** The application, locked until the transaction ends, so state moves are serialised. */
    public Future<Optional<AdvanceApplication>> lockApplication(SqlClient client, UUID id) {
        return Rows.first(client, LOCK_APPLICATION, Tuple.of(id), ApplicationStore::application);
    }

    private static AdvanceApplication application(Row row) {
        return new AdvanceApplication(row.getUUID("id").toString(), row.getString("case_id"),
                row.getString("injured_person_id"), row.getString("hospital_id"),
                instant(row, "accident_at"), ApplicationState.valueOf(row.getString("state")));
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

    /** Names a payer on the police notice, or updates its vehicle's liability. */
    public Future<Void> setApplicationPayer(SqlClient client, UUID applicationId, String payerId,
            LiabilityState liability, Instant noticedAt) {
        return setApplicationPayer(client, applicationId, payerId, liability, Set.of(),
                noticedAt);
    }

    /** As above, adding the grounds on which the assistance fund advances (kept, never removed). */
    public Future<Void> setApplicationPayer(SqlClient client, UUID applicationId, String payerId,
            LiabilityState liability, Set<FundGround> grounds, Instant noticedAt) {
        String[] names = grounds.stream().map(Enum::name).sorted().toArray(String[]::new);
        return client.preparedQuery(UPSERT_APPLICATION_PAYER)
                .execute(Tuple.of(applicationId, payerId, liability.name(), utc(noticedAt), names))
                .mapEmpty();
    }

    public Future<Void> appendTimeline(SqlClient client, TimelineEvent e) {
        return client.preparedQuery(INSERT_TIMELINE)
                .execute(Tuple.of(UUID.fromString(e.applicationId()), utc(e.at()), e.what(),
                        e.by().name(), e.actorId(), e.textZh(), e.textEn()))
                .mapEmpty();
    }

    /** Stores a bill that {@code BillCheck} accepted, with its items in order. */
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

    /** When each item of a bill was rendered, in the bill's order. */
    public Future<List<Instant>> billItemTimes(UUID billId) {
        return Rows.list(pool, BILL_ITEM_TIMES, Tuple.of(billId),
                row -> instant(row, "rendered_at"));
    }
}
