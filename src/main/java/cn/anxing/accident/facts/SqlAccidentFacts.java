package cn.anxing.accident.facts;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** {@link AccidentFacts} read from the accident feature's tables ({@code V10__accident.sql}). */
public final class SqlAccidentFacts implements AccidentFacts {

    private static final String CASE = """
            SELECT id, case_no, occurred_at, state FROM accident_case
            WHERE case_no = $1 OR id::text = $1""";
    private static final String PARTIES = """
            SELECT label, plate, insurer_code, account_id FROM accident_party WHERE case_id = $1
            ORDER BY label""";

    private final Pool pool;

    public SqlAccidentFacts(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Future<Optional<CaseFacts>> find(String caseNumberOrId) {
        return pool.preparedQuery(CASE).execute(Tuple.of(caseNumberOrId)).compose(rows -> {
            if (rows.size() == 0) {
                return Future.succeededFuture(Optional.<CaseFacts>empty());
            }
            Row found = rows.iterator().next();
            UUID id = found.getUUID("id");
            return pool.preparedQuery(PARTIES).execute(Tuple.of(id)).map(partyRows -> {
                List<PartyFacts> parties = new ArrayList<>();
                partyRows.forEach(p -> parties.add(new PartyFacts(p.getString("label"),
                        Optional.ofNullable(p.getString("plate")),
                        Optional.ofNullable(p.getString("insurer_code")),
                        p.getUUID("account_id"))));
                return Optional.of(new CaseFacts(id.toString(), found.getString("case_no"),
                        found.getOffsetDateTime("occurred_at").toInstant(),
                        found.getString("state"), parties));
            });
        });
    }
}
