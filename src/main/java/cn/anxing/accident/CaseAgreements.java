package cn.anxing.accident;

import cn.anxing.accident.agreement.AgreementParty;
import cn.anxing.accident.agreement.AgreementPdf;
import cn.anxing.accident.agreement.AgreementSeal;
import cn.anxing.accident.agreement.SettlementAgreement;
import cn.anxing.accident.agreement.Signature;
import cn.anxing.accident.cases.AccidentError;
import cn.anxing.accident.cases.CaseAction;
import cn.anxing.accident.cases.CaseEvent;
import cn.anxing.accident.cases.CaseStateMachine;
import cn.anxing.accident.liability.ScenarioCatalogue;
import cn.anxing.accident.photo.PhotoInspector;
import cn.anxing.accident.photo.PhotoType;
import cn.anxing.accident.privacy.FieldCipher;
import cn.anxing.error.DomainException;
import cn.anxing.outbox.Outbox;
import cn.anxing.platform.WorkerPools;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * Signing and the agreement (签字与协议书): each party signs the settled liability; the last
 * signature seals the agreement and enqueues each insurer's notification in the same
 * transaction. Anyone holding a code can check the agreement is genuine and unchanged.
 */
public final class CaseAgreements {

    private static final int MAX_SIGNATURE_BYTES = 300 * 1024;

    /** A sealed agreement, rebuilt from the stored case, with its normalised code. */
    public record Sealed(SettlementAgreement agreement, String code) {
    }

    /**
     * What a code check found.
     *
     * @param reason  MALFORMED_CODE, UNKNOWN_CODE or CONTENT_CHANGED; null when genuine
     * @param summary null unless the code is known
     */
    public record Verification(boolean genuine, String reason, String verificationCode,
            AgreementRecord.Summary summary) {
    }

    private final CaseChanges cases;
    private final CaseReading reading;
    private final Outbox outbox;
    private final Runnable wakeOutbox;
    private final ScenarioCatalogue catalogue;
    private final FieldCipher cipher;
    private final AgreementSeal seal;
    private final Path pdfFont;
    private final WorkerPools workers;

    CaseAgreements(CaseChanges cases, CaseReading reading, Outbox outbox, Runnable wakeOutbox,
            ScenarioCatalogue catalogue, FieldCipher cipher, AgreementSeal seal, Path pdfFont,
            WorkerPools workers) {
        this.cases = cases;
        this.reading = reading;
        this.outbox = outbox;
        this.wakeOutbox = wakeOutbox;
        this.catalogue = catalogue;
        this.cipher = cipher;
        this.seal = seal;
        this.pdfFont = pdfFont;
        this.workers = workers;
    }

    /**
     * A party confirms the decision and signs. When the last party signs, the agreement is
     * sealed, the case becomes AGREED and each party's insurer is enqueued a notification.
     */
    public Future<CaseForParty> sign(UUID actor, UUID caseId, Integer expectedVersion,
            String signaturePngBase64) {
        byte[] png = signaturePng(signaturePngBase64);
        return cases.byParty(actor, caseId, expectedVersion, (tx, c, me, update) -> {
            if (!CaseAction.SIGN.openIn(c.state()) || !c.settled()) {
                throw new DomainException(CaseStateMachine.ILLEGAL_TRANSITION, "责任尚未认定，"
                        + "不能签字 / there is no settled liability to sign yet", null);
            }
            if (!c.flags().isEmpty()) {
                throw new DomainException(AccidentError.SETTLEMENT_HELD, "本案有风险提示，须由交警"
                        + "审核后处理，不能自行签署协议 / the case is flagged: the police review it"
                        + " before any agreement is sealed", null);
            }
            if (me.signed()) {
                throw new DomainException(AccidentError.ALREADY_SIGNED, "您已签字确认 / you have"
                        + " signed already", "signature");
            }
            Signature signature = new Signature(png, cases.now());
            AccidentRepository repository = cases.repository();
            Future<Void> saved = repository.setSignature(tx, caseId, me.id(), signature);
            boolean last = c.parties().stream()
                    .allMatch(p -> p.id().equals(me.id()) || p.signed());
            if (!last) {
                return saved;
            }
            List<CaseParty> signed = c.parties().stream().map(p -> p.id().equals(me.id())
                    ? p.withSignature(signature) : p).toList();
            SettlementAgreement agreement = agreementOf(c, signed);
            String code = AgreementSeal.normalise(seal.code(agreement));
            update.fire(CaseEvent.LIABILITY_SETTLED);
            update.afterCommit(wakeOutbox);
            return saved.compose(x -> repository.insertAgreement(tx, caseId, code,
                            summary(c, agreement, code)))
                    .compose(agreementId -> notifyInsurers(tx, c, agreement, agreementId, code));
        }).compose(x -> reading.view(actor, caseId));
    }

    private Future<Void> notifyInsurers(SqlConnection tx, AccidentCase c,
            SettlementAgreement agreement, UUID agreementId, String code) {
        Set<String> insurers = new LinkedHashSet<>();
        agreement.parties().forEach(p -> insurers.add(p.insurer()));
        Future<Void> all = Future.succeededFuture();
        for (String insurer : insurers) {
            var message = AgreementViews.insurerNotification(c, agreement, agreementId, code,
                    insurer);
            all = all.compose(x -> outbox.enqueue(tx, message).mapEmpty());
        }
        return all;
    }

    public Future<Sealed> agreement(UUID actor, UUID caseId) {
        // the agreement must exist before its parties are read: an unsigned case's licences
        // may not be stored yet, and decrypting nothing is a 500, not "not signed"
        return cases.ofParty(actor, caseId).compose(c -> cases.repository()
                .agreementOfCase(caseId).map(a -> {
                    String code = a.orElseThrow(() -> new DomainException(
                            AccidentError.AGREEMENT_NOT_SIGNED, "协议书尚未签署 / the"
                            + " agreement is not signed by every party yet", null))
                            .verificationCode();
                    return new Sealed(agreementOf(c, c.parties()), code);
                }));
    }

    /**
     * The agreement as a PDF; {@code verifyBaseUrl} is printed with the code appended, each
     * insurer by its name in {@code insurerNames} (by code).
     */
    public Future<byte[]> agreementPdf(UUID actor, UUID caseId, String verifyBaseUrl,
            java.util.Map<String, String> insurerNames) {
        return agreement(actor, caseId).compose(found -> workers.documents(() ->
                new AgreementPdf(pdfFont, verifyBaseUrl, insurerNames).render(found.agreement(),
                        catalogue,
                        AgreementSeal.printed(found.code()))));
    }

    /**
     * Whether a verification code belongs to a genuine agreement that is unchanged: the code is
     * looked up, the agreement rebuilt from the stored case and sealed again; any change to a
     * field since signing makes the seal differ.
     */
    public Future<Verification> verify(String typedCode) {
        String code = AgreementSeal.normalise(typedCode);
        if (code == null) {
            return Future.succeededFuture(new Verification(false, "MALFORMED_CODE", null, null));
        }
        AccidentRepository repository = cases.repository();
        return repository.agreementByCode(code).compose(found -> {
            if (found.isEmpty()) {
                return Future.succeededFuture(new Verification(false, "UNKNOWN_CODE", null,
                        null));
            }
            return repository.load(repository.pool(), found.get().caseId()).map(c -> {
                AccidentCase sealedCase = c.orElseThrow();
                boolean unchanged = seal.verify(agreementOf(sealedCase, sealedCase.parties()),
                        code);
                return new Verification(unchanged, unchanged ? null : "CONTENT_CHANGED",
                        AgreementSeal.printed(code), found.get().summary());
            });
        });
    }

    /** The insurers' delivery status of a case's agreement; empty before it is sealed. */
    public Future<List<Outbox.StoredMessage>> notifications(UUID actor, UUID caseId) {
        return cases.ofParty(actor, caseId)
                .compose(c -> cases.repository().agreementOfCase(caseId))
                .compose(agreement -> agreement.isEmpty() ? Future.succeededFuture(List.of())
                        : outbox.findByKeyPrefix("agreement:" + agreement.get().id() + ":"));
    }

    private SettlementAgreement agreementOf(AccidentCase c, List<CaseParty> parties) {
        CaseDecision decision = c.decision();
        List<AgreementParty> list = new ArrayList<>();
        for (CaseParty p : parties) {
            list.add(new AgreementParty(p.label(), p.name(),
                    cipher.decrypt(p.licenceEncrypted(), p.licenceContext()), p.phone(),
                    p.vehicleType(), p.plate(), p.insurerCode(), p.policyNo(),
                    p.collisionPart(), decision.grades().get(p.label()),
                    decision.scenarios().get(p.label()), p.signature()));
        }
        String place = c.road().name().isBlank()
                ? String.format(Locale.ROOT, "%.5f, %.5f", c.position().lat(),
                        c.position().lon())
                : c.road().name();
        return new SettlementAgreement(c.caseNo(), c.occurredAt(), place, c.position(),
                c.weather(), c.accidentForm(), decision.catalogueVersion(), list);
    }

    private static AgreementRecord.Summary summary(AccidentCase c, SettlementAgreement a,
            String code) {
        return new AgreementRecord.Summary(c.caseNo(), a.occurredAt(), a.place(),
                AgreementSeal.printed(code), a.parties().stream()
                        .map(p -> new AgreementRecord.SummaryParty(p.partyId(), p.plate().value(),
                                p.insurer(), p.liability())).toList());
    }

    private static byte[] signaturePng(String base64) {
        byte[] png;
        try {
            String data = Inputs.required(base64, "signature");
            png = Base64.getDecoder().decode(data.replaceFirst("^data:image/png;base64,", ""));
        } catch (IllegalArgumentException e) {
            throw new DomainException(AccidentError.SIGNATURE_INVALID, "签名须为 PNG 图片 / the"
                    + " signature must be a PNG image (base64)", "signature");
        }
        if (png.length == 0 || png.length > MAX_SIGNATURE_BYTES
                || PhotoInspector.detectType(png) != PhotoType.PNG) {
            throw new DomainException(AccidentError.SIGNATURE_INVALID, "签名须为 PNG 图片 / the"
                    + " signature must be a PNG image of at most " + MAX_SIGNATURE_BYTES / 1024
                    + " KB", "signature");
        }
        Signature.problemWith(png).ifPresent(problem -> {
            throw new DomainException(AccidentError.SIGNATURE_INVALID, problem, "signature");
        });
        return png;
    }
}
