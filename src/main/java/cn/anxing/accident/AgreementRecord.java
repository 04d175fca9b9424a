package cn.anxing.accident;

import cn.anxing.accident.liability.LiabilityGrade;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A sealed agreement as stored: its verification code and the summary shown to whoever checks
 * the code (no names, licences or phones in it).
 *
 * @param verificationCode normalised (no dashes)
 */
public record AgreementRecord(UUID id, UUID caseId, String verificationCode, Summary summary,
        Instant createdAt) {

    /** @param verificationCode as printed, with dashes */
    public record Summary(String caseNo, Instant occurredAt, String place,
            String verificationCode, List<SummaryParty> parties) {

        public Summary {
            parties = List.copyOf(parties);
        }
    }

    public record SummaryParty(String label, String plate, String insurer,
            LiabilityGrade liability) {
    }
}
