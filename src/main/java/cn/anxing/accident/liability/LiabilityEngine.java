package cn.anxing.accident.liability;

import cn.anxing.accident.cases.AccidentError;
import cn.anxing.error.DomainException;
import cn.anxing.accident.liability.LiabilityDecision.AppliedScenario;
import cn.anxing.accident.liability.LiabilityDecision.Outcome;
import cn.anxing.accident.liability.LiabilityDecision.Reason;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Settles liability from the parties' statements by the quick-handling rule: when the
 * statements agree, the one party whose situation is on the list bears full liability and the
 * others none; if every party's is on the list, liability is equal; anything else (no one at
 * fault, some but not all at fault, contradicting statements, a party who declines, a fault the
 * list does not name) goes to the police, who alone can give main or secondary liability.
 */
public final class LiabilityEngine {

    private LiabilityEngine() {
    }

    public static LiabilityDecision decide(ScenarioCatalogue catalogue,
                                           List<PartyStatement> statements) {
        List<String> parties = partiesOf(statements);
        validate(catalogue, statements, parties);
        String version = catalogue.version();

        List<String> declined = statements.stream().filter(PartyStatement::declined)
                .map(PartyStatement::author).toList();
        if (!declined.isEmpty()) {
            return police(PoliceReviewReason.PARTY_DECLINED, version, declined.stream()
                    .map(p -> new Reason("当事人" + p + "不同意自行协商，申请交警处理",
                            "Party " + p + " declined to settle online and asked for the police"))
                    .toList());
        }

        Map<String, Assessment> agreed = new LinkedHashMap<>();
        List<Reason> disagreements = new ArrayList<>();
        for (String party : parties) {
            Set<Assessment> versions = statements.stream()
                    .map(s -> s.assessments().get(party)).collect(Collectors.toSet());
            if (versions.size() > 1) {
                disagreements.add(new Reason("各方对当事人" + party + "的行为陈述不一致",
                        "The statements disagree on what party " + party + " did"));
            } else {
                agreed.put(party, versions.iterator().next());
            }
        }
        if (!disagreements.isEmpty()) {
            return police(PoliceReviewReason.STATEMENTS_DISAGREE, version, disagreements);
        }

        List<String> unlisted = parties.stream()
                .filter(p -> agreed.get(p).kind() == Assessment.Kind.UNLISTED_FAULT).toList();
        if (!unlisted.isEmpty()) {
            return police(PoliceReviewReason.UNKNOWN_SCENARIO, version, unlisted.stream()
                    .map(p -> new Reason("当事人" + p + "的过错不属于快处清单所列情形",
                            "Party " + p + "'s fault is not a situation on the quick-handling list"))
                    .toList());
        }

        List<String> atFault = parties.stream().filter(p -> agreed.get(p).atFault()).toList();
        if (atFault.isEmpty()) {
            return police(PoliceReviewReason.NO_ONE_AT_FAULT, version, List.of(new Reason(
                    "各方均称无快处清单所列过错，需由交警认定责任",
                    "No party is said to have done anything on the list; the police must decide")));
        }
        if (atFault.size() != 1 && atFault.size() != parties.size()) {
            return police(PoliceReviewReason.MIXED_FAULT, version, List.of(new Reason(
                    "当事人" + String.join("、", atFault) + "有过错而其他当事人无过错，需由交警划分责任",
                    "Parties " + String.join(", ", atFault)
                            + " are at fault and the others are not; the police must grade this")));
        }

        LiabilityGrade faultGrade = atFault.size() == 1 ? LiabilityGrade.FULL : LiabilityGrade.EQUAL;
        Map<String, LiabilityGrade> grades = new LinkedHashMap<>();
        List<Reason> reasons = new ArrayList<>();
        List<AppliedScenario> applied = new ArrayList<>();
        for (String party : parties) {
            Assessment a = agreed.get(party);
            if (a.atFault()) {
                Scenario s = catalogue.require(a.scenarioCode(), "scenarioCode");
                grades.put(party, faultGrade);
                applied.add(new AppliedScenario(party, s));
                reasons.add(new Reason(
                        "当事人" + party + "：" + s.nameZh() + "，负" + faultGrade.zh() + "（依据："
                                + s.legalBasis().stream().map(LegalBasis::zh)
                                .collect(Collectors.joining("；")) + "）",
                        "Party " + party + ": " + s.nameEn() + "; " + faultGrade.en()
                                + " liability (" + s.legalBasis().stream().map(LegalBasis::en)
                                .collect(Collectors.joining("; ")) + ")"));
            } else {
                grades.put(party, LiabilityGrade.NONE);
                reasons.add(new Reason("当事人" + party + "：无快处清单所列过错，无责任",
                        "Party " + party + ": nothing on the list; no liability"));
            }
        }
        return new LiabilityDecision(Outcome.SETTLED, grades, null, reasons, applied, version);
    }

    private static LiabilityDecision police(PoliceReviewReason reason, String version,
                                            List<Reason> details) {
        List<Reason> reasons = new ArrayList<>();
        reasons.add(new Reason(reason.zh(), reason.en()));
        reasons.addAll(details);
        return new LiabilityDecision(Outcome.POLICE_REVIEW, Map.of(), reason, reasons, List.of(),
                version);
    }

    private static List<String> partiesOf(List<PartyStatement> statements) {
        if (statements == null || statements.size() < 2) {
            throw new DomainException(AccidentError.TOO_FEW_PARTIES,
                    "liability needs the statements of at least two parties", "statements");
        }
        Set<String> parties = new LinkedHashSet<>();
        for (int i = 0; i < statements.size(); i++) {
            String author = statements.get(i).author();
            if (author == null || author.isBlank()) {
                throw new DomainException(AccidentError.STATEMENT_INVALID, "a statement has no author",
                        "statements[" + i + "].author");
            }
            if (!parties.add(author)) {
                throw new DomainException(AccidentError.STATEMENT_INVALID,
                        "party " + author + " made more than one statement",
                        "statements[" + i + "].author");
            }
        }
        return List.copyOf(parties);
    }

    private static void validate(ScenarioCatalogue catalogue, List<PartyStatement> statements,
                                 List<String> parties) {
        for (int i = 0; i < statements.size(); i++) {
            PartyStatement s = statements.get(i);
            if (s.declined()) {
                continue;
            }
            String at = "statements[" + i + "].assessments.";
            for (String party : parties) {
                Assessment a = s.assessments().get(party);
                if (a == null) {
                    throw new DomainException(AccidentError.STATEMENT_INCOMPLETE, "party " + s.author()
                            + " did not say what party " + party + " did", at + party);
                }
                if (a.kind() == Assessment.Kind.SCENARIO) {
                    catalogue.require(a.scenarioCode(), at + party);
                }
            }
            Set<String> strangers = new HashSet<>(s.assessments().keySet());
            parties.forEach(strangers::remove);
            if (!strangers.isEmpty()) {
                String stranger = strangers.iterator().next();
                throw new DomainException(AccidentError.STATEMENT_INVALID, "party " + s.author()
                        + " assessed " + stranger + ", who is not a party of this case",
                        at + stranger);
            }
        }
    }
}
