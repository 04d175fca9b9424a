package cn.anxing.accident;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;

/**
 * Where photo files live, named by their SHA-256: the same photo uploaded twice (a retry, or
 * both drivers sending the same shot) is stored once. Every instance of the server reaches the
 * same store ({@link DatabasePhotoStore}).
 */
public interface PhotoStore {

    /**
     * Stores the bytes unless a photo with this hash is there already, on {@code client}: the
     * upload's transaction, so the file and the photo's row are stored together or not at all.
     */
    Future<Void> store(SqlClient client, String sha256, String extension, byte[] bytes);

    /** The photo's bytes; the photo must have been stored. */
    Future<byte[]> read(String sha256, String extension);
}
