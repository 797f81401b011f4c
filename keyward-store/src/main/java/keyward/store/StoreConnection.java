package keyward.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One SQLite connection with its prepared statements kept for reuse. Used by one thread at a time
 * (the writer lock or a read-pool lease guarantees it), so nothing here is synchronised.
 *
 * <p>Transactions are driven with plain BEGIN/COMMIT/SAVEPOINT statements while JDBC stays in
 * auto-commit mode: the driver then issues no statements of its own (with auto-commit off it would
 * begin the next transaction eagerly).
 */
final class StoreConnection implements AutoCloseable {
  /** Locate builds one statement per criteria shape; a bound keeps that cache small. */
  private static final int MAX_CACHED = 128;

  private final Connection connection;
  private final Map<String, PreparedStatement> cache =
      new LinkedHashMap<>(32, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> eldest) {
          if (size() <= MAX_CACHED) {
            return false;
          }
          closeQuietly(eldest.getValue());
          return true;
        }
      };

  StoreConnection(Connection connection) {
    this.connection = connection;
  }

  PreparedStatement prepare(String sql) throws SQLException {
    PreparedStatement statement = cache.get(sql);
    if (statement == null) {
      statement = connection.prepareStatement(sql);
      cache.put(sql, statement);
    }
    return statement;
  }

  /**
   * Drops every cached statement. Needed after a failed statement: the driver finalizes a
   * statement that fails with most result codes (disk full, I/O error), and reusing it fails.
   */
  void discardStatements() {
    for (PreparedStatement statement : cache.values()) {
      closeQuietly(statement);
    }
    cache.clear();
  }

  /** Runs a statement prepared once (for the transaction control on every write). */
  void executePrepared(String sql) throws SQLException {
    try {
      prepare(sql).execute();
    } catch (SQLException e) {
      discardStatements(); // See discardStatements: the failed one may be finalized.
      throw e;
    }
  }

  void execute(String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  /** Runs a statement and ignores its failure: for cleanup after an error already reported. */
  void executeQuietly(String sql) {
    try {
      execute(sql);
    } catch (SQLException ignored) {
      // The original failure is what the caller reports.
    }
  }

  Connection jdbc() {
    return connection;
  }

  @Override
  public void close() throws SQLException {
    discardStatements();
    connection.close();
  }

  private static void closeQuietly(Statement statement) {
    try {
      statement.close();
    } catch (SQLException ignored) {
      // Closing the connection releases it anyway.
    }
  }
}
