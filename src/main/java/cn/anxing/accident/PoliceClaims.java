package cn.anxing.accident;

import cn.anxing.accident.cases.AccidentError;
import cn.anxing.accident.cases.CaseState;
import cn.anxing.accident.cases.CaseTransition;
import cn.anxing.accident.police.SendBack;
import cn.anxing.error.CommonError;
import cn.anxing.error.DomainException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Claims as leases (领取) and a case in full for the officer: opening a case takes a free claim
 * (as picking up its file would), the open page renews it, leaving releases it, a supervisor
 * takes it over; every view of a case or a photo and every change of hands is audited in the
 * transaction of the action itself. The other desk classes ask {@link #requireClaim} before
 * they act.
 */
public final class PoliceClaims {

    /** A case as the police see it. */
    public record CaseForPolice(AccidentCase accidentCase, List<CaseTransition> transitions,
            PoliceDeskRepository.Claim claim, UUID viewer, SendBack sendBack,
            PoliceDeskRepository.StoredDetermination determination, Instant reviewRequestedAt) {
    }

    private final CaseChanges cases;
    private final PoliceDeskRepository desk;
    private final Duration lease;

    PoliceClaims(CaseChanges cases, PoliceDeskRepository desk, Duration lease) {
        this.cases = cases;
        this.desk = desk;
        this.lease = lease;
    }

    public Duration lease() {
        return lease;
    }

    /** The case in full; a free claim is taken for the viewer, and the view is audited. */
    public Future<CaseForPolice> view(UUID officer, UUID caseId) {
        Instant now = cases.now();
        return cases.any(caseId).compose(c -> desk.pool().withTransaction(tx ->
                desk.officer(tx, officer).compose(me -> desk.holder(tx, caseId, now)
                        .compose(held -> {
                            Future<Void> taken = Future.succeededFuture();
                            if (held.isEmpty() && c.state() != CaseState.CLOSED) {
                                taken = desk.take(tx, caseId, me, now, now.plus(lease), false)
                                        .compose(t -> t.isPresent() ? desk.audit(tx, me, "CLAIM",
                                                caseId, "打开案件时领取", null,
                                                claimJson(t.get()), now)
                                                : Future.succeededFuture());
                            }
                            return taken.compose(x -> desk.audit(tx, me, "VIEW_CASE", caseId, "",
                                    null, null, now));
                        }))))
                .compose(x -> read(officer, caseId));
    }

    /** The case without side effects (after a change). */
    Future<CaseForPolice> read(UUID officer, UUID caseId) {
        Instant now = cases.now();
        return cases.any(caseId).compose(c -> {
            Future<List<CaseTransition>> transitions = cases.repository().transitions(caseId);
            var claim = desk.holder(desk.pool(), caseId, now);
            var sendBack = desk.sendBack(desk.pool(), caseId);
            var determination = desk.currentDetermination(desk.pool(), caseId);
            var review = desk.reviewMark(desk.pool(), caseId);
            return Future.all(transitions, claim, sendBack, determination, review)
                    .map(x -> new CaseForPolice(c, transitions.result(),
                            claim.result().orElse(null), officer,
                            sendBack.result().orElse(null), determination.result().orElse(null),
                            review.result().map(Map.Entry::getKey).orElse(null)));
        });
    }

    /** Takes or renews the claim; 409 CLAIM_HELD naming the holder when another has it. */
    public Future<CaseForPolice> claim(UUID officer, UUID caseId) {
        return takeClaim(officer, caseId, false, false).compose(x -> read(officer, caseId));
    }

    /**
     * A supervisor takes the claim from whoever holds it, audited with both: an admin from
     * anyone ({@code anyUnit}), a police supervisor from an officer of their own unit only
     * (403 otherwise).
     */
    public Future<CaseForPolice> takeOver(UUID officer, UUID caseId, boolean anyUnit) {
        return takeClaim(officer, caseId, true, anyUnit).compose(x -> read(officer, caseId));
    }

    private Future<Void> takeClaim(UUID officer, UUID caseId, boolean takeOver,
            boolean anyUnit) {
        Instant now = cases.now();
        return cases.any(caseId).compose(c -> desk.pool().withTransaction(tx ->
                desk.officer(tx, officer).compose(me -> desk.holder(tx, caseId, now)
                        .compose(before -> (takeOver && !anyUnit && before.isPresent()
                                ? requireSameUnit(tx, me, before.get())
                                : Future.<Void>succeededFuture())
                                .map(before))
                        .compose(before -> desk.take(tx, caseId, me, now, now.plus(lease),
                                        takeOver)
                                .compose(taken -> {
                                    if (taken.isEmpty()) {
                                        return desk.holder(tx, caseId, now).map(h -> {
                                            throw held(h.orElse(null));
                                        });
                                    }
                                    boolean renewal = before.isPresent()
                                            && before.get().officerId().equals(officer);
                                    if (renewal) {
                                        return Future.<Void>succeededFuture();
                                    }
                                    return desk.audit(tx, me, takeOver && before.isPresent()
                                                    ? "TAKE_OVER" : "CLAIM", caseId,
                                            before.map(b -> "接管自 " + b.officerName())
                                                    .orElse(""),
                                            before.map(PoliceClaims::claimJson).orElse(null),
                                            claimJson(taken.get()), now);
                                })))).mapEmpty());
    }

    /** A supervisor takes over only from an officer of the unit they supervise. */
    private Future<Void> requireSameUnit(SqlClient tx, PoliceDeskRepository.Officer me,
            PoliceDeskRepository.Claim held) {
        return desk.officer(tx, held.officerId()).map(holder -> {
            if (me.unitId() == null || !me.unitId().equals(holder.unitId())) {
                throw new DomainException(CommonError.FORBIDDEN, "只能接管本单位警官领取的案件 /"
                        + " a supervisor takes over only from an officer of their own unit; "
                        + held.officerName() + " is of " + holder.unit(), "claim");
            }
            return null;
        });
    }

    /** Gives the claim up (leaving the case page); nothing when the officer holds none. */
    public Future<Void> release(UUID officer, UUID caseId) {
        Instant now = cases.now();
        return desk.pool().withTransaction(tx -> desk.officer(tx, officer).compose(me ->
                desk.holder(tx, caseId, now).compose(before -> desk.release(tx, caseId, officer)
                        .compose(released -> released && before.isPresent()
                                ? desk.audit(tx, me, "RELEASE", caseId, "",
                                        claimJson(before.get()), null, now)
                                : Future.succeededFuture()))));
    }

    /** Within the change's transaction: the officer must hold a live claim on the case. */
    Future<PoliceDeskRepository.Officer> requireClaim(SqlClient tx, UUID officer, UUID caseId) {
        Instant now = cases.now();
        return desk.officer(tx, officer).compose(me -> desk.holder(tx, caseId, now).map(h -> {
            if (h.isEmpty()) {
                throw new DomainException(AccidentError.CLAIM_REQUIRED, "请先领取此案件 / claim"
                        + " the case before acting on it", "claim");
            }
            if (!h.get().officerId().equals(officer)) {
                throw held(h.get());
            }
            return me;
        }));
    }

    private static DomainException held(PoliceDeskRepository.Claim h) {
        String name = h == null ? "另一位警官" : h.officerName();
        return new DomainException(AccidentError.CLAIM_HELD, "此案件正由 " + name + " 处理 / the"
                + " case is held by " + name + (h == null ? "" : " until " + h.expiresAt()),
                "claim");
    }

    private static JsonObject claimJson(PoliceDeskRepository.Claim c) {
        return new JsonObject().put("officerId", c.officerId().toString())
                .put("officerName", c.officerName()).put("expiresAt", c.expiresAt().toString());
    }

    /** A photo for the officer; the view is audited. */
    public Future<CaseEvidence.PhotoFile> photo(UUID officer, UUID caseId, UUID photoId,
            CaseEvidence evidence) {
        Instant now = cases.now();
        return evidence.photo(officer, true, caseId, photoId).compose(file -> desk.pool()
                .withTransaction(tx -> desk.officer(tx, officer).compose(me -> desk.audit(tx, me,
                        "VIEW_PHOTO", caseId, "", null,
                        new JsonObject().put("photoId", photoId.toString()), now)))
                .map(file));
    }

    public Future<List<PoliceDeskRepository.AuditRow>> auditOfCase(UUID caseId) {
        return desk.auditOfCase(caseId);
    }

    public Future<List<PoliceDeskRepository.AuditRow>> auditOfOfficer(UUID officer) {
        return desk.auditOfOfficer(officer);
    }
}
