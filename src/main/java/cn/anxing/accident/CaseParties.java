package cn.anxing.accident;

import cn.anxing.accident.cases.AccidentError;
import cn.anxing.accident.cases.CaseAction;
import cn.anxing.accident.cases.CaseEvent;
import cn.anxing.accident.cases.CaseState;
import cn.anxing.accident.cases.CaseStateMachine;
import cn.anxing.accident.cases.PlateNumber;
import cn.anxing.accident.liability.Assessment;
import cn.anxing.accident.liability.LiabilityDecision;
import cn.anxing.accident.liability.LiabilityEngine;
import cn.anxing.accident.liability.PartyStatement;
import cn.anxing.accident.liability.ScenarioCatalogue;
import cn.anxing.accident.police.SendBack;
import cn.anxing.accident.privacy.FieldCipher;
import cn.anxing.accident.privacy.Masking;
import cn.anxing.error.CommonError;
import cn.anxing.error.DomainException;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Parties and statements (当事人与陈述): each party's own details, what each says happened (the
 * liability engine decides once all have), and a party asking for the police.
 */
public final class CaseParties {

    /** A party's own details as typed. */
    public record PartyRequest(String name, String plate, String vehicleType, String licenceNo,
            String insurerCode, String policyNo, String collisionPart) {
    }

    private final CaseChanges cases;
    private final CaseReading reading;
    private final InsurerRepository insurers;
    private final ScenarioCatalogue catalogue;
    private final FieldCipher cipher;
    private final Supplements supplements;

    CaseParties(CaseChanges cases, CaseReading reading, InsurerRepository insurers,
            ScenarioCatalogue catalogue, FieldCipher cipher, Supplements supplements) {
        this.supplements = supplements;
        this.cases = cases;
        this.reading = reading;
        this.insurers = insurers;
        this.catalogue = catalogue;
        this.cipher = cipher;
    }

    /** Every insurer, the inactive ones included (the view shows the active ones). */
    public Future<List<InsurerRepository.Insurer>> insurers() {
        return insurers.insurers();
    }

    public Future<CaseForParty> updateParty(UUID actor, UUID caseId, Integer expectedVersion,
            PartyRequest request) {
        return cases.byParty(actor, caseId, expectedVersion, (tx, c, me, update) -> {
            if (!CaseAction.EDIT_PARTY.openIn(c.state())) {
                throw new DomainException(CaseStateMachine.ILLEGAL_TRANSITION, "当事人信息已锁定 /"
                        + " party details are fixed once liability is being settled", null);
            }
            PlateNumber plate = PlateNumber.parse(request.plate(), "plate");
            if (!c.plates().contains(plate)) {
                throw new DomainException(AccidentError.PLATE_NOT_IN_CASE, "号牌 " + plate.value()
                        + " 不在本事故的车辆中 / this plate is not one of the case's vehicles: "
                        + c.plates().stream().map(PlateNumber::value).toList(), "plate");
            }
            boolean taken = c.parties().stream().anyMatch(p -> !p.id().equals(me.id())
                    && plate.equals(p.plate()));
            if (taken) {
                throw new DomainException(AccidentError.PLATE_TAKEN, "另一位当事人已登记该号牌 /"
                        + " another party has registered this plate", "plate");
            }
            String licence = Inputs.required(request.licenceNo(), "licenceNo").toUpperCase();
            if (!licence.matches("[0-9A-Z]{12,18}")) {
                throw new DomainException(AccidentError.LICENCE_INVALID, "驾驶证号为 12 到 18 位"
                        + "数字或字母 / a licence number has 12 to 18 digits or letters",
                        "licenceNo");
            }
            String insurer = Inputs.required(request.insurerCode(), "insurerCode");
            String policy = Inputs.required(request.policyNo(), "policyNo");
            // a policy number is letters and digits (some insurers add - or /), nothing a page
            // or a query could take for markup or syntax
            if (!policy.matches("[0-9A-Za-z][0-9A-Za-z/_-]{0,39}")) {
                throw new DomainException(CommonError.VALIDATION_FAILED, "保单号只能含字母和数字 /"
                        + " a policy number is up to 40 letters, digits, - or /", "policyNo");
            }
            var details = new CaseParty.Details(Inputs.required(request.name(), "name"), plate,
                    Inputs.required(request.vehicleType(), "vehicleType"),
                    cipher.encrypt(licence, me.licenceContext()), Masking.licenceOrId(licence),
                    insurer, policy,
                    Inputs.required(request.collisionPart(), "collisionPart"));
            List<CaseParty> after = new ArrayList<>(c.parties());
            after.replaceAll(p -> p.id().equals(me.id()) ? p.withDetails(details) : p);
            if (c.state() == CaseState.PARTIES
                    && AccidentCase.allPartiesReady(after, c.plates().size())) {
                update.fire(CaseEvent.ALL_PARTIES_JOINED);
            }
            return insurers.insurers(tx).compose(known -> {
                if (known.stream().noneMatch(i -> i.code().equals(insurer) && i.active())) {
                    throw new DomainException(AccidentError.INSURER_UNKNOWN, "保险公司代码不存在 /"
                            + " no insurer has the code " + insurer, "insurerCode");
                }
                return supplements.answer(tx, c, update, SendBack.Kind.FIELD, null, me.label())
                        .compose(x -> cases.repository().updateParty(tx, caseId, me.id(),
                                details));
            });
        }).compose(x -> reading.view(actor, caseId));
    }

    /**
     * A party's statement (陈述): for every party, a catalogue scenario, NOT_AT_FAULT or
     * UNLISTED_FAULT; or {@code declined}. When every party has stated, the engine decides.
     */
    public Future<CaseForParty> makeStatement(UUID actor, UUID caseId, Integer expectedVersion,
            boolean declined, Map<String, String> assessments, String account) {
        return cases.byParty(actor, caseId, expectedVersion, (tx, c, me, update) -> {
            if (!CaseAction.STATEMENT.openIn(c.state())) {
                throw new DomainException(CaseStateMachine.ILLEGAL_TRANSITION, "现在不能陈述 /"
                        + " statements are made in the liability step; the case is "
                        + c.state(), null);
            }
            if (c.state() == CaseState.SUPPLEMENT) {
                // asked to say it again: stored for the officer, and weighed again, so that
                // a liability the engine had settled is not shown as settled when the
                // statements now disagree; the case stays with the police either way
                PartyStatement again = declined ? PartyStatement.declining(me.label())
                        : PartyStatement.of(me.label(), checkedAssessments(c, assessments));
                List<PartyStatement> all = statementsWith(c, me, again);
                CaseDecision reweighed = all.size() == c.parties().size()
                        ? CaseDecision.of(LiabilityEngine.decide(catalogue, all))
                        : declined ? CaseDecision.declinedBy(me.label(), catalogue.version())
                        : c.decision();
                AccidentRepository repository = cases.repository();
                return supplements.answer(tx, c, update, SendBack.Kind.STATEMENT, me.label(),
                        me.label()).compose(x -> repository.setStatement(tx, caseId,
                        me.id(), again, cases.now()))
                        .compose(x -> reweighed == null ? Future.<Void>succeededFuture()
                                : repository.setDecision(tx, caseId, reweighed));
            }
            if (me.stated()) {
                throw new DomainException(AccidentError.ALREADY_STATED, "您已陈述过 / you have made"
                        + " your statement already", null);
            }
            PartyStatement statement = declined ? PartyStatement.declining(me.label(), account)
                    : PartyStatement.of(me.label(), checkedAssessments(c, assessments));
            List<PartyStatement> statements = statementsWith(c, me, statement);
            AccidentRepository repository = cases.repository();
            Future<Void> saved = repository.setStatement(tx, caseId, me.id(), statement,
                    cases.now());
            if (declined) {
                update.fire(CaseEvent.LIABILITY_DISPUTED);
                return saved.compose(x -> repository.setDecision(tx, caseId,
                        CaseDecision.declinedBy(me.label(), catalogue.version())));
            }
            if (statements.size() < c.parties().size()) {
                return saved;
            }
            LiabilityDecision decision = LiabilityEngine.decide(catalogue, statements);
            if (!decision.settled()) {
                update.fire(CaseEvent.LIABILITY_DISPUTED);
            } else if (!c.flags().isEmpty()) {
                // a fraud or evidence flag: the police look before the agreement is sealed
                update.fire(CaseEvent.LIABILITY_DISPUTED);
            }
            return saved.compose(x -> repository.setDecision(tx, caseId,
                    CaseDecision.of(decision)));
        }).compose(x -> reading.view(actor, caseId));
    }

    /** The parties' statements so far, {@code mine} in place of my earlier one. */
    private static List<PartyStatement> statementsWith(AccidentCase c, CaseParty me,
            PartyStatement mine) {
        List<PartyStatement> statements = new ArrayList<>();
        for (CaseParty p : c.parties()) {
            PartyStatement s = p.id().equals(me.id()) ? mine : p.statement();
            if (s != null) {
                statements.add(s);
            }
        }
        return statements;
    }

    private Map<String, Assessment> checkedAssessments(AccidentCase c,
            Map<String, String> assessments) {
        Map<String, Assessment> checked = new LinkedHashMap<>();
        for (CaseParty p : c.parties()) {
            String value = assessments.get(p.label());
            if (value == null || value.isBlank()) {
                throw new DomainException(AccidentError.STATEMENT_INCOMPLETE, "请说明当事人"
                        + p.label() + "的情形 / say what party " + p.label() + " did",
                        "assessments." + p.label());
            }
            if (value.equals(Assessment.Kind.NOT_AT_FAULT.name())) {
                checked.put(p.label(), Assessment.notAtFault());
            } else if (value.equals(Assessment.Kind.UNLISTED_FAULT.name())) {
                checked.put(p.label(), Assessment.unlistedFault());
            } else {
                catalogue.require(value, "assessments." + p.label());
                checked.put(p.label(), Assessment.scenario(value));
            }
        }
        for (String label : assessments.keySet()) {
            if (c.parties().stream().noneMatch(p -> p.label().equals(label))) {
                throw new DomainException(AccidentError.STATEMENT_INVALID, "当事人" + label
                        + "不在本案中 / party " + label + " is not a party of this case",
                        "assessments." + label);
            }
        }
        return checked;
    }

    /** A party asks for the police before liability is settled (申请交警处理). */
    public Future<CaseForParty> requestPolice(UUID actor, UUID caseId, Integer expectedVersion) {
        return cases.byParty(actor, caseId, expectedVersion, (tx, c, me, update) -> {
            update.fire(CaseEvent.POLICE_REQUESTED);
            return Future.<Void>succeededFuture();
        }).compose(x -> reading.view(actor, caseId));
    }
}
