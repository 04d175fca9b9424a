/**
 * The server's PostgreSQL: {@link cn.anxing.db.Database} connects to the one {@code DATABASE_URL}
 * names or starts the embedded one under {@code DATA_DIR/postgres}, applies the migrations of
 * {@code db/migration} (Flyway) and creates the Vert.x pool;
 * {@link cn.anxing.db.EmbeddedPassword} keeps the embedded server's password and client
 * authentication, {@link cn.anxing.db.OrphanPostmaster} stops an embedded server a killed JVM
 * left running, and {@link cn.anxing.db.DatabaseFailures} tells a missing database (503, retry)
 * from a failed query.
 *
 * <h2>What it may not touch</h2>
 * No feature's tables or SQL: the features own their queries and the migrations their schema;
 * this package only runs them. It imports nothing of {@code cn.anxing}, and the rules packages
 * may not import it (the layer rule in {@code src/test/java/cn/anxing/architecture}).
 * {@code Database}'s methods block: they run at start and stop, never on an event loop.
 */
package cn.anxing.db;
