package cn.anxing.payment.rules;

import java.time.Instant;
import java.util.Objects;

/** What a bill is checked against: the application it claims to belong to. */
public record AdvanceApplication(
        String applicationId, String caseId, String injuredPersonId, String hospitalId,
        Instant accidentAt, ApplicationState state) {

    public AdvanceApplication {
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(injuredPersonId, "injuredPersonId");
        Objects.requireNonNull(hospitalId, "hospitalId");
        Objects.requireNonNull(accidentAt, "accidentAt");
        Objects.requireNonNull(state, "state");
    }
}
