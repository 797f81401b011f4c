package keyward.store;

import java.util.ArrayList;
import java.util.List;
import keyward.spi.store.Criterion;
import keyward.spi.store.LocateQuery;
import keyward.spi.store.StoreException;

/**
 * Translates a {@link LocateQuery} into SQL over {@code objects} and {@code object_index}. One
 * criterion drives the search; each other criterion is an {@code EXISTS} probe of the index for
 * that candidate.
 *
 * <p>An exact-value driver (a Name, an Object Type) reads its index entries in creation order,
 * {@code FROM object_index d JOIN objects o ... WHERE d.tag = ? AND d.num_value = ? GROUP BY
 * d.seq}: the index is ordered by (tag, value, seq), so SQLite walks it in the order the answer
 * needs (no sort; the GROUP BY folds an object's duplicate entries without a temporary table)
 * and a Maximum Items of 10 stops after 10 matches, whatever the store holds. Other drivers
 * (range, mask, presence) cannot read in seq order; they keep {@code o.seq IN (SELECT seq FROM
 * object_index ...)}, which collects every match first.
 *
 * @param from the shared {@code FROM ... WHERE ...} part
 * @param parameters the values bound to its placeholders, in order
 * @param grouped whether the statement reads the driver's entries (folded per object)
 */
record LocateSql(String from, List<Object> parameters, boolean grouped) {
  /** A Locate request carries a bounded number of attributes; this bounds the SQL built from it. */
  static final int MAX_CRITERIA = 100;

  /**
   * Matches are counted up to this many; above it Located Items is omitted (KMIP lets a server
   * that will not count every match leave it out), so a Locate for a page of a million matches
   * costs a bounded count, not a million probes.
   */
  static final int MAX_COUNTED = 1_000;

  /** Null when the query cannot match anything (neither live nor archived objects asked for). */
  static LocateSql of(LocateQuery query) throws StoreException {
    if (query.criteria().size() > MAX_CRITERIA) {
      throw new StoreException(
          "Locate has " + query.criteria().size() + " criteria; at most " + MAX_CRITERIA);
    }
    if (!query.includeLive() && !query.includeArchived()) {
      return null;
    }
    Criterion driver = driver(query.criteria());
    boolean indexOrder = driver instanceof Criterion.TextEquals
        || driver instanceof Criterion.NumberEquals;
    StringBuilder sql = new StringBuilder();
    List<Object> parameters = new ArrayList<>();
    if (indexOrder) {
      sql.append(" FROM object_index d JOIN objects o ON o.seq = d.seq WHERE ");
      condition(driver, "d", sql, parameters);
    } else {
      sql.append(" FROM objects o WHERE 1 = 1");
    }
    if (query.includeLive() != query.includeArchived()) {
      sql.append(query.includeArchived() ? " AND o.archived = 1" : " AND o.archived = 0");
    }
    if (query.owner() != null) {
      // With criteria, the unary + keeps SQLite from walking objects_owner_seq (all of one
      // owner's objects) when the criteria's index lookups are the narrow path; the planner has
      // no statistics to tell which is narrower, and an owner may hold most objects.
      sql.append(query.criteria().isEmpty() ? " AND o.owner = ?" : " AND +o.owner = ?");
      parameters.add(query.owner());
    }
    for (Criterion criterion : query.criteria()) {
      if (criterion == driver) {
        if (indexOrder) {
          continue;
        }
        sql.append(" AND o.seq IN (");
        if (criterion instanceof Criterion.Present) {
          // Each value sits in the partial index for its kind: look in both.
          sql.append("SELECT d.seq FROM object_index d WHERE d.tag = ? AND d.text_value IS NOT NULL"
              + " UNION ALL SELECT d.seq FROM object_index d WHERE d.tag = ?"
              + " AND d.num_value IS NOT NULL");
          parameters.add(criterion.tag());
          parameters.add(criterion.tag());
        } else {
          sql.append("SELECT d.seq FROM object_index d WHERE ");
          condition(criterion, "d", sql, parameters);
        }
      } else {
        sql.append(" AND EXISTS (SELECT 1 FROM object_index i WHERE i.seq = o.seq AND ");
        condition(criterion, "i", sql, parameters);
      }
      sql.append(')');
    }
    return new LocateSql(sql.toString(), List.copyOf(parameters), indexOrder);
  }

  /**
   * The criterion whose index lookup drives the search; the others are checked per candidate.
   * Without statistics SQLite cannot tell a Name (one object) from an Object Type (most
   * objects), so the kind decides: exact text first, then exact number, range, mask, presence.
   */
  private static Criterion driver(List<Criterion> criteria) {
    Criterion best = null;
    for (Criterion criterion : criteria) {
      if (best == null || rank(criterion) < rank(best)) {
        best = criterion;
      }
    }
    return best;
  }

  private static int rank(Criterion criterion) {
    return switch (criterion) {
      case Criterion.TextEquals c -> 0;
      case Criterion.NumberEquals c -> 1;
      case Criterion.NumberBetween c -> 2;
      case Criterion.BitsSet c -> 3;
      case Criterion.Present c -> 4;
    };
  }

  private static void condition(Criterion criterion, String alias, StringBuilder sql,
      List<Object> parameters) {
    sql.append(alias).append(".tag = ?");
    parameters.add(criterion.tag());
    switch (criterion) {
      case Criterion.TextEquals c -> {
        sql.append(" AND ").append(alias).append(".text_value = ?");
        parameters.add(c.value());
      }
      case Criterion.NumberEquals c -> {
        sql.append(" AND ").append(alias).append(".num_value = ?");
        parameters.add(c.value());
      }
      case Criterion.NumberBetween c -> {
        sql.append(" AND ").append(alias).append(".num_value BETWEEN ? AND ?");
        parameters.add(c.min());
        parameters.add(c.max());
      }
      case Criterion.BitsSet c -> {
        // The IS NOT NULL lets SQLite use the partial number index; & alone does not imply it.
        sql.append(" AND ").append(alias).append(".num_value IS NOT NULL AND (")
            .append(alias).append(".num_value & ?) = ?");
        parameters.add(c.bits());
        parameters.add(c.bits());
      }
      case Criterion.Present c -> {
        // The tag alone: any value of the attribute.
      }
    }
  }

  /** One more parameter follows {@link #parameters}: the most matches to count. */
  String countSql() {
    return "SELECT count(*) FROM (SELECT 1" + from + group() + " LIMIT ?)";
  }

  /** Two more parameters follow {@link #parameters}: the limit (-1: none) and the offset. */
  String pageSql() {
    return "SELECT o.uid" + from + group() + " ORDER BY " + (grouped ? "d.seq" : "o.seq")
        + " LIMIT ? OFFSET ?";
  }

  private String group() {
    return grouped ? " GROUP BY d.seq" : "";
  }
}
