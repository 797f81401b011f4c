package keyward.store.postgres;

import java.util.ArrayList;
import java.util.List;
import keyward.spi.store.Criterion;
import keyward.spi.store.LocateQuery;
import keyward.spi.store.StoreException;

/**
 * Translates a {@link LocateQuery} into SQL over {@code objects} and {@code object_index}: each
 * criterion is an {@code EXISTS} probe of the index for the candidate object (a semi-join, so an
 * object with several matching entries is returned once). PostgreSQL keeps statistics, so unlike
 * the embedded store no criterion has to be hand-picked to drive the search.
 *
 * @param from the shared {@code FROM ... WHERE ...} part
 * @param parameters the values bound to its placeholders, in order
 */
record PgLocateSql(String from, List<Object> parameters) {
  /** A Locate request carries a bounded number of attributes; this bounds the SQL built from it. */
  static final int MAX_CRITERIA = 100;

  /** Null when the query cannot match anything (neither live nor archived objects asked for). */
  static PgLocateSql of(LocateQuery query) throws StoreException {
    if (query.criteria().size() > MAX_CRITERIA) {
      throw new StoreException(
          "Locate has " + query.criteria().size() + " criteria; at most " + MAX_CRITERIA);
    }
    if (!query.includeLive() && !query.includeArchived()) {
      return null;
    }
    StringBuilder sql = new StringBuilder(" FROM objects o WHERE true");
    List<Object> parameters = new ArrayList<>();
    if (query.includeLive() != query.includeArchived()) {
      sql.append(query.includeArchived() ? " AND o.archived" : " AND NOT o.archived");
    }
    if (query.owner() != null) {
      sql.append(" AND o.owner = ?");
      parameters.add(query.owner());
    }
    for (Criterion criterion : query.criteria()) {
      sql.append(" AND EXISTS (SELECT 1 FROM object_index i WHERE i.seq = o.seq AND i.tag = ?");
      parameters.add(criterion.tag());
      switch (criterion) {
        case Criterion.TextEquals c -> {
          sql.append(" AND i.text_value = ?");
          parameters.add(c.value());
        }
        case Criterion.NumberEquals c -> {
          sql.append(" AND i.num_value = ?");
          parameters.add(c.value());
        }
        case Criterion.NumberBetween c -> {
          sql.append(" AND i.num_value BETWEEN ? AND ?");
          parameters.add(c.min());
          parameters.add(c.max());
        }
        case Criterion.BitsSet c -> {
          sql.append(" AND i.num_value IS NOT NULL AND (i.num_value & ?) = ?");
          parameters.add(c.bits());
          parameters.add(c.bits());
        }
        case Criterion.Present c -> {
          // The tag alone: any value of the attribute.
        }
      }
      sql.append(')');
    }
    return new PgLocateSql(sql.toString(), List.copyOf(parameters));
  }

  String countSql() {
    return "SELECT count(*)" + from;
  }

  /** Two more parameters follow {@link #parameters}: the limit (null: none) and the offset. */
  String pageSql() {
    return "SELECT o.uid" + from + " ORDER BY o.seq LIMIT ? OFFSET ?";
  }
}
