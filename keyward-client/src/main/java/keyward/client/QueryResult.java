package keyward.client;

import java.util.ArrayList;
import java.util.List;
import keyward.kmip.spec.ObjectType;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;

/**
 * What a Query answered: the operations and object types the server supports (values this
 * build does not know are left out), and the server's Vendor Identification if given.
 */
public record QueryResult(List<Operation> operations, List<ObjectType> objectTypes, String vendorIdentification) {

  static QueryResult from(Item.Structure payload) {
    List<Operation> ops = new ArrayList<>();
    for (Item i : payload.all(Tag.OPERATION)) {
      if (i instanceof Item.Enumeration e && Operation.fromValue(e.value()) != null) {
        ops.add(Operation.fromValue(e.value()));
      }
    }
    List<ObjectType> types = new ArrayList<>();
    for (Item i : payload.all(Tag.OBJECT_TYPE)) {
      if (i instanceof Item.Enumeration e && ObjectType.fromValue(e.value()) != null) {
        types.add(ObjectType.fromValue(e.value()));
      }
    }
    String vendor = payload.first(Tag.VENDOR_IDENTIFICATION).filter(Item.TextString.class::isInstance)
        .map(i -> ((Item.TextString) i).value()).orElse(null);
    return new QueryResult(List.copyOf(ops), List.copyOf(types), vendor);
  }
}
