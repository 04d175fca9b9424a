package cn.anxing.platform;

import io.vertx.core.Future;

/**
 * Keys the server generates on its first start and keeps in the database (the JWT key, the demo's
 * field and seal keys): the same value on every later start and on every instance.
 */
public interface SecretStore {

    /** The secret stored under {@code name}; a fresh random one is stored if there was none. */
    Future<String> secret(String name);
}
