package cn.anxing.auth;

import cn.anxing.error.ErrorCode;

/** What sign-in and account management answer when a request cannot be done. */
public enum AuthError implements ErrorCode {
    /** Too many codes for this phone or address, or a code asked for too soon after the last. */
    RATE_LIMITED(429),
    /** No code was sent to this phone, or it has expired. */
    CODE_EXPIRED(400),
    /** Too many wrong tries: the code is locked until a new one is asked for. */
    CODE_LOCKED(423),
    /** The one-time code is not the one sent; each wrong try counts towards the lock. */
    CODE_WRONG(400),
    /** Wrong username or password; which of the two is not said. */
    INVALID_CREDENTIALS(401),
    /** A staff account with this username exists already. */
    USERNAME_TAKEN(409),
    /** Too many wrong passwords for this account or from this address: locked for a while. */
    SIGN_IN_LOCKED(429),
    /** After a wrong password, the next try must wait a little longer each time. */
    SIGN_IN_TOO_FAST(429);

    private final int status;

    AuthError(int status) {
        this.status = status;
    }

    @Override
    public int status() {
        return status;
    }
}
