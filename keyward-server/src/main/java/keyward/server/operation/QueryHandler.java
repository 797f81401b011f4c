package keyward.server.operation;

import java.util.ArrayList;
import java.util.List;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.ObjectType;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.QueryFunction;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;

/**
 * Query: what the server offers. The operation list comes from the dispatch table itself, so
 * it cannot claim an operation that is not wired (or omit one that is).
 */
public final class QueryHandler implements OperationHandler {
  static final String VENDOR = "Keyward";

  // the table holds this handler too, so it is read when a Query arrives
  private final java.util.function.Supplier<OperationTable> table;
  private final List<ObjectType> objectTypes;
  private final String serverVersion;

  public QueryHandler(java.util.function.Supplier<OperationTable> table, List<ObjectType> objectTypes, String serverVersion) {
    this.table = table;
    this.objectTypes = List.copyOf(objectTypes);
    this.serverVersion = serverVersion;
  }

  @Override
  public Operation operation() {
    return Operation.QUERY;
  }

  @Override
  public boolean readOnly() {
    return true;
  }

  @Override
  public Item.Structure handle(OperationContext context, Item.Structure payload) {
    KmipVersion v = context.version();
    List<Item> out = new ArrayList<>();
    List<QueryFunction> asked = new ArrayList<>();
    for (Item i : payload.all(Tag.QUERY_FUNCTION)) {
      if (i instanceof Item.Enumeration e) {
        QueryFunction f = QueryFunction.fromValue(e.value());
        if (f != null) {
          asked.add(f);
        }
      }
    }
    if (asked.contains(QueryFunction.QUERY_OPERATIONS)) {
      for (Operation op : table.get().operations(v)) {
        out.add(new Item.Enumeration(Tag.OPERATION, op.value()));
      }
    }
    if (asked.contains(QueryFunction.QUERY_OBJECTS)) {
      for (ObjectType t : objectTypes) {
        if (t.definedIn(v)) {
          out.add(new Item.Enumeration(Tag.OBJECT_TYPE, t.value()));
        }
      }
    }
    if (asked.contains(QueryFunction.QUERY_SERVER_INFORMATION)) {
      out.add(new Item.TextString(Tag.VENDOR_IDENTIFICATION, VENDOR));
      if (v.atLeast(KmipVersion.V2_0)) {
        // Server Name / Server Version exist from 2.0; 1.x leaves the structure's contents open
        out.add(new Item.Structure(Tag.SERVER_INFORMATION,
            new Item.TextString(Tag.SERVER_NAME, "Keyward"),
            new Item.TextString(Tag.SERVER_VERSION, serverVersion)));
      }
    }
    return new Item.Structure(Tag.RESPONSE_PAYLOAD, orderLikeSpec(out));
  }

  /** Response fields in the spec's order: Operation*, Object Type*, Vendor Identification, ... */
  private static List<Item> orderLikeSpec(List<Item> items) {
    List<Item> sorted = new ArrayList<>(items);
    sorted.sort(java.util.Comparator.comparingInt(QueryHandler::rank));
    return sorted;
  }

  private static int rank(Item i) {
    if (i.tag() == Tag.OPERATION) {
      return 0;
    }
    if (i.tag() == Tag.OBJECT_TYPE) {
      return 1;
    }
    if (i.tag() == Tag.VENDOR_IDENTIFICATION) {
      return 2;
    }
    return 3;
  }
}
