package keyward.kmip.bind;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import keyward.kmip.spec.KmipEnum;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.ttlv.Item;

/** Converts one Java value to and from one item. One instance per Java type, shared. */
abstract class Converter {

  private static final ConcurrentHashMap<Class<?>, Converter> CACHE = new ConcurrentHashMap<>();

  abstract Item toItem(int tag, Object value, KmipVersion version);

  abstract Object fromItem(Item item, KmipVersion version, String path) throws BindException;

  static Converter forType(Class<?> type) {
    return CACHE.computeIfAbsent(type, Converter::create);
  }

  private static Converter create(Class<?> t) {
    if (t == String.class) {
      return new StringConverter();
    }
    if (t == int.class || t == Integer.class) {
      return simple(
          (tag, v) -> new Item.Integer(tag, (Integer) v),
          i -> i instanceof Item.Integer x ? x.value() : null,
          "Integer");
    }
    if (t == long.class || t == Long.class) {
      return simple(
          (tag, v) -> new Item.LongInteger(tag, (Long) v),
          i -> i instanceof Item.LongInteger x ? x.value() : null,
          "LongInteger");
    }
    if (t == boolean.class || t == Boolean.class) {
      return simple(
          (tag, v) -> new Item.Boolean(tag, (Boolean) v),
          i -> i instanceof Item.Boolean x ? x.value() : null,
          "Boolean");
    }
    if (t == byte[].class) {
      return simple(
          (tag, v) -> new Item.ByteString(tag, ((byte[]) v).clone()),
          i -> i instanceof Item.ByteString x ? x.value().clone() : null,
          "ByteString");
    }
    if (t == java.math.BigInteger.class) {
      return simple(
          (tag, v) -> new Item.BigInteger(tag, (java.math.BigInteger) v),
          i -> i instanceof Item.BigInteger x ? x.value() : null,
          "BigInteger");
    }
    if (t == Instant.class) {
      return simple(
          (tag, v) -> new Item.DateTime(tag, ((Instant) v).getEpochSecond()),
          i -> i instanceof Item.DateTime x ? Instant.ofEpochSecond(x.epochSeconds()) : null,
          "DateTime");
    }
    if (t == Duration.class) {
      return simple(
          (tag, v) -> new Item.Interval(tag, ((Duration) v).getSeconds()),
          i -> i instanceof Item.Interval x ? Duration.ofSeconds(x.seconds()) : null,
          "Interval");
    }
    if (t == Item.class || t == Item.Structure.class) {
      return new ItemConverter(t);
    }
    if (t.isEnum() && KmipEnum.class.isAssignableFrom(t)) {
      return new EnumConverter(t);
    }
    if (t.isRecord()) {
      return new RecordConverter(t.asSubclass(Record.class));
    }
    throw new IllegalArgumentException("no KMIP binding for " + t);
  }

  interface Encode {
    Item apply(int tag, Object value);
  }

  interface Decode {
    Object apply(Item item);
  }

  private static Converter simple(Encode enc, Decode dec, String typeName) {
    return new Converter() {
      @Override
      Item toItem(int tag, Object value, KmipVersion version) {
        return enc.apply(tag, value);
      }

      @Override
      Object fromItem(Item item, KmipVersion version, String path) throws BindException {
        Object v = dec.apply(item);
        if (v == null) {
          throw new BindException(BindException.Kind.WRONG_TYPE, path, "expected " + typeName);
        }
        return v;
      }
    };
  }

  /** Text String; KMIP 3.0's Identifier, Reference and Name Reference read as strings too. */
  private static final class StringConverter extends Converter {
    @Override
    Item toItem(int tag, Object value, KmipVersion version) {
      return new Item.TextString(tag, (String) value);
    }

    @Override
    Object fromItem(Item item, KmipVersion version, String path) throws BindException {
      return switch (item) {
        case Item.TextString s -> s.value();
        case Item.Identifier s -> s.value();
        case Item.Reference s -> s.value();
        case Item.NameReference s -> s.value();
        default -> throw new BindException(BindException.Kind.WRONG_TYPE, path, "expected TextString");
      };
    }
  }

  /** A raw subtree (payloads, attribute values) passed through as it is. */
  private static final class ItemConverter extends Converter {
    private final Class<?> type;

    ItemConverter(Class<?> type) {
      this.type = type;
    }

    @Override
    Item toItem(int tag, Object value, KmipVersion version) {
      Item item = (Item) value;
      if (item.tag() != tag) {
        throw new IllegalArgumentException(
            "item tagged " + Item.tagHex(item.tag()) + " in a field tagged " + Item.tagHex(tag));
      }
      return item;
    }

    @Override
    Object fromItem(Item item, KmipVersion version, String path) throws BindException {
      if (!type.isInstance(item)) {
        throw new BindException(BindException.Kind.WRONG_TYPE, path, "expected a Structure");
      }
      return item;
    }
  }

  /** An Enumeration bound to a generated enum; values the version does not define are refused. */
  private static final class EnumConverter extends Converter {
    private final Map<Integer, Object> byValue = new HashMap<>();

    EnumConverter(Class<?> type) {
      for (Object c : type.getEnumConstants()) {
        byValue.putIfAbsent(((KmipEnum) c).value(), c);
      }
    }

    @Override
    Item toItem(int tag, Object value, KmipVersion version) {
      KmipEnum e = (KmipEnum) value;
      if (!e.definedIn(version)) {
        throw new IllegalArgumentException(e.specName() + " does not exist in KMIP " + version);
      }
      return new Item.Enumeration(tag, e.value());
    }

    @Override
    Object fromItem(Item item, KmipVersion version, String path) throws BindException {
      if (!(item instanceof Item.Enumeration e)) {
        throw new BindException(BindException.Kind.WRONG_TYPE, path, "expected Enumeration");
      }
      Object c = byValue.get(e.value());
      if (c == null) {
        throw new BindException(
            BindException.Kind.BAD_VALUE, path, String.format("unknown value 0x%08X", e.value()));
      }
      return c;
    }
  }

  private static final class RecordConverter extends Converter {
    private final Class<? extends Record> type;

    RecordConverter(Class<? extends Record> type) {
      this.type = type;
    }

    @Override
    Item toItem(int tag, Object value, KmipVersion version) {
      return Binder.toItem((Record) value, tag, version);
    }

    @Override
    Object fromItem(Item item, KmipVersion version, String path) throws BindException {
      return Binder.fromItem(item, type, version, path);
    }
  }
}
