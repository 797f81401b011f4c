package keyward.server.operation;

import java.util.Optional;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.KmipException;
import keyward.server.object.ManagedObject;
import keyward.server.object.ServerAttributes;

/**
 * Check (1.4 §4.10, 2.1 §6.1.7): may the client use the object as it says? The usage asked
 * must lie within the object's Cryptographic Usage Mask, the Usage Limits Count within what
 * remains, the Lease Time within the one granted. Check changes nothing, except that a failed
 * Check empties the ID Placeholder. Failures: Incompatible Cryptographic Usage Mask (BL-M-2/3-21),
 * Usage Limit Exceeded, Permission Denied for the lease; a 1.x client gets Permission Denied for
 * each (1.4 Table 337: "the client is not allowed to use the object according to the specified
 * attributes").
 */
public final class CheckHandler implements OperationHandler {

  @Override
  public Operation operation() {
    return Operation.CHECK;
  }

  @Override
  public boolean readOnly() {
    return true;
  }

  @Override
  public Item.Structure handle(OperationContext context, Item.Structure payload) throws Exception {
    String uid = Payloads.uniqueIdentifier(context, payload);
    ManagedObject mo = Payloads.online(context, uid);
    try {
      check(mo, payload);
    } catch (KmipException e) {
      context.batch().setIdPlaceholder(null);
      throw context.version().atLeast(KmipVersion.V2_0) || e.reason() == ResultReason.INVALID_FIELD
          ? e : new KmipException(ResultReason.PERMISSION_DENIED, e.getMessage());
    }
    return Payloads.response(Payloads.uid(uid));
  }

  private static void check(ManagedObject mo, Item.Structure payload) throws KmipException {
    Optional<Integer> usage = Payloads.integer(payload, Tag.CRYPTOGRAPHIC_USAGE_MASK);
    Optional<Item> mask = mo.attributes().first(Tag.CRYPTOGRAPHIC_USAGE_MASK);
    if (usage.isPresent() && mask.isPresent() && mask.get() instanceof Item.Integer m
        && (usage.get() & ~m.value()) != 0) {
      throw new KmipException(ResultReason.INCOMPATIBLE_CRYPTOGRAPHIC_USAGE_MASK, "Check Failed: usage not permitted");
    }
    Optional<Long> units = Payloads.longInteger(payload, Tag.USAGE_LIMITS_COUNT);
    if (units.isPresent()) {
      Optional<Long> left = remaining(mo);
      if (left.isPresent() && units.get() > left.get()) {
        throw new KmipException(ResultReason.USAGE_LIMIT_EXCEEDED, "Check Failed: usage limit exceeded");
      }
    }
    Optional<Long> lease = Payloads.interval(payload, Tag.LEASE_TIME);
    long granted = mo.attributes().first(Tag.LEASE_TIME).filter(Item.Interval.class::isInstance)
        .map(i -> ((Item.Interval) i).seconds()).orElse(ServerAttributes.LEASE_SECONDS);
    if (lease.isPresent() && granted != 0 && lease.get() > granted) {
      throw new KmipException(ResultReason.PERMISSION_DENIED, "Check Failed: lease longer than granted");
    }
  }

  /** The Usage Limits Count left, when the object has Usage Limits. */
  static Optional<Long> remaining(ManagedObject mo) {
    return mo.attributes().first(Tag.USAGE_LIMITS).filter(Item.Structure.class::isInstance)
        .flatMap(s -> ((Item.Structure) s).first(Tag.USAGE_LIMITS_COUNT))
        .filter(Item.LongInteger.class::isInstance).map(c -> ((Item.LongInteger) c).value());
  }
}
