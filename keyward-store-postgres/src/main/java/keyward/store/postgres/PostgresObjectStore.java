package keyward.store.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import keyward.spi.store.ObjectStore;
import keyward.spi.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link ObjectStore} on PostgreSQL, for several Keyward nodes sharing one database (with
 * PostgreSQL's own replication and fail-over for availability). Connections come from a HikariCP
 * pool; the schema is migrated on open ({@link PgMigrations}).
 *
 * <p>A transaction is a PostgreSQL transaction, so a batch with Undo is atomic across nodes, and
 * {@link #inTransaction} returns after COMMIT, which with PostgreSQL's default {@code
 * synchronous_commit = on} means the commit record is flushed. Read-only work runs at REPEATABLE
 * READ (one snapshot for all its statements); writes at READ COMMITTED with the locks described
 * in {@link PgTransaction}.
 */
public final class PostgresObjectStore implements ObjectStore {
  private static final Logger LOG = LoggerFactory.getLogger(PostgresObjectStore.class);

  /**
   * @param jdbcUrl {@code jdbc:postgresql://host:port/database} (driver options may follow)
   * @param user database role, or null to leave it to the URL
   * @param password the role's password, or null
   * @param maxPoolSize most connections this node opens for writes, and again for reads (each
   *     concurrent transaction holds one)
   * @param connectionTimeout how long a transaction waits for a free connection
   */
  public record Options(String jdbcUrl, String user, String password, int maxPoolSize,
      Duration connectionTimeout) {
    public Options {
      Objects.requireNonNull(jdbcUrl, "jdbcUrl");
      if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
        throw new IllegalArgumentException("the database URL must start with jdbc:postgresql:");
      }
      if (maxPoolSize < 1 || maxPoolSize > 1000) {
        throw new IllegalArgumentException("maxPoolSize must be 1..1000");
      }
      Objects.requireNonNull(connectionTimeout, "connectionTimeout");
    }

    public static Options of(String jdbcUrl, String user, String password) {
      return new Options(jdbcUrl, user, password, 16, Duration.ofSeconds(30));
    }

    public Options withMaxPoolSize(int size) {
      return new Options(jdbcUrl, user, password, size, connectionTimeout);
    }

    /** The URL without its parameters, which may carry a password: for messages and logs. */
    public String displayUrl() {
      int query = jdbcUrl.indexOf('?');
      return query < 0 ? jdbcUrl : jdbcUrl.substring(0, query) + "?...";
    }

    /** Never shows the password. */
    @Override
    public String toString() {
      return "Options[" + displayUrl() + ", user=" + user + ", maxPoolSize=" + maxPoolSize + "]";
    }
  }

  private final HikariDataSource writes;
  private final HikariDataSource reads;
  private final AtomicBoolean closed = new AtomicBoolean();
  /** The connection of the current thread's read or write transaction, if any. */
  private final ThreadLocal<Active> active = new ThreadLocal<>();

  private record Active(Connection db, boolean readOnly) {}

  private PostgresObjectStore(HikariDataSource writes, HikariDataSource reads) {
    this.writes = writes;
    this.reads = reads;
  }

  /**
   * Connects, migrates the schema to the newest version and returns the store. Fails with a
   * {@link StoreException} naming the cause when the database cannot be reached or migrated.
   */
  public static PostgresObjectStore open(Options options) throws StoreException {
    // A node may start before its database is up: say what it waits for, and for how long.
    LOG.info("connecting to PostgreSQL at {} (waiting up to {} s)", options.displayUrl(),
        options.connectionTimeout().toSeconds());
    HikariDataSource writes = pool(options, "keyward-postgres", false);
    try (Connection db = writes.getConnection()) {
      PgMigrations.apply(db);
    } catch (SQLException e) {
      writes.close();
      throw PgErrors.map("migrating the schema at " + options.displayUrl(), e, null);
    } catch (StoreException | RuntimeException e) {
      writes.close();
      throw e;
    }
    HikariDataSource reads;
    try {
      reads = pool(options, "keyward-postgres-reads", true);
    } catch (StoreException e) {
      writes.close();
      throw e;
    }
    return new PostgresObjectStore(writes, reads);
  }

  /**
   * A pool whose connections are set up once for their kind of transaction: READ COMMITTED for
   * writes; REPEATABLE READ and read-only for reads, so a read transaction starts with the
   * driver's implicit {@code BEGIN READ ONLY} in the same round trip as its first query.
   */
  private static HikariDataSource pool(Options options, String name, boolean readOnly)
      throws StoreException {
    HikariConfig config = new HikariConfig();
    config.setPoolName(name);
    config.setJdbcUrl(options.jdbcUrl());
    if (options.user() != null) {
      config.setUsername(options.user());
    }
    if (options.password() != null) {
      config.setPassword(options.password());
    }
    config.setMaximumPoolSize(options.maxPoolSize());
    config.setMinimumIdle(Math.min(2, options.maxPoolSize()));
    config.setConnectionTimeout(options.connectionTimeout().toMillis());
    config.setAutoCommit(false);
    config.setReadOnly(readOnly);
    config.setTransactionIsolation(
        readOnly ? "TRANSACTION_REPEATABLE_READ" : "TRANSACTION_READ_COMMITTED");
    // Error details may quote a row ("Failing row contains ..."): keep them out of messages.
    config.addDataSourceProperty("logServerErrorDetail", "false");
    config.addDataSourceProperty("ApplicationName", "keyward");
    // Wait for the database up to the time-out, then fail start-up with the cause.
    config.setInitializationFailTimeout(options.connectionTimeout().toMillis());
    try {
      return new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new StoreException("cannot connect to PostgreSQL at " + options.displayUrl() + ": "
          + rootMessage(e), e);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage();
  }

  @Override
  public <T> T inTransaction(boolean readOnly, Work<T> work) throws Exception {
    Objects.requireNonNull(work, "work");
    if (closed.get()) {
      throw new StoreException("the store is closed");
    }
    Active outer = active.get();
    if (outer != null && !outer.readOnly() && !readOnly) {
      throw new IllegalStateException("inTransaction called for a write from inside a write");
    }
    if (outer != null && outer.readOnly() && readOnly) {
      // A read nested in a read shares the outer one's connection and snapshot: taking a second
      // connection could wait forever once every connection is held by an outer read.
      PgTransaction tx = new PgTransaction(outer.db(), true);
      try {
        return work.run(tx);
      } finally {
        tx.end();
      }
    }
    Connection db;
    try {
      db = (readOnly ? reads : writes).getConnection();
    } catch (SQLException e) {
      throw PgErrors.map("taking a database connection", e, null);
    }
    active.set(new Active(db, readOnly));
    try (db) {
      return run(db, readOnly, work);
    } finally {
      if (outer == null) {
        active.remove();
      } else {
        active.set(outer);
      }
    }
  }

  private static <T> T run(Connection db, boolean readOnly, Work<T> work) throws Exception {
    PgTransaction tx = new PgTransaction(db, readOnly);
    T result;
    try {
      result = work.run(tx);
    } catch (Throwable t) {
      rollbackQuietly(db);
      throw t;
    } finally {
      tx.end();
    }
    if (tx.failure() != null) {
      rollbackQuietly(db); // The work swallowed a storage failure: its writes are suspect.
      throw tx.failure();
    }
    try {
      if (readOnly) {
        db.rollback(); // Nothing to keep; ends the snapshot.
      } else {
        db.commit();
      }
    } catch (SQLException e) {
      rollbackQuietly(db);
      throw PgErrors.map(readOnly ? "ending a read transaction" : "committing", e, null);
    }
    return result;
  }

  private static void rollbackQuietly(Connection db) {
    try {
      db.rollback();
    } catch (SQLException ignored) {
      // The connection is broken; the pool discards it and the transaction dies with it.
    }
  }

  /** Closes the pools and their connections. Later calls do nothing. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      reads.close();
      writes.close();
    }
  }
}
