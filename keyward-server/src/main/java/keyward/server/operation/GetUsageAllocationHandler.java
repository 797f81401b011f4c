package keyward.server.operation;

import java.util.EnumSet;
import java.util.Optional;
import keyward.kmip.spec.CryptographicUsageMask;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.State;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.KmipException;
import keyward.server.object.KeyBlocks;
import keyward.server.object.Lifecycle;
import keyward.server.object.ManagedObject;

/**
 * Get Usage Allocation (1.4 §4.18): takes units from the object's Usage Limits Count for
 * applying protection. Only an Active object before its Protect Stop Date, with Usage Limits and
 * a usage mask that allows applying protection, is allocated; the amount must remain (Usage
 * Limit Exceeded; 1.x: Permission Denied, TC-51-12). The server counts the whole allocation as
 * used.
 */
public final class GetUsageAllocationHandler implements OperationHandler {
  private static final EnumSet<CryptographicUsageMask> PROTECTING = EnumSet.of(
      CryptographicUsageMask.SIGN, CryptographicUsageMask.ENCRYPT, CryptographicUsageMask.WRAP_KEY,
      CryptographicUsageMask.MAC_GENERATE, CryptographicUsageMask.DERIVE_KEY,
      CryptographicUsageMask.CERTIFICATE_SIGN, CryptographicUsageMask.CRL_SIGN);

  @Override
  public Operation operation() {
    return Operation.GET_USAGE_ALLOCATION;
  }

  @Override
  public Item.Structure handle(OperationContext context, Item.Structure payload) throws Exception {
    String uid = Payloads.uniqueIdentifier(context, payload);
    long amount = Payloads.longInteger(payload, Tag.USAGE_LIMITS_COUNT)
        .orElseThrow(() -> KmipException.invalidField("Usage Limits Count is required"));
    if (amount <= 0) {
      throw KmipException.invalidField("Usage Limits Count must be positive");
    }
    ManagedObject mo = Payloads.online(context, uid);
    State s = mo.state(context.now());
    if (s != State.ACTIVE) {
      throw new KmipException(ResultReason.WRONG_KEY_LIFECYCLE_STATE,
          "object is " + s.specName() + ": only an Active object may apply protection");
    }
    if (Lifecycle.date(mo.attributes(), Tag.PROTECT_STOP_DATE).map(d -> !d.isAfter(context.now())).orElse(false)) {
      throw KmipException.permissionDenied("the Protect Stop Date has passed");
    }
    if (!KeyBlocks.hasKeyBlock(mo.objectType()) || !mayProtect(mo)) {
      throw KmipException.permissionDenied("the object is not used for applying cryptographic protection");
    }
    Item.Structure limits = mo.attributes().first(Tag.USAGE_LIMITS).filter(Item.Structure.class::isInstance)
        .map(Item.Structure.class::cast)
        .orElseThrow(() -> KmipException.permissionDenied("the object has no Usage Limits"));
    Optional<Long> left = CheckHandler.remaining(mo);
    if (left.isEmpty() || amount > left.get()) {
      throw new KmipException(ResultReason.USAGE_LIMIT_EXCEEDED, "Unable to allocate requested amount");
    }
    mo.attributes().set(KeyBlocks.replace(limits, Tag.USAGE_LIMITS_COUNT,
        new Item.LongInteger(Tag.USAGE_LIMITS_COUNT, left.get() - amount)));
    context.objects().save(mo);
    return Payloads.response(Payloads.uid(uid));
  }

  private static boolean mayProtect(ManagedObject mo) {
    Optional<Item> mask = mo.attributes().first(Tag.CRYPTOGRAPHIC_USAGE_MASK);
    if (mask.isEmpty() || !(mask.get() instanceof Item.Integer m)) {
      return true; // no mask: nothing limits the usage
    }
    return CryptographicUsageMask.fromBits(m.value()).stream().anyMatch(PROTECTING::contains);
  }
}
