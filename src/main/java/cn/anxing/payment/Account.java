package cn.anxing.payment;

import java.util.Objects;
import java.util.regex.Pattern;

/** One account of the ledger: a type and the payer or hospital that owns it. */
public record Account(AccountType type, String ownerId) {

    private static final Pattern OWNER_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public Account {
        Objects.requireNonNull(type, "type");
        if (ownerId == null || !OWNER_ID.matcher(ownerId).matches()) {
            throw new IllegalArgumentException("an account owner id is 1-64 of [A-Za-z0-9_-]: "
                    + ownerId);
        }
    }

    public static Account payerAdvances(String payerId) {
        return new Account(AccountType.PAYER_ADVANCES, payerId);
    }

    public static Account payerSettlement(String payerId) {
        return new Account(AccountType.PAYER_SETTLEMENT, payerId);
    }

    public static Account hospitalReceivable(String hospitalId) {
        return new Account(AccountType.HOSPITAL_RECEIVABLE, hospitalId);
    }

    /** The stable key stored in the database, such as {@code hospital:jx-pinghu-1:receivable}. */
    public String key() {
        return type.ownerKind() + ":" + ownerId + ":" + type.suffix();
    }
}
