package keyward.store;

import java.nio.file.Path;
import java.sql.SQLException;
import keyward.spi.store.StoreException;

/**
 * Turns SQLite failures into {@link StoreException}s that say what went wrong with which file.
 * SQLite's own messages name columns and constraints, never bound values, so chaining the cause
 * leaks no object bytes.
 */
final class SqliteErrors {
  // Primary result codes (https://sqlite.org/rescode.html); extended codes keep them in the low byte.
  static final int BUSY = 5;
  static final int LOCKED = 6;
  static final int NOMEM = 7;
  static final int READONLY = 8;
  static final int IOERR = 10;
  static final int CORRUPT = 11;
  static final int FULL = 13;
  static final int CANTOPEN = 14;
  static final int CONSTRAINT = 19;
  static final int NOTADB = 26;

  private SqliteErrors() {}

  static int primaryCode(SQLException e) {
    return e.getErrorCode() & 0xff;
  }

  /**
   * True when the failure means the file can no longer be trusted to take writes (an I/O error,
   * for instance a failed fsync, or corruption): the store then refuses further writes rather
   * than acknowledge transactions whose durability is unknown.
   */
  static boolean isFatal(SQLException e) {
    int code = primaryCode(e);
    return code == IOERR || code == CORRUPT || code == NOTADB;
  }

  static StoreException map(String action, Path database, SQLException e) {
    String message = action + " failed: " + reason(e) + " [" + database + "]";
    int code = primaryCode(e);
    return code == FULL || code == READONLY ? new StoreException.Unwritable(message, e)
        : new StoreException(message, e);
  }

  private static String reason(SQLException e) {
    return switch (primaryCode(e)) {
      case FULL -> "the disk is full or the database reached its size limit";
      case READONLY -> "the database file is read-only (check its permissions and file system)";
      case CANTOPEN -> "the database file cannot be opened (check the path and permissions)";
      case IOERR -> "I/O error on the database file";
      case CORRUPT -> "the database file is corrupt";
      case NOTADB -> "the file is not a SQLite database";
      case BUSY, LOCKED -> "the database is locked by another process";
      case NOMEM -> "SQLite ran out of memory";
      case CONSTRAINT -> "a database constraint was violated";
      // The driver's own failures carry code 0; their messages name no values.
      default -> "database error (SQLite result code " + e.getErrorCode() + ": " + e.getMessage()
          + ")";
    };
  }
}
