package keyward.server.operation;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.Operation;

/**
 * The one list of operations the server performs. Dispatch, Query's operation list and the
 * conformance statement all read it, so they cannot drift apart.
 */
public final class OperationTable {
  private final Map<Operation, OperationHandler> handlers;

  public OperationTable(List<OperationHandler> list) {
    Map<Operation, OperationHandler> m = new EnumMap<>(Operation.class);
    for (OperationHandler h : list) {
      if (m.put(h.operation(), h) != null) {
        throw new IllegalArgumentException("two handlers for " + h.operation());
      }
    }
    this.handlers = Collections.unmodifiableMap(m);
  }

  /** The handler, or null when the server does not perform the operation. */
  public OperationHandler get(Operation operation) {
    return handlers.get(operation);
  }

  /** The operations performed, in enumeration order, that exist in the given version. */
  public List<Operation> operations(KmipVersion version) {
    return handlers.keySet().stream().filter(o -> o.definedIn(version)).toList();
  }

  public Collection<OperationHandler> all() {
    return handlers.values();
  }
}
