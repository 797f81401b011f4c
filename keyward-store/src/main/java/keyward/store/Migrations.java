package keyward.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import keyward.spi.store.StoreException;

/**
 * Brings the schema to the newest version on open. Migration {@code n} is the resource
 * {@code sql/sqlite/V<n>.sql}, applied with its {@code schema_version} row in one transaction, so
 * a crash mid-migration leaves the previous version intact. Versions are numbered 1, 2, 3... with
 * no gaps; a database newer than this code is refused rather than guessed at.
 */
final class Migrations {
  private static final String RESOURCE_DIR = "sql/sqlite/";

  private Migrations() {}

  /** The newest version shipped in the resources. */
  static int latest() {
    int version = 0;
    while (Migrations.class.getResource(RESOURCE_DIR + "V" + (version + 1) + ".sql") != null) {
      version++;
    }
    return version;
  }

  /** Applies the missing migrations; returns the schema version afterwards. */
  static int apply(StoreConnection db, Path database) throws StoreException {
    int latest = latest();
    int current;
    try {
      db.execute("CREATE TABLE IF NOT EXISTS schema_version ("
          + "version INTEGER NOT NULL PRIMARY KEY, applied_at TEXT NOT NULL)");
      current = currentVersion(db);
    } catch (SQLException e) {
      throw SqliteErrors.map("reading the schema version", database, e);
    }
    if (current > latest) {
      throw new StoreException("the database schema is version " + current
          + ", newer than this Keyward supports (" + latest + ") [" + database + "]");
    }
    for (int version = current + 1; version <= latest; version++) {
      List<String> statements = statements(version);
      try {
        db.execute("BEGIN IMMEDIATE");
        for (String statement : statements) {
          db.execute(statement);
        }
        try (PreparedStatement insert = db.jdbc().prepareStatement(
            "INSERT INTO schema_version (version, applied_at) VALUES (?, datetime('now'))")) {
          insert.setInt(1, version);
          insert.executeUpdate();
        }
        db.execute("COMMIT");
      } catch (SQLException e) {
        db.executeQuietly("ROLLBACK");
        throw SqliteErrors.map("applying schema migration V" + version, database, e);
      }
    }
    return latest;
  }

  static int currentVersion(StoreConnection db) throws SQLException {
    try (PreparedStatement select = db.jdbc().prepareStatement(
            "SELECT coalesce(max(version), 0) FROM schema_version");
        ResultSet row = select.executeQuery()) {
      row.next();
      return row.getInt(1);
    }
  }

  /** The statements of one migration: each ends with ";" at the end of a line. */
  static List<String> statements(int version) {
    String name = RESOURCE_DIR + "V" + version + ".sql";
    String text;
    try (InputStream in = Migrations.class.getResourceAsStream(name)) {
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
