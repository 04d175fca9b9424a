package cn.anxing.payment;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/** What the payment stores share to read rows: times in UTC, optional columns, row mapping. */
final class Rows {

    private Rows() {
    }

    static <T> Future<List<T>> list(SqlClient client, String sql, Tuple params,
            Function<Row, T> map) {
        return client.preparedQuery(sql).execute(params).map(rows -> {
            List<T> list = new ArrayList<>();
            rows.forEach(row -> list.add(map.apply(row)));
            return list;
        });
    }

    static <T> Future<Optional<T>> first(SqlClient client, String sql, Tuple params,
            Function<Row, T> map) {
        return list(client, sql, params, map).map(list -> list.stream().findFirst());
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(Row row, String column) {
        return row.getOffsetDateTime(column).toInstant();
    }

    static Optional<Instant> optionalInstant(Row row, String column) {
        return Optional.ofNullable(row.getOffsetDateTime(column)).map(OffsetDateTime::toInstant);
    }

    static Optional<UUID> optionalUuid(Row row, String column) {
        return Optional.ofNullable(row.getUUID(column));
    }

    static Optional<Long> optionalLong(Row row, String column) {
        return Optional.ofNullable(row.getLong(column));
    }
}
