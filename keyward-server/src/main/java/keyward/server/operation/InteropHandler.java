package keyward.server.operation;

import keyward.kmip.spec.InteropFunction;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.KmipException;

/**
 * Interop (2.0+): the test-control operation the 2.1 BL cases open and close with (Begin, End,
 * Reset). The server keeps no per-test state, so each function succeeds with an empty payload;
 * an unknown function is an Invalid Field.
 */
public final class InteropHandler implements OperationHandler {

  @Override
  public Operation operation() {
    return Operation.INTEROP;
  }

  @Override
  public boolean readOnly() {
    return true;
  }

  @Override
  public Item.Structure handle(OperationContext context, Item.Structure payload) throws Exception {
    Integer function = Payloads.enumeration(payload, Tag.INTEROP_FUNCTION)
        .orElseThrow(() -> KmipException.invalidField("Interop Function is required"));
    if (InteropFunction.fromValue(function) == null) {
      throw KmipException.invalidField("unknown Interop Function");
    }
    if (!(payload.first(Tag.INTEROP_IDENTIFIER).orElse(null) instanceof Item.TextString)) {
      throw KmipException.invalidField("Interop Identifier is required");
    }
    return Payloads.response();
  }
}
