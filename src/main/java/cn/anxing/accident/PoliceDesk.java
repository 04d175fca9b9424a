package cn.anxing.accident;

/**
 * The traffic police's desk (交警工作台), one class per responsibility: the queue and its
 * statistics, claims and the case in full, decisions with the determination document, sending
 * back, and the parties' review requests. Every change goes through {@code CaseChanges}; every
 * officer action writes its {@code audit_log} row in the transaction of the action itself.
 */
public record PoliceDesk(PoliceQueue queue, PoliceClaims claims, PoliceDecisions decisions,
        PoliceSendBack sendBack, ReviewRequests reviews) {
}
