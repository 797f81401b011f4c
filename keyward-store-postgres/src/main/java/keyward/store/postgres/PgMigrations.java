package keyward.store.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import keyward.spi.store.StoreException;

/**
 * Brings the schema to the newest version on start. Migration {@code n} is the resource
 * {@code sql/V<n>.sql}; all missing ones run in one transaction with their {@code
 * keyward_schema_version} rows (PostgreSQL's DDL is transactional, so a failure leaves the
 * previous version intact). Nodes starting at once serialise on an advisory lock: one migrates,
 * the others then find nothing to do. A database newer than this code is refused.
 */
final class PgMigrations {
  private static final String RESOURCE_DIR = "sql/";
  /** Advisory lock key for migrations: "keyward" in ASCII, so it is recognisable in pg_locks. */
  private static final long MIGRATION_LOCK = 0x6b6579776172_64L;

  private PgMigrations() {}

  static int latest() {
    int version = 0;
    while (PgMigrations.class.getResource(RESOURCE_DIR + "V" + (version + 1) + ".sql") != null) {
      version++;
    }
    return version;
  }

  /** Applies the missing migrations on {@code db} (not in auto-commit); returns the version. */
  static int apply(Connection db) throws SQLException, StoreException {
    int latest = latest();
    try (Statement s = db.createStatement()) {
      s.execute("SELECT pg_advisory_xact_lock(" + MIGRATION_LOCK + ")");
      s.execute("CREATE TABLE IF NOT EXISTS keyward_schema_version ("
          + "version integer NOT NULL PRIMARY KEY, applied_at timestamptz NOT NULL)");
      int current;
      try (ResultSet row = s.executeQuery(
          "SELECT coalesce(max(version), 0) FROM keyward_schema_version")) {
        row.next();
        current = row.getInt(1);
      }
      if (current > latest) {
        db.rollback();
        throw new StoreException("the database schema is version " + current
            + ", newer than this Keyward supports (" + latest + ")");
      }
      for (int version = current + 1; version <= latest; version++) {
        for (String statement : statements(version)) {
          s.execute(statement);
        }
        try (PreparedStatement insert = db.prepareStatement(
            "INSERT INTO keyward_schema_version (version, applied_at) VALUES (?, now())")) {
          insert.setInt(1, version);
          insert.executeUpdate();
        }
      }
      db.commit();
      return latest;
    } catch (SQLException | RuntimeException e) {
      db.rollback();
      throw e;
    }
  }

  /** The statements of one migration: each ends with ";" at the end of a line. */
  static List<String> statements(int version) {
    String name = RESOURCE_DIR + "V" + version + ".sql";
    String text;
    try (InputStream in = PgMigrations.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing migration resource " + name);
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("reading migration resource " + name, e);
    }
    List<String> statements = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : text.split("\n")) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("--")) {
        continue;
      }
      current.append(line).append('\n');
      if (trimmed.endsWith(";")) {
        statements.add(current.toString().strip());
        current.setLength(0);
      }
    }
    if (!current.toString().isBlank()) {
      throw new IllegalStateException(name + " ends without ';'");
    }
    return statements;
  }
}
