package keyward.conformance;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import keyward.kmip.ttlv.Item;

/**
 * The placeholders of one test-case file (kmip-testcases/README.md, "Placeholders"): values
 * captured from actual responses, by name, for substitution into later requests and comparison
 * with later expected responses; and $NOW±seconds, read from the clock.
 */
final class Bindings {
  static final Pattern NOW = Pattern.compile("\\$NOW(?:([+-])(\\d{1,10}))?");
  static final Pattern NAMED = Pattern.compile("\\$([A-Z][A-Z0-9_]*)");
  private static final Pattern NUMBERED = Pattern.compile("(.*)_\\d+");
  private static final DateTimeFormatter XSD =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx").withZone(ZoneOffset.UTC);

  private Map<String, Item> values = new HashMap<>();
  private final Map<Integer, Item> lastSeen = new HashMap<>();

  /** The offset in seconds of a $NOW±s placeholder, or null when the text is not one. */
  static Long nowOffset(String placeholder) {
    Matcher m = NOW.matcher(placeholder);
    if (!m.matches()) {
      return null;
    }
    if (m.group(1) == null) {
      return 0L;
    }
    long s = Long.parseLong(m.group(2));
    return m.group(1).equals("-") ? -s : s;
  }

  /** The name of a $NAME[_n] placeholder without the '$', or null when the text is not one. */
  static String name(String placeholder) {
    Matcher m = NAMED.matcher(placeholder);
    return m.matches() && nowOffset(placeholder) == null ? m.group(1) : null;
  }

  /** Identifiers whose distinct placeholders must bind distinct values. */
  private static boolean isIdentifierFamily(String family) {
    return family.equals("UNIQUE_IDENTIFIER") || family.equals("SHORT_UNIQUE_IDENTIFIER");
  }

  private static String family(String name) {
    Matcher m = NUMBERED.matcher(name);
    return m.matches() ? m.group(1) : name;
  }

  Item get(String name) {
    return values.get(name);
  }

  boolean isBound(String name) {
    return values.containsKey(name);
  }

  /**
   * Binds name to the actual item. Returns the name of another placeholder of the same identifier
   * family that already holds this value (a conflict: "the n-th distinct identifier"), else null.
   */
  String bind(String name, Item actual) {
    String family = family(name);
    if (isIdentifierFamily(family)) {
      String v = valueText(actual);
      for (Map.Entry<String, Item> e : values.entrySet()) {
        if (family(e.getKey()).equals(family) && valueText(e.getValue()).equals(v)) {
          return e.getKey();
        }
      }
    }
    values.put(name, actual);
    return null;
  }

  /** A copy of the current bindings, for a tentative match that may be undone. */
  Map<String, Item> snapshot() {
    return new HashMap<>(values);
  }

  void restore(Map<String, Item> snapshot) {
    values = new HashMap<>(snapshot);
  }

  /**
   * Remembers the scalars of an actual response by tag: a request may use a placeholder that no
   * response bound, where the earlier expected response holds a literal (CS-BC-M-13, CS-AC-M-6:
   * literal Data, then $DATA_0); it then stands for the actual value of the same element.
   */
  void noteResponse(Item i) {
    if (i instanceof Item.Structure s) {
      s.items().forEach(this::noteResponse);
    } else {
      lastSeen.put(i.tag(), i);
    }
  }

  /**
   * The XML value text a request placeholder stands for, in an element with this tag: its binding,
   * else the last actual value of that element (see {@link #noteResponse}).
   */
  String requestValue(String placeholder, Instant now, int tag) throws ReplayException {
    Long offset = nowOffset(placeholder);
    if (offset != null) {
      return XSD.format(now.plusSeconds(offset));
    }
    String name = name(placeholder);
    if (name == null) {
      throw new ReplayException("'" + placeholder + "' is not a placeholder this runner knows");
    }
    Item v = values.get(name);
    if (v == null && !isIdentifierFamily(family(name))) { // identifiers come only from their binding
      v = lastSeen.get(tag);
    }
    if (v == null) {
      throw new ReplayException("the request uses " + placeholder + " before any response gave it a value");
    }
    return valueText(v);
  }

  /** An item's value in the form the XML encoding writes it (hex for bytes, 0x-hex for enums). */
  static String valueText(Item item) {
    Objects.requireNonNull(item);
    return switch (item) {
      case Item.TextString t -> t.value();
      case Item.ByteString b -> HexFormat.of().formatHex(b.value());
      case Item.Integer i -> Integer.toString(i.value());
      case Item.LongInteger l -> Long.toString(l.value());
      case Item.Enumeration e -> String.format("0x%08X", e.value());
      case Item.Boolean b -> Boolean.toString(b.value());
      case Item.DateTime d -> XSD.format(Instant.ofEpochSecond(d.epochSeconds()));
      case Item.Interval i -> Long.toString(i.seconds());
      case Item.BigInteger b -> HexFormat.of().formatHex(b.value().toByteArray());
      case Item.DateTimeExtended d -> String.format("0x%016X", d.epochMicros());
      case Item.Identifier i -> i.value();
      case Item.Reference r -> r.value();
      case Item.NameReference n -> n.value();
      case Item.Structure s -> throw new IllegalArgumentException("a structure has no value text");
    };
  }
}
