package cn.anxing.audit;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Writes staff actions to {@code audit_log} (V70), which the database keeps append-only. The
 * caller passes its own transaction's connection, so the action and its entry commit or roll
 * back together: an action refused or failed leaves no entry, and no entry exists without its
 * action.
 */
public final class AuditLog {

    private static final String INSERT = """
            INSERT INTO audit_log (actor_id, actor_role, organisation_id, action, subject_type,
                subject_id, before, after, request_id)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)""";

    private AuditLog() {
    }

    /**
     * One staff action.
     *
     * @param actorId        the signed-in account; null for the system itself
     * @param actorRole      the role it acted in, lower case as on the wire ({@code insurer})
     * @param organisationId the organisation it acted for; null for the system
     * @param action         what was done, dotted lower case ({@code payment.pay},
     *                       {@code account.disable})
     * @param subjectType    the kind of thing acted on ({@code bill}, {@code account})
     * @param subjectId      its id as text
     * @param before         the fields that changed, as they were; null for a creation
     * @param after          the same fields afterwards; null for a removal
     * @param requestId      the request's {@code X-Request-Id}, to find it in the logs
     */
    public record AuditEntry(UUID actorId, String actorRole, UUID organisationId, String action,
            String subjectType, String subjectId, Map<String, ?> before, Map<String, ?> after,
            String requestId) {

        public AuditEntry {
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(subjectType, "subjectType");
            Objects.requireNonNull(subjectId, "subjectId");
        }
    }

    /** Appends {@code e} inside the caller's transaction {@code tx}. */
    public static Future<Void> record(SqlClient tx, AuditEntry e) {
        return tx.preparedQuery(INSERT).execute(Tuple.from(new Object[] {e.actorId(),
                e.actorRole(), e.organisationId(), e.action(), e.subjectType(), e.subjectId(),
                json(e.before()), json(e.after()), e.requestId()})).mapEmpty();
    }

    @SuppressWarnings("unchecked")
    private static JsonObject json(Map<String, ?> fields) {
        return fields == null ? null : new JsonObject((Map<String, Object>) fields);
    }
}
