package cn.anxing.auth;

import cn.anxing.audit.AuditLog;
import cn.anxing.error.CommonError;
import cn.anxing.error.DomainException;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The admin's use cases (账号管理): organisations and staff accounts. Every change is written
 * to the audit log in its own transaction, and every change to an account bumps its session
 * version, so its tokens are refused from the next request on.
 *
 * <p>A staff account acts for exactly one organisation, in the role of that organisation's kind
 * (an insurer's accounts are insurers, a school's are coordinators).
 */
public final class StaffAccounts {

    private final WorkerExecutor crypto;
    private final Pool pool;
    private final AccountRepository accounts;
    private final OrganisationRepository organisations;

    /** A new or changed staff account as the admin asks for it; null fields stay as they are. */
    public record StaffChange(String displayName, Set<Role> roles, String organisation) {
    }

    /** A new or changed organisation; {@code parent} is the code of a 中队's 大队. */
    public record OrganisationChange(OrganisationKind kind, String code, String nameZh,
            String nameEn, String parent, Boolean active) {
    }

    public StaffAccounts(WorkerExecutor crypto, AccountRepository accounts,
            OrganisationRepository organisations) {
        this.crypto = crypto;
        this.pool = accounts.pool();
        this.accounts = accounts;
        this.organisations = organisations;
    }

    public Future<List<Account>> list() {
        return accounts.list();
    }

    public Future<List<Organisation>> organisations() {
        return organisations.list();
    }

    public Future<Account> create(Caller admin, String username, String password,
            StaffChange change) {
        if (username == null || !username.matches("[a-z][a-z0-9_.-]{2,31}")) {
            throw invalid("username",
                    "用户名为 3-32 位小写字母、数字或 _ . - ，以字母开头 / username: 3-32 lower-case"
                    + " letters, digits, _ . - starting with a letter");
        }
        requirePassword(password);
        if (change.displayName() == null || change.displayName().isBlank()) {
            throw invalid("displayName", "请填写姓名 / displayName is required");
        }
        Set<Role> roles = requireStaffRoles(change.roles());
        return crypto.executeBlocking(() -> PasswordHasher.hash(password), false)
                .compose(hash -> pool.withTransaction(tx -> organisationFor(tx, change.organisation(),
                        roles).compose(org -> accounts.createStaff(tx, username,
                                change.displayName(), hash, roles, org.id(), null))
                        .map(created -> created.map(AccountRepository.StoredAccount::account)
                                .orElseThrow(() -> new DomainException(AuthError.USERNAME_TAKEN,
                                        "用户名已被占用 / username " + username + " is taken",
                                        "username")))
                        .compose(account -> AuditLog.record(tx, admin.audit("account.create",
                                "account", account.id().toString(), null, fields(account)))
                                .map(account))));
    }

    /** Changes name, roles or organisation; the account's tokens stop working. */
    public Future<Account> update(Caller admin, UUID id, StaffChange change) {
        Optional<Set<Role>> roles = Optional.ofNullable(change.roles())
                .map(StaffAccounts::requireStaffRoles);
        return pool.withTransaction(tx -> lockStaff(tx, id).compose(before -> {
            Set<Role> newRoles = roles.orElse(before.roles());
            if (admin.accountId().equals(id) && !newRoles.contains(Role.ADMIN)) {
                throw new DomainException(AdminError.OWN_ACCOUNT, "不能取消自己的管理员角色 /"
                        + " you cannot take the admin role from your own account", "roles");
            }
            Future<Organisation> org = change.organisation() != null || roles.isPresent()
                    ? organisationFor(tx, change.organisation() != null ? change.organisation()
                            : before.organisation(), newRoles)
                    : organisations.byId(tx, before.organisationId()).map(Optional::orElseThrow);
            String name = change.displayName() != null && !change.displayName().isBlank()
                    ? change.displayName() : before.displayName();
            return org.compose(o -> accounts.updateStaff(tx, id, name, newRoles, o.id()))
                    .compose(x -> reload(tx, id))
                    .compose(after -> AuditLog.record(tx, admin.audit("account.update",
                            "account", id.toString(), fields(before), fields(after)))
                            .map(after));
        }));
    }

    public Future<Account> resetPassword(Caller admin, UUID id, String password) {
        requirePassword(password);
        return crypto.executeBlocking(() -> PasswordHasher.hash(password), false)
                .compose(hash -> pool.withTransaction(tx -> lockStaff(tx, id)
                        .compose(before -> accounts.setPassword(tx, id, hash))
                        .compose(x -> reload(tx, id))
                        .compose(after -> AuditLog.record(tx, admin.audit(
                                "account.reset-password", "account", id.toString(), null,
                                Map.of("sessionVersion", after.sessionVersion()))).map(after))));
    }

    /** Disables or enables an account (staff or phone); a disabled one's tokens are refused. */
    public Future<Account> setDisabled(Caller admin, UUID id, boolean disabled) {
        if (admin.accountId().equals(id) && disabled) {
            throw new DomainException(AdminError.OWN_ACCOUNT,
                    "不能停用自己的账号 / you cannot disable your own account", "id");
        }
        return pool.withTransaction(tx -> accounts.lock(tx, id).compose(found -> {
            Account before = found.map(AccountRepository.StoredAccount::account)
                    .orElseThrow(StaffAccounts::noAccount);
            return accounts.setDisabled(tx, id, disabled).compose(x -> reload(tx, id))
                    .compose(after -> AuditLog.record(tx, admin.audit(disabled
                            ? "account.disable" : "account.enable", "account", id.toString(),
                            Map.of("disabled", before.disabled()),
                            Map.of("disabled", after.disabled()))).map(after));
        }));
    }

    public Future<Organisation> createOrganisation(Caller admin, OrganisationChange change) {
        if (change.kind() == null) {
            throw invalid("kind", "请选择单位类型 / kind: one of POLICE_UNIT, INSURER, HOSPITAL,"
                    + " FUND, SCHOOL, ADMIN");
        }
        if (change.code() == null || !change.code().matches("[A-Za-z0-9_-]{1,64}")) {
            throw invalid("code", "单位代码为 1-64 位字母、数字、_ 或 - / code: 1-64 letters,"
                    + " digits, _ or -");
        }
        if (change.nameZh() == null || change.nameZh().isBlank()) {
            throw invalid("nameZh", "请填写中文名称 / nameZh is required");
        }
        return pool.withTransaction(tx -> parent(tx, change).compose(parentId ->
                organisations.create(tx, change.kind(), change.code(), change.nameZh().strip(),
                        blankToNull(change.nameEn()), parentId))
                .map(created -> created.orElseThrow(() -> new DomainException(
                        AdminError.ORGANISATION_CODE_TAKEN, "单位代码已存在 / an organisation with"
                        + " code " + change.code() + " exists", "code")))
                .compose(org -> AuditLog.record(tx, admin.audit("organisation.create",
                        "organisation", org.id().toString(), null, fields(org))).map(org)));
    }

    /** Renames, disables or enables an organisation; a disabled one's staff are refused. */
    public Future<Organisation> updateOrganisation(Caller admin, UUID id,
            OrganisationChange change) {
        return pool.withTransaction(tx -> organisations.byId(tx, id).compose(found -> {
            Organisation before = found.orElseThrow(() -> new DomainException(
                    CommonError.NOT_FOUND, "没有这个单位 / no such organisation", "id"));
            if (before.kind() == OrganisationKind.ADMIN && Boolean.FALSE.equals(change.active())) {
                throw new DomainException(AdminError.OWN_ACCOUNT,
                        "不能停用系统管理单位 / the administration cannot be disabled", "active");
            }
            String nameZh = change.nameZh() != null && !change.nameZh().isBlank()
                    ? change.nameZh().strip() : before.nameZh();
            String nameEn = change.nameEn() != null ? blankToNull(change.nameEn())
                    : before.nameEn();
            boolean active = change.active() != null ? change.active() : before.active();
            return organisations.update(tx, id, nameZh, nameEn, active)
                    .map(Optional::orElseThrow)
                    .compose(after -> AuditLog.record(tx, admin.audit("organisation.update",
                            "organisation", id.toString(), fields(before), fields(after)))
                            .map(after));
        }));
    }

    /**
     * The organisation named by {@code code}, or, when none is named, the one top-level active
     * organisation of the role's kind (so a county with one traffic police brigade needs no
     * choice); refused when the roles do not fit the organisation's kind.
     */
    private Future<Organisation> organisationFor(SqlClient tx, String code, Set<Role> roles) {
        Role role = roles.stream().filter(r -> OrganisationKind.of(r).isPresent()).findFirst()
                .orElseThrow();
        OrganisationKind kind = OrganisationKind.of(role).orElseThrow();
        Future<Organisation> org;
        if (code == null || code.isBlank()) {
            org = organisations.activeOfKind(tx, kind).map(list -> {
                List<Organisation> top = list.stream().filter(o -> o.parentId() == null).toList();
                if (top.size() != 1) {
                    throw invalid("organisation", "请选择所属单位 / organisation: name the"
                            + " organisation this account acts for");
                }
                return top.get(0);
            });
        } else {
            // by its code, or by its full Chinese name as the admin sees it on the page
            org = organisations.byCode(tx, code.strip()).compose(found -> found.isPresent()
                    ? Future.succeededFuture(found)
                    : organisations.byName(tx, code.strip()))
                    .map(found -> found.orElseThrow(() -> invalid("organisation",
                            "没有这个单位 / no organisation with code " + code)));
        }
        return org.map(o -> {
            if (!o.active()) {
                throw new DomainException(AdminError.ORGANISATION_INACTIVE,
                        "这个单位已停用 / organisation " + o.code() + " is disabled",
                        "organisation");
            }
            if (o.kind() != kind) {
                throw invalid("roles", "角色与单位类型不符 / role " + role.wireName()
                        + " does not fit organisation " + o.code() + " (" + o.kind() + ")");
            }
            return o;
        });
    }

    private Future<UUID> parent(SqlClient tx, OrganisationChange change) {
        if (change.parent() == null || change.parent().isBlank()) {
            return Future.succeededFuture(null);
        }
        return organisations.byCode(tx, change.parent().strip()).map(found -> {
            Organisation p = found.orElseThrow(() -> invalid("parent",
                    "没有这个上级单位 / no organisation with code " + change.parent()));
            if (p.kind() != OrganisationKind.POLICE_UNIT
                    || change.kind() != OrganisationKind.POLICE_UNIT) {
                throw invalid("parent", "只有交警中队有上级大队 / only a police unit has a"
                        + " parent, another police unit");
            }
            return p.id();
        });
    }

    private Future<Account> lockStaff(SqlClient tx, UUID id) {
        return accounts.lock(tx, id).map(found -> {
            Account a = found.map(AccountRepository.StoredAccount::account)
                    .orElseThrow(StaffAccounts::noAccount);
            if (a.username() == null) {
                throw invalid("id", "这是手机号账号，不是工作人员账号 / this is a phone account,"
                        + " not a staff account");
            }
            return a;
        });
    }

    private Future<Account> reload(SqlClient tx, UUID id) {
        return accounts.lock(tx, id).map(found -> found.orElseThrow().account());
    }

    /**
     * One staff role: the role of the organisation the account acts for; a police officer may
     * hold police_supervisor beside it.
     */
    private static Set<Role> requireStaffRoles(Set<Role> roles) {
        Set<Role> main = roles == null ? Set.of() : roles.stream()
                .filter(r -> r != Role.POLICE_SUPERVISOR).collect(Collectors.toSet());
        if (main.size() != 1 || !main.iterator().next().isStaff()) {
            throw invalid("roles", "请选择一个工作人员角色 / roles: exactly one staff role (police,"
                    + " coordinator, insurer, hospital, fund, admin)");
        }
        if (roles.contains(Role.POLICE_SUPERVISOR) && !roles.contains(Role.POLICE)) {
            throw invalid("roles", "督导须同时是交警 / roles: police_supervisor is held beside"
                    + " police");
        }
        return roles;
    }

    private static void requirePassword(String password) {
        if (password == null || password.length() < 10) {
            throw invalid("password", "密码至少 10 位 / password: at least 10 characters");
        }
    }

    private static Map<String, Object> fields(Account a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("username", a.username());
        m.put("displayName", a.displayName());
        m.put("roles", a.roles().stream().map(Role::wireName).sorted().toList());
        m.put("organisation", a.organisation());
        m.put("disabled", a.disabled());
        m.put("sessionVersion", a.sessionVersion());
        return m;
    }

    private static Map<String, Object> fields(Organisation o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", o.kind().name());
        m.put("code", o.code());
        m.put("nameZh", o.nameZh());
        m.put("nameEn", o.nameEn());
        m.put("active", o.active());
        return m;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static DomainException noAccount() {
        return new DomainException(CommonError.NOT_FOUND, "没有这个账号 / no such account", "id");
    }

    private static DomainException invalid(String field, String message) {
        return new DomainException(CommonError.VALIDATION_FAILED, message, field);
    }
}
