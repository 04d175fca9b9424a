package cn.anxing.payment;

import java.util.HashMap;
import java.util.Map;
import cn.anxing.audit.AuditLog;
import cn.anxing.auth.Role;
import cn.anxing.error.CommonError;
import cn.anxing.error.DomainException;
import cn.anxing.payment.rules.ActorRole;
import cn.anxing.payment.rules.AdvanceApplication;
import cn.anxing.payment.rules.ApplicationState;
import cn.anxing.payment.rules.ApplicationTransitions;
import cn.anxing.payment.rules.Fen;
import cn.anxing.payment.rules.PayerKind;
import cn.anxing.payment.rules.PaymentError;
import cn.anxing.payment.rules.TimelineEvent;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * What the use cases share: locking an application, a checked move with its timeline sentence,
 * the checks of who may act for which payer, and the look-ups of payers.
 */
final class PaymentSteps {

    private final ApplicationStore applications;
    private final PaymentQueries queries;

    PaymentSteps(ApplicationStore applications, PaymentQueries queries) {
        this.applications = applications;
        this.queries = queries;
    }

    Future<AdvanceApplication> lock(SqlClient tx, UUID applicationId) {
        return applications.lockApplication(tx, applicationId)
                .map(found -> found.orElseThrow(() -> unknownApplication(applicationId)));
    }

    Future<Void> move(SqlClient tx, AdvanceApplication app, ApplicationState to, ActorRole by,
            Actor actor, Instant at, String detailZh, String detailEn) {
        ApplicationTransitions.require(app.state(), to, by);
        return applications.move(tx, new TimelineEvent(app.applicationId(), at, to.name(), by,
                actor.accountId().toString(), by.zh() + "：" + to.zh() + detailZh,
                to.en() + " by the " + by.en() + detailEn), app.state());
    }

    /** Only the payer's own accounts act for it: PICC's insurer pays as PICC, never as CPIC. */
    static void requireActsFor(Actor actor, String payerId, PayerKind kind) {
        Role needed = kind == PayerKind.INSURER ? Role.INSURER : Role.FUND;
        if (!actor.is(needed)) {
            throw new DomainException(CommonError.FORBIDDEN, "only an account with the role "
                    + needed.wireName() + " may act for a payer of kind " + kind);
        }
        if (!actor.actsAsPayer(payerId)) {
            throw new DomainException(CommonError.FORBIDDEN, "只能以本单位的名义垫付 / you act"
                    + " for " + actor.organisation() + ", not for payer " + payerId, "payerId");
        }
    }

    /** A staff action's audit entry, in the action's own transaction. */
    static Future<Void> audit(SqlClient tx, Actor actor, String action, String subjectType,
            String subjectId, Map<String, ?> after) {
        if (actor.caller() == null) {
            return Future.succeededFuture();
        }
        return AuditLog.record(tx, actor.caller().audit(action, subjectType, subjectId, null,
                after));
    }

    Future<Void> requirePayer(String id, PayerKind kind, String field) {
        return queries.payer(id).map(found -> {
            PaymentQueries.Payer payer = found.orElseThrow(() -> PaymentError.UNKNOWN_PAYER
                    .error(field, "no payer with id '" + id + "' is registered"));
            if (payer.kind() != kind) {
                throw PaymentError.WRONG_PAYER_KIND.error(field,
                        "payer '" + id + "' is not of kind " + kind);
            }
            return null;
        });
    }

    /**
     * The payers' names by id, for timeline sentences that people read (the id stays in the
     * audit entry); an id not registered stands for itself.
     */
    Future<Function<String, String>> payerNames() {
        return queries.payers().map(list -> {
            Map<String, String> names = new HashMap<>();
            list.forEach(p -> names.put(p.id(), p.name()));
            return id -> names.getOrDefault(id, id);
        });
    }

    /** The one registered assistance fund, or empty when there is none or several. */
    Future<Optional<String>> soleFund() {
        return queries.payers().map(list -> {
            List<String> funds = list.stream()
                    .filter(p -> p.kind() == PayerKind.ASSISTANCE_FUND)
                    .map(PaymentQueries.Payer::id).toList();
            return funds.size() == 1 ? Optional.of(funds.get(0)) : Optional.empty();
        });
    }

    static DomainException unknownApplication(UUID id) {
        return PaymentError.UNKNOWN_APPLICATION.error("applicationId", "no application " + id);
    }

    /** ¥1,234.56 from fen, for timeline sentences. */
    static String yuan(Fen fen) {
        return String.format("¥%,d.%02d", fen.value() / 100, fen.value() % 100);
    }
}
