package keyward.server.operation;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import keyward.kmip.spec.AdjustmentType;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.KmipException;
import keyward.server.object.AttributeRef;
import keyward.server.object.AttributeRules;
import keyward.server.object.ManagedObject;

/**
 * Adjust Attribute (2.0+, 2.1 §6.1.3): Increment or Decrement a numeric or date attribute by
 * the Adjustment Value (1 when absent; seconds for dates and intervals), or Negate a number or
 * a Boolean. The attribute must have exactly one value and be client-modifiable in the
 * object's state; a result outside the item type's range is refused with Numeric Range.
 */
public final class AdjustAttributeHandler implements OperationHandler {

  @Override
  public Operation operation() {
    return Operation.ADJUST_ATTRIBUTE;
  }

  @Override
  public Item.Structure handle(OperationContext ctx, Item.Structure payload) throws Exception {
    ManagedObject mo = AttributePayloads.target(ctx, payload);
    Item reference = payload.first(Tag.ATTRIBUTE_REFERENCE)
        .orElseThrow(() -> KmipException.missingData("Attribute Reference missing"));
    AdjustmentType type = payload.first(Tag.ADJUSTMENT_TYPE)
        .filter(Item.Enumeration.class::isInstance)
        .map(i -> AdjustmentType.fromValue(((Item.Enumeration) i).value()))
        .orElseThrow(() -> KmipException.missingData("Adjustment Type missing or unknown"));
    Item amount = payload.first(Tag.ADJUSTMENT_VALUE).orElse(null);
    AttributeRef kind = AttributeRef.of(reference);
    List<Item> existing = mo.attributes().instances(kind);
    if (existing.isEmpty()) {
      throw new KmipException(ResultReason.ATTRIBUTE_NOT_FOUND, kind.label() + " has no value to adjust");
    }
    if (existing.size() > 1) {
      throw new KmipException(ResultReason.MULTI_VALUED_ATTRIBUTE, kind.label() + " has several values");
    }
    AttributeRules.checkClientMayChange(kind.tag(), mo.state(ctx.now()));
    Item old = existing.getFirst();
    Item adjusted;
    if (kind.isVendor()) {
      Item.Structure s = (Item.Structure) old;
      List<Item> parts = new ArrayList<>();
      for (Item part : s.items()) {
        parts.add(part.tag() == Tag.ATTRIBUTE_VALUE ? adjust(part, type, amount) : part);
      }
      adjusted = new Item.Structure(s.tag(), parts);
    } else {
      adjusted = adjust(old, type, amount);
    }
    mo.attributes().replaceInstance(kind, 0, adjusted);
    ctx.objects().save(mo);
    return AttributePayloads.response(mo, null, 0);
  }

  static Item adjust(Item v, AdjustmentType type, Item amount) throws KmipException {
    if (v instanceof Item.Boolean b) {
      if (type != AdjustmentType.NEGATE) {
        throw KmipException.invalidField("a Boolean attribute can only be negated");
      }
      return new Item.Boolean(b.tag(), !b.value());
    }
    BigInteger current = switch (v) {
      case Item.Integer i -> BigInteger.valueOf(i.value());
      case Item.LongInteger l -> BigInteger.valueOf(l.value());
      case Item.BigInteger b -> b.value();
      case Item.Interval i -> BigInteger.valueOf(i.seconds());
      case Item.DateTime d -> BigInteger.valueOf(d.epochSeconds());
      default -> throw KmipException.invalidField("the attribute is neither a number nor a date");
    };
    BigInteger next = switch (type) {
      case INCREMENT -> current.add(amount(amount));
      case DECREMENT -> current.subtract(amount(amount));
      case NEGATE -> {
        if (v instanceof Item.DateTime || v instanceof Item.Interval) {
          throw KmipException.invalidField("a date or interval cannot be negated");
        }
        yield current.negate();
      }
    };
    return switch (v) {
      case Item.Integer i -> new Item.Integer(i.tag(), (int) inRange(next, Integer.MIN_VALUE, Integer.MAX_VALUE));
      case Item.LongInteger l -> new Item.LongInteger(l.tag(), inRange(next, Long.MIN_VALUE, Long.MAX_VALUE));
      case Item.Interval i -> new Item.Interval(i.tag(), inRange(next, 0, 0xFFFFFFFFL));
      case Item.DateTime d -> new Item.DateTime(d.tag(), inRange(next, Long.MIN_VALUE, Long.MAX_VALUE));
      default -> new Item.BigInteger(v.tag(), next);
    };
  }

  private static BigInteger amount(Item amount) throws KmipException {
    if (amount == null) {
      return BigInteger.ONE;
    }
    return switch (amount) {
      case Item.Integer i -> BigInteger.valueOf(i.value());
      case Item.LongInteger l -> BigInteger.valueOf(l.value());
      case Item.BigInteger b -> b.value();
      case Item.Interval i -> BigInteger.valueOf(i.seconds());
      default -> throw KmipException.invalidField("Adjustment Value must be a number or an interval");
    };
  }

  private static long inRange(BigInteger v, long min, long max) throws KmipException {
    if (v.compareTo(BigInteger.valueOf(min)) < 0 || v.compareTo(BigInteger.valueOf(max)) > 0) {
      throw new KmipException(ResultReason.NUMERIC_RANGE, "the adjusted value is out of range");
    }
    return v.longValue();
  }
}
