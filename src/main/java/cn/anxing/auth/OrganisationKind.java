package cn.anxing.auth;

import java.util.Optional;

/** What an organisation is; it decides which staff role its accounts hold. */
public enum OrganisationKind {
    /** 交警大队 or 中队. */
    POLICE_UNIT(Role.POLICE),
    /** 保险公司: the payer of advances and the recipient of agreements, one organisation. */
    INSURER(Role.INSURER),
    /** 医院. */
    HOSPITAL(Role.HOSPITAL),
    /** 道路交通事故社会救助基金. */
    FUND(Role.FUND),
    /** 学校, or a group that runs several schools. */
    SCHOOL(Role.COORDINATOR),
    /** 系统管理. */
    ADMIN(Role.ADMIN);

    private final Role staffRole;

    OrganisationKind(Role staffRole) {
        this.staffRole = staffRole;
    }

    /** The role its staff accounts act in. */
    public Role staffRole() {
        return staffRole;
    }

    public static Optional<OrganisationKind> of(Role role) {
        for (OrganisationKind kind : values()) {
            if (kind.staffRole == role) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    public static Optional<OrganisationKind> fromName(String name) {
        for (OrganisationKind kind : values()) {
            if (kind.name().equals(name)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
