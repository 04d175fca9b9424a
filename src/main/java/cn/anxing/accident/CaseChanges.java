package cn.anxing.accident;

import cn.anxing.accident.cases.AccidentError;
import cn.anxing.accident.cases.CaseTransition;
import cn.anxing.error.DomainException;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way a case changes: load it, check the version the page acted on, apply the change,
 * bump the version and record the transitions, all in one transaction. Two phones acting at once
 * cannot both succeed on the same version: the loser gets VERSION_CONFLICT (409).
 */
final class CaseChanges {

    private static final Logger LOG = LoggerFactory.getLogger(CaseChanges.class);

    /** One change to one case: runs in the transaction, may fire state events. */
    interface Change {
        Future<Void> apply(SqlConnection tx, AccidentCase c, CaseParty me, CaseUpdate update);
    }

    private final AccidentRepository repository;
    private final Clock clock;

    CaseChanges(AccidentRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    AccidentRepository repository() {
        return repository;
    }

    /** PostgreSQL keeps microseconds; the seal covers times, so they must survive storage. */
    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** The case, if {@code actor} is one of its parties; otherwise CASE_NOT_FOUND. */
    Future<AccidentCase> ofParty(UUID actor, UUID caseId) {
        return ofParty(repository.pool(), actor, caseId);
    }

    Future<AccidentCase> ofParty(SqlClient client, UUID actor, UUID caseId) {
        return repository.load(client, caseId).map(found -> found
                .filter(c -> c.partyOf(actor).isPresent()).orElseThrow(CaseChanges::notFound));
    }

    /** Any case, as the police see it. */
    Future<AccidentCase> any(UUID caseId) {
        return repository.load(repository.pool(), caseId)
                .map(found -> found.orElseThrow(CaseChanges::notFound));
    }

    /** A party's change; {@code me} is that party. */
    Future<Void> byParty(UUID actor, UUID caseId, Integer expectedVersion, Change change) {
        return run(actor, false, caseId, expectedVersion, change);
    }

    /** An officer's change; {@code me} is null. */
    Future<Void> byPolice(UUID officer, UUID caseId, Integer expectedVersion, Change change) {
        return run(officer, true, caseId, expectedVersion, change);
    }

    private Future<Void> run(UUID actor, boolean police, UUID caseId, Integer expectedVersion,
            Change change) {
        List<Runnable> afterCommit = new ArrayList<>();
        return repository.pool().withTransaction(tx -> repository.load(tx, caseId)
                .compose(found -> {
                    AccidentCase c = found.filter(x -> police || x.partyOf(actor).isPresent())
                            .orElseThrow(CaseChanges::notFound);
                    if (expectedVersion != null && expectedVersion != c.version()) {
                        throw versionConflict(c.version());
                    }
                    String who = (police ? "police:" : "party:") + actor;
                    CaseUpdate update = new CaseUpdate(who, c.state(), now());
                    CaseParty me = police ? null : c.partyOf(actor).orElseThrow();
                    return change.apply(tx, c, me, update)
                            .compose(x -> repository.bump(tx, caseId, c.version(),
                                    update.state()))
                            .compose(fresh -> {
                                requireFresh(fresh);
                                Future<Void> recorded = Future.succeededFuture();
                                for (CaseTransition t : update.transitions()) {
                                    recorded = recorded.compose(y ->
                                            repository.recordTransition(tx, caseId, t));
                                    LOG.info("case {} {} -> {} by {}", caseId, t.event(), t.to(),
                                            t.actor());
                                }
                                afterCommit.addAll(update.afterCommitActions());
                                return recorded;
                            });
                })).onSuccess(x -> afterCommit.forEach(Runnable::run));
    }

    /** The bump found the version moved: another writer committed first. */
    static void requireFresh(boolean fresh) {
        if (!fresh) {
            throw versionConflict(null);
        }
    }

    private static DomainException versionConflict(Integer current) {
        return new DomainException(AccidentError.VERSION_CONFLICT, "事故信息已被另一部手机更新，请刷新后重试 /"
                + " the case was changed by another phone; reload and try again"
                + (current == null ? "" : " (current version " + current + ")"), "version");
    }

    static DomainException notFound() {
        return new DomainException(AccidentError.CASE_NOT_FOUND, "找不到这起事故 / no such case"
                + " among yours", null);
    }
}
