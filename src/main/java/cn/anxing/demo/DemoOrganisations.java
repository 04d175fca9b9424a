package cn.anxing.demo;

import cn.anxing.auth.OrganisationKind;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.List;

/**
 * The demo's organisations: the county's traffic police brigade and one of its squadrons, the
 * insurers (each one organisation for both the agreements it receives and the advances it
 * pays: code {@code PICC} is the payer {@code PICC} and the endpoint {@code insurer:PICC}), the
 * hospitals, the assistance fund and the demo school. Loaded before the demo accounts.
 */
public final class DemoOrganisations implements DemoData {

    /** A demo organisation; {@code parent} is a 中队's 大队 code. */
    public record Org(OrganisationKind kind, String code, String nameZh, String nameEn,
            String parent) {
    }

    public static final String POLICE = "pinghu-police";
    public static final String SCHOOL = "donghu-school";
    public static final String SECOND_SCHOOL = "xinhua-school";

    public static final List<Org> ALL = List.of(
            // made by V71 too; listed so that a database emptied by the tests has it again
            new Org(OrganisationKind.ADMIN, "admin", "系统管理", "Administration", null),
            new Org(OrganisationKind.POLICE_UNIT, POLICE, "平湖市公安局交通警察大队",
                    "Pinghu Traffic Police Brigade", null),
            new Org(OrganisationKind.POLICE_UNIT, "pinghu-police-1", "平湖交警大队城区中队",
                    "Pinghu Traffic Police, City Squadron", POLICE),
            new Org(OrganisationKind.INSURER, "PICC", "中国人民财产保险", "PICC Property and"
                    + " Casualty", null),
            new Org(OrganisationKind.INSURER, "CPIC", "中国太平洋财产保险", "China Pacific"
                    + " Property Insurance", null),
            new Org(OrganisationKind.INSURER, "PINGAN", "中国平安财产保险", "Ping An Property &"
                    + " Casualty", null),
            new Org(OrganisationKind.HOSPITAL, "pinghu-1", "平湖市第一人民医院",
                    "Pinghu First People's Hospital", null),
            new Org(OrganisationKind.HOSPITAL, "pinghu-tcm", "平湖市中医院",
                    "Pinghu Hospital of Traditional Chinese Medicine", null),
            new Org(OrganisationKind.FUND, "fund-jx", "嘉兴市道路交通事故社会救助基金",
                    "Jiaxing Road Accident Assistance Fund", null),
            new Org(OrganisationKind.SCHOOL, SCHOOL, "平湖市东湖中学", "Donghu Middle School",
                    null),
            new Org(OrganisationKind.SCHOOL, SECOND_SCHOOL, "平湖市新华中学",
                    "Xinhua Middle School", null));

    private static final String INSERT = """
            INSERT INTO organisation (kind, code, name_zh, name_en, parent_id)
            VALUES ($1, $2, $3, $4, (SELECT id FROM organisation WHERE code = $5))
            ON CONFLICT (code) DO NOTHING""";

    private final Pool pool;

    public DemoOrganisations(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Future<List<String>> load() {
        Future<?> all = Future.succeededFuture();
        for (Org org : ALL) {
            all = all.compose(x -> pool.preparedQuery(INSERT).execute(Tuple.of(org.kind().name(),
                    org.code(), org.nameZh(), org.nameEn(), org.parent())));
        }
        return all.map(x -> List.of("Demo organisations (演示单位): " + ALL.size()
                + ", see 账号管理 as admin"));
    }
}
