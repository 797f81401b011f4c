package keyward.store.postgres;

import java.sql.SQLException;
import keyward.spi.store.StoreException;

/**
 * Turns JDBC failures into {@link StoreException}s. Messages carry the SQLState and PostgreSQL's
 * message, never row contents: connections are opened with {@code logServerErrorDetail=false},
 * since a constraint error's detail ("Failing row contains ...") would show the row's bytes.
 */
final class PgErrors {
  /** serialization_failure and deadlock_detected: another transaction won; retrying may work. */
  private static final String SERIALIZATION_FAILURE = "40001";
  private static final String DEADLOCK_DETECTED = "40P01";

  private PgErrors() {}

  static StoreException map(String action, SQLException e, String uid) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    if ((state.equals(SERIALIZATION_FAILURE) || state.equals(DEADLOCK_DETECTED)) && uid != null) {
      StoreException conflict = new StoreException.Conflict(uid);
      conflict.initCause(e);
      return conflict;
    }
    if (state.startsWith("08")) {
      return new StoreException(action + " failed: the database connection failed (SQLState "
          + state + "): " + e.getMessage(), e);
    }
    return new StoreException(action + " failed (SQLState " + state + "): " + e.getMessage(), e);
  }
}
