package cn.anxing.accident;

import cn.anxing.error.CommonError;
import cn.anxing.error.DomainException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Path;

/**
 * Photos in PostgreSQL ({@code photo_blob}, one row per content hash), written in the upload's
 * own transaction: every instance behind the load balancer reads what another stored, one
 * backup holds the cases with their evidence, and a photo is never stored without its row or
 * the other way round. At a county's volume (a few hundred cases a day, five photos of well
 * under 1 MB: see docs/capacity.md) PostgreSQL keeps them well; an object store is the step for
 * a province, behind this same interface.
 *
 * <p>Photos written before this store existed are files under {@code legacyDir}
 * ({@code <2>/<sha256>.<ext>}); they are still read from there.
 */
public final class DatabasePhotoStore implements PhotoStore {

    private static final String INSERT = """
            INSERT INTO photo_blob (sha256, extension, size_bytes, bytes) VALUES ($1, $2, $3, $4)
            ON CONFLICT (sha256) DO NOTHING""";
    private static final String READ = "SELECT bytes FROM photo_blob WHERE sha256 = $1";

    private final Vertx vertx;
    private final Pool pool;
    private final Path legacyDir;

    public DatabasePhotoStore(Vertx vertx, Pool pool, Path legacyDir) {
        this.vertx = vertx;
        this.pool = pool;
        this.legacyDir = legacyDir;
    }

    @Override
    public Future<Void> store(SqlClient client, String sha256, String extension, byte[] bytes) {
        return client.preparedQuery(INSERT).execute(Tuple.of(sha256, extension, bytes.length,
                Buffer.buffer(bytes))).<Void>mapEmpty().recover(e ->
                Future.failedFuture(storeFailure(e)));
    }

    @Override
    public Future<byte[]> read(String sha256, String extension) {
        return pool.preparedQuery(READ).execute(Tuple.of(sha256)).compose(rows -> {
            if (rows.size() > 0) {
                return Future.succeededFuture(rows.iterator().next().getBuffer(0).getBytes());
            }
            Path legacy = legacyDir.resolve(sha256.substring(0, 2))
                    .resolve(sha256 + "." + extension);
            return vertx.fileSystem().readFile(legacy.toString()).map(Buffer::getBytes);
        });
    }

    /** A full disk or a read-only database is an answer the client should get, not a 500. */
    static Throwable storeFailure(Throwable cause) {
        if (cause instanceof PgException pg && pg.getSqlState() != null) {
            String state = pg.getSqlState();
            if (state.equals("53100") || state.equals("53200")) {
                return new DomainException(CommonError.STORAGE_FULL,
                        "照片存储空间已满，请联系管理员 / the photo store is full; tell the operator");
            }
            if (state.equals("25006")) {
                return new DomainException(CommonError.STORAGE_UNAVAILABLE,
                        "照片存储暂时无法写入，请稍后重试 / the photo store cannot be written now;"
                                + " try again");
            }
        }
        return cause;
    }
}
