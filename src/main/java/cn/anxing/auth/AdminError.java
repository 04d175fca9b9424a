package cn.anxing.auth;

import cn.anxing.error.ErrorCode;

/** What the admin's organisation and staff-account management answer when it cannot be done. */
public enum AdminError implements ErrorCode {
    /** An organisation with this code exists already. */
    ORGANISATION_CODE_TAKEN(409),
    /** The organisation is disabled: no account may be bound to it. */
    ORGANISATION_INACTIVE(409),
    /** An admin may not disable their own account or take away their own admin role. */
    OWN_ACCOUNT(409);

    private final int status;

    AdminError(int status) {
        this.status = status;
    }

    @Override
    public int status() {
        return status;
    }
}
