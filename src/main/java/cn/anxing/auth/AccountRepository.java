package cn.anxing.auth;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** Accounts and one-time codes in PostgreSQL. */
public final class AccountRepository {

    private static final String COLUMNS = "a.id, a.phone, a.username, a.display_name, a.roles,"
            + " a.password_hash, a.disabled, a.session_version, a.organisation_id,"
            + " o.code AS organisation_code, o.name_zh AS organisation_name";
    private static final String FROM =
            " FROM account a LEFT JOIN organisation o ON o.id = a.organisation_id";
    private static final String BY_USERNAME =
            "SELECT " + COLUMNS + FROM + " WHERE a.username = $1";
    private static final String BY_PHONE = "SELECT " + COLUMNS + FROM + " WHERE a.phone = $1";
    private static final String BY_ID = "SELECT " + COLUMNS + FROM + " WHERE a.id = $1";
    private static final String INSERT_PHONE_ACCOUNT = """
            WITH a AS (
                INSERT INTO account (phone, display_name, roles) VALUES ($1, $2, $3)
                ON CONFLICT (phone) DO UPDATE SET phone = EXCLUDED.phone
                RETURNING *)
            SELECT""" + " " + COLUMNS
            + " FROM a LEFT JOIN organisation o ON o.id = a.organisation_id";
    private static final String INSERT_STAFF = """
            WITH a AS (
                INSERT INTO account (username, display_name, password_hash, roles,
                    organisation_id, phone)
                VALUES ($1, $2, $3, $4, $5, $6)
                ON CONFLICT (username) DO NOTHING
                RETURNING *)
            SELECT""" + " " + COLUMNS + " FROM a LEFT JOIN organisation o"
            + " ON o.id = a.organisation_id";
    private static final String LIST = "SELECT " + COLUMNS + FROM + " ORDER BY a.created_at";
    /* Every change an admin makes bumps the session version: tokens issued before are refused. */
    private static final String UPDATE_STAFF = """
            UPDATE account SET display_name = $2, roles = $3, organisation_id = $4,
                session_version = session_version + 1, updated_at = now()
            WHERE id = $1 AND username IS NOT NULL""";
    private static final String SET_PASSWORD = """
            UPDATE account SET password_hash = $2, session_version = session_version + 1,
                updated_at = now()
            WHERE id = $1 AND username IS NOT NULL""";
    private static final String SET_DISABLED = """
            UPDATE account SET disabled = $2, session_version = session_version + 1,
                updated_at = now()
            WHERE id = $1""";
    private static final String LOCK_BY_ID = "SELECT " + COLUMNS + FROM
            + " WHERE a.id = $1 FOR UPDATE OF a";
    /* The per-request session check: one primary-key lookup. */
    private static final String SESSION = """
            SELECT a.session_version, a.disabled, a.roles, a.organisation_id, o.code, o.kind,
                o.active
            FROM account a LEFT JOIN organisation o ON o.id = a.organisation_id
            WHERE a.id = $1""";
    private static final String COUNT_REQUESTS_BY_PHONE =
            "SELECT count(*), max(created_at) FROM otp_request WHERE phone = $1 AND created_at > $2";
    private static final String COUNT_REQUESTS_BY_ADDRESS =
            "SELECT count(*) FROM otp_request WHERE address = $1 AND created_at > $2";
    private static final String RECORD_REQUEST =
            "INSERT INTO otp_request (phone, address, created_at) VALUES ($1, $2, $3)";
    private static final String UPSERT_CODE = """
            INSERT INTO otp_code (phone, code_hash, expires_at, attempts, created_at)
            VALUES ($1, $2, $3, 0, $4)
            ON CONFLICT (phone) DO UPDATE SET code_hash = EXCLUDED.code_hash,
                expires_at = EXCLUDED.expires_at, attempts = 0, created_at = EXCLUDED.created_at""";
    private static final String LOCK_CODE =
            "SELECT code_hash, expires_at, attempts FROM otp_code WHERE phone = $1 FOR UPDATE";
    private static final String COUNT_FAILED_TRY =
            "UPDATE otp_code SET attempts = attempts + 1 WHERE phone = $1";
    private static final String DELETE_CODE = "DELETE FROM otp_code WHERE phone = $1";
    private static final String SECRET =
            "INSERT INTO server_secret (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING";
    private static final String READ_SECRET = "SELECT value FROM server_secret WHERE name = $1";

    /** A stored one-time code, read under a row lock. */
    public record StoredCode(String codeHash, Instant expiresAt, int attempts) {
    }

    /** How many codes a phone asked for in a window, and when it last asked. */
    public record PhoneRequests(long count, Optional<Instant> last) {
    }

    /** An account with the columns the API never shows. */
    public record StoredAccount(Account account, String passwordHash, boolean disabled) {
    }

    private final Pool pool;

    public AccountRepository(Pool pool) {
        this.pool = pool;
    }

    public Pool pool() {
        return pool;
    }

    public Future<Optional<StoredAccount>> findByUsername(String username) {
        return one(pool, BY_USERNAME, Tuple.of(username));
    }

    public Future<Optional<StoredAccount>> findByPhone(String phone) {
        return one(pool, BY_PHONE, Tuple.of(phone));
    }

    public Future<Optional<StoredAccount>> findById(UUID id) {
        return one(pool, BY_ID, Tuple.of(id));
    }

    /** The account of this phone, created with {@code roles} on its first sign-in. */
    public Future<StoredAccount> findOrCreateByPhone(SqlClient client, String phone,
            String displayName, Set<Role> roles) {
        return client.preparedQuery(INSERT_PHONE_ACCOUNT)
                .execute(Tuple.of(phone, displayName, roleArray(roles)))
                .map(rows -> toStored(rows.iterator().next()));
    }

    /** Creates a staff account; empty if the username is taken. */
    public Future<Optional<StoredAccount>> createStaff(SqlClient client, String username,
            String displayName, String passwordHash, Set<Role> roles, UUID organisationId,
            String phone) {
        return one(client, INSERT_STAFF, Tuple.of(username, displayName, passwordHash,
                roleArray(roles), organisationId, phone));
    }

    /** The account, its row locked until {@code tx} ends. */
    public Future<Optional<StoredAccount>> lock(SqlClient tx, UUID id) {
        return one(tx, LOCK_BY_ID, Tuple.of(id));
    }

    public Future<Void> updateStaff(SqlClient tx, UUID id, String displayName, Set<Role> roles,
            UUID organisationId) {
        return tx.preparedQuery(UPDATE_STAFF)
                .execute(Tuple.of(id, displayName, roleArray(roles), organisationId)).mapEmpty();
    }

    public Future<Void> setPassword(SqlClient tx, UUID id, String passwordHash) {
        return tx.preparedQuery(SET_PASSWORD).execute(Tuple.of(id, passwordHash)).mapEmpty();
    }

    public Future<Void> setDisabled(SqlClient tx, UUID id, boolean disabled) {
        return tx.preparedQuery(SET_DISABLED).execute(Tuple.of(id, disabled)).mapEmpty();
    }

    /** The account's session state now, for {@link Authz}; empty when there is no account. */
    public Future<Optional<SessionState>> sessionState(UUID id) {
        return pool.preparedQuery(SESSION).execute(Tuple.of(id)).map(rows -> {
            if (rows.size() == 0) {
                return Optional.empty();
            }
            Row row = rows.iterator().next();
            String kind = row.getString(5);
            return Optional.of(new SessionState(id, row.getInteger(0), row.getBoolean(1),
                    roles(row.getArrayOfStrings(2)), row.getUUID(3), row.getString(4),
                    kind == null ? null : OrganisationKind.valueOf(kind),
                    !Boolean.FALSE.equals(row.getBoolean(6))));
        });
    }

    public Future<java.util.List<Account>> list() {
        return pool.preparedQuery(LIST).execute().map(rows -> {
            var accounts = new java.util.ArrayList<Account>();
            rows.forEach(row -> accounts.add(toStored(row).account()));
            return accounts;
        });
    }

    /** How many codes this phone asked for since {@code since}, and when it last asked. */
    public Future<PhoneRequests> requestsByPhone(SqlClient client, String phone, Instant since) {
        return client.preparedQuery(COUNT_REQUESTS_BY_PHONE)
                .execute(Tuple.of(phone, utc(since)))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    var last = row.getOffsetDateTime(1);
                    return new PhoneRequests(row.getLong(0),
                            Optional.ofNullable(last).map(java.time.OffsetDateTime::toInstant));
                });
    }


    public Future<Long> requestsByAddress(SqlClient client, String address, Instant since) {
        return client.preparedQuery(COUNT_REQUESTS_BY_ADDRESS)
                .execute(Tuple.of(address, utc(since)))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    public Future<Void> storeCode(SqlClient client, String phone, String address, String codeHash,
            Instant now, Duration ttl) {
        return client.preparedQuery(RECORD_REQUEST).execute(Tuple.of(phone, address, utc(now)))
                .compose(x -> client.preparedQuery(UPSERT_CODE)
                        .execute(Tuple.of(phone, codeHash, utc(now.plus(ttl)), utc(now))))
                .mapEmpty();
    }

    public Future<Optional<StoredCode>> lockCode(SqlClient client, String phone) {
        return client.preparedQuery(LOCK_CODE).execute(Tuple.of(phone)).map(rows -> {
            if (rows.size() == 0) {
                return Optional.empty();
            }
            Row row = rows.iterator().next();
            return Optional.of(new StoredCode(row.getString(0),
                    row.getOffsetDateTime(1).toInstant(), row.getInteger(2)));
        });
    }

    public Future<Void> countFailedTry(SqlClient client, String phone) {
        return client.preparedQuery(COUNT_FAILED_TRY).execute(Tuple.of(phone)).mapEmpty();
    }

    public Future<Void> deleteCode(SqlClient client, String phone) {
        return client.preparedQuery(DELETE_CODE).execute(Tuple.of(phone)).mapEmpty();
    }

    /** The secret stored under {@code name}, stored as {@code candidate} if there was none. */
    public Future<String> secret(String name, String candidate) {
        return pool.preparedQuery(SECRET).execute(Tuple.of(name, candidate))
                .compose(x -> pool.preparedQuery(READ_SECRET).execute(Tuple.of(name)))
                .map(rows -> rows.iterator().next().getString(0));
    }

    private static Future<Optional<StoredAccount>> one(SqlClient client, String sql,
            Tuple args) {
        return client.preparedQuery(sql).execute(args).map(AccountRepository::first);
    }

    private static Optional<StoredAccount> first(RowSet<Row> rows) {
        return rows.size() == 0 ? Optional.empty() : Optional.of(toStored(rows.iterator().next()));
    }

    private static StoredAccount toStored(Row row) {
        var account = new Account(row.getUUID("id"), row.getString("phone"),
                row.getString("username"), row.getString("display_name"),
                roles(row.getArrayOfStrings("roles")), row.getString("organisation_code"),
                row.getUUID("organisation_id"), row.getString("organisation_name"),
                row.getBoolean("disabled"), row.getInteger("session_version"));
        return new StoredAccount(account, row.getString("password_hash"),
                row.getBoolean("disabled"));
    }

    static Set<Role> roles(String[] names) {
        return Arrays.stream(names)
                .map(name -> Role.fromWire(name).orElseThrow())
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
    }

    static String[] roleArray(Set<Role> roles) {
        return roles.stream().map(Role::wireName).sorted().toArray(String[]::new);
    }

    private static java.time.OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
