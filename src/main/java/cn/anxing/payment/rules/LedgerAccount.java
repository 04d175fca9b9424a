package cn.anxing.payment.rules;

import java.util.Objects;
import java.util.regex.Pattern;

/** One account of the ledger (账户): a type and the payer or hospital that owns it. */
public record LedgerAccount(AccountType type, String ownerId) {

    private static final Pattern OWNER_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public LedgerAccount {
        Objects.requireNonNull(type, "type");
        if (ownerId == null || !OWNER_ID.matcher(ownerId).matches()) {
            throw new IllegalArgumentException("an account owner id is 1-64 of [A-Za-z0-9_-]: "
                    + ownerId);
        }
    }

    public static LedgerAccount payerAdvances(String payerId) {
        return new LedgerAccount(AccountType.PAYER_ADVANCES, payerId);
    }

    public static LedgerAccount payerSettlement(String payerId) {
        return new LedgerAccount(AccountType.PAYER_SETTLEMENT, payerId);
    }

    public static LedgerAccount hospitalReceivable(String hospitalId) {
        return new LedgerAccount(AccountType.HOSPITAL_RECEIVABLE, hospitalId);
    }

    /** The stable key stored in the database, such as {@code hospital:jx-pinghu-1:receivable}. */
    public String key() {
        return type.ownerKind() + ":" + ownerId + ":" + type.suffix();
    }
}
