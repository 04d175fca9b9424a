package cn.anxing.payment.rules;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * An instruction to one payer to advance rescue costs to a hospital for one injured person, as
 * the service hands it to the ledger store's {@code recordAdvance}: the limit is already worked
 * out from the schedule and the vehicle's liability, the amount already checked.
 */
public record AdvanceCommand(
        IdempotencyKey key,
        RequestFingerprint fingerprint,
        UUID applicationId,
        Optional<UUID> billId,
        String caseId,
        String injuredPersonId,
        String hospitalId,
        String payerId,
        PayerKind payerKind,
        LiabilityState liability,
        PayerLimit limit,
        Fen requested,
        Instant at) {

    public AdvanceCommand {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(billId, "billId");
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(injuredPersonId, "injuredPersonId");
        Objects.requireNonNull(hospitalId, "hospitalId");
        Objects.requireNonNull(payerId, "payerId");
        Objects.requireNonNull(payerKind, "payerKind");
        Objects.requireNonNull(liability, "liability");
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(requested, "requested");
        Objects.requireNonNull(at, "at");
        if (!requested.isPositive()) {
            throw PaymentError.AMOUNT_ZERO.error("amountFen",
                    "an advance must be for more than 0 fen");
        }
    }
}
