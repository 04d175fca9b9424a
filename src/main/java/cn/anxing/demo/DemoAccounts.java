package cn.anxing.demo;

import cn.anxing.auth.AccountRepository;
import cn.anxing.auth.PasswordHasher;
import cn.anxing.auth.Role;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/** One account per role, so every page can be tried. */
public final class DemoAccounts implements DemoData {

    public static final String PASSWORD = "anxing-demo";

    /** A staff account of the demo; {@code extra} roles beside its organisation's. */
    public record Staff(String username, String displayName, Role role, String organisation,
            Role... extra) {

        String[] wireRoles() {
            String[] roles = new String[1 + extra.length];
            roles[0] = role.wireName();
            for (int i = 0; i < extra.length; i++) {
                roles[i + 1] = extra[i].wireName();
            }
            return roles;
        }
    }

    /** Each account acts for one demo organisation ({@link DemoOrganisations}), by code. */
    public static final List<Staff> STAFF = List.of(
            new Staff("police1", "平湖交警 王警官", Role.POLICE, DemoOrganisations.POLICE),
            new Staff("police2", "平湖交警 赵警官", Role.POLICE, DemoOrganisations.POLICE),
            new Staff("supervisor1", "平湖交警 陈督导", Role.POLICE, DemoOrganisations.POLICE,
                    Role.POLICE_SUPERVISOR),
            new Staff("coord1", "东湖中学 李老师", Role.COORDINATOR, DemoOrganisations.SCHOOL),
            new Staff("coord2", "新华中学 周老师", Role.COORDINATOR,
                    DemoOrganisations.SECOND_SCHOOL),
            new Staff("insurer1", "人保财险 平湖支公司", Role.INSURER, "PICC"),
            new Staff("insurer2", "太保财险 嘉兴中心支公司", Role.INSURER, "CPIC"),
            new Staff("hospital1", "平湖市第一人民医院", Role.HOSPITAL, "pinghu-1"),
            new Staff("hospital2", "平湖市中医院", Role.HOSPITAL, "pinghu-tcm"),
            new Staff("fund1", "嘉兴市道路交通事故社会救助基金", Role.FUND, "fund-jx"),
            new Staff("admin", "系统管理员", Role.ADMIN, "admin"));

    /** Phone accounts: two drivers for the two phones of an accident, and a parent. */
    public static final List<String[]> PHONES = List.of(
            new String[] {"13800000001", "张先生", "driver"},
            new String[] {"13800000002", "刘女士", "driver"},
            new String[] {"13900000001", "陈家长", "parent"});

    private static final String INSERT_STAFF = """
            INSERT INTO account (username, display_name, password_hash, roles, organisation_id)
            VALUES ($1, $2, $3, $4, (SELECT id FROM organisation WHERE code = $5))
            ON CONFLICT (username) DO NOTHING""";
    private static final String INSERT_PHONE = """
            INSERT INTO account (phone, display_name, roles) VALUES ($1, $2, $3)
            ON CONFLICT (phone) DO NOTHING""";

    private final Vertx vertx;
    private final AccountRepository accounts;

    public DemoAccounts(Vertx vertx, AccountRepository accounts) {
        this.vertx = vertx;
        this.accounts = accounts;
    }

    @Override
    public Future<List<String>> load() {
        Future<String> hash = vertx.executeBlocking(() -> PasswordHasher.hash(PASSWORD), false);
        return hash.compose(h -> {
            Future<?> all = Future.succeededFuture();
            for (Staff staff : STAFF) {
                all = all.compose(x -> accounts.pool().preparedQuery(INSERT_STAFF).execute(
                        Tuple.of(staff.username(), staff.displayName(), h,
                                staff.wireRoles(), staff.organisation())));
            }
            for (String[] phone : PHONES) {
                all = all.compose(x -> accounts.pool().preparedQuery(INSERT_PHONE).execute(
                        Tuple.of(phone[0], phone[1], new String[] {phone[2]})));
            }
            return all;
        }).map(x -> {
            List<String> lines = new ArrayList<>();
            lines.add("Demo accounts (演示账号):");
            for (Staff staff : STAFF) {
                lines.add(String.format("  %-10s %-12s password %s  (%s)",
                        String.join("+", staff.wireRoles()), staff.username(), PASSWORD,
                        staff.displayName()));
            }
            for (String[] phone : PHONES) {
                lines.add(String.format("  %-10s phone %s  sign in with the code shown on the page"
                        + " (%s)", phone[2], phone[0], phone[1]));
            }
            return lines;
        });
    }
}
