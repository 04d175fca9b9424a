package cn.anxing.auth;

import java.util.Locale;
import java.util.Optional;

/** What an account may do. Stored and sent in lower case. */
public enum Role {
    /** 驾驶人: files and settles minor accidents. */
    DRIVER,
    /** 家长: sees their child's bus. */
    PARENT,
    /** 交警: reviews disputed and flagged cases, issues payment notices. */
    POLICE,
    /**
     * 交警督导 (中队长, a supervising officer): held beside {@link #POLICE}, so the account does
     * all an officer does, and may also take a case over from an officer of its own unit.
     */
    POLICE_SUPERVISOR,
    /** 学校协调员: registers households and buses, plans lines. */
    COORDINATOR,
    /** 保险公司: receives agreements, pays medical advances within its limit. */
    INSURER,
    /** 医院: submits rescue bills. */
    HOSPITAL,
    /** 道路交通事故社会救助基金. */
    FUND,
    ADMIN;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> fromWire(String name) {
        for (Role role : values()) {
            if (role.wireName().equals(name)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }

    /** Staff sign in with a password; drivers and parents with a code sent to their phone. */
    public boolean isStaff() {
        return this != DRIVER && this != PARENT;
    }
}
