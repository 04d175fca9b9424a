package cn.anxing.payment.rules;

import java.util.Optional;
import java.util.UUID;

/**
 * The result of a payment instruction: what was decided, the ledger posting if anything was
 * paid, and whether this answer is the replay of an earlier request with the same key.
 */
public record AdvanceOutcome(
        UUID instructionId, AdvanceDecision decision, Optional<UUID> postingId, boolean replayed) {
}
