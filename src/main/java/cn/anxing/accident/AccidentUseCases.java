package cn.anxing.accident;

/** The accident feature's use cases, one class per step of a case, as the routes call them. */
public record AccidentUseCases(ReportCases reports, CaseReading reading, CaseEvidence evidence,
        CaseParties parties, CaseAgreements agreements, PoliceDesk police) {
}
