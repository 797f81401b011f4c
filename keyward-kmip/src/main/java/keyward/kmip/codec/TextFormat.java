package keyward.kmip.codec;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import keyward.kmip.spec.EnumInfo;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;

/**
 * A readable dump of an item tree for logs and the command line: one line per item, indented by
 * depth, in the layout {@code name | type | length | value}, where length is the TTLV value
 * length in bytes. Enumeration values and mask bits are shown by name.
 *
 * <p>It never shows key material. Byte strings and big integers show only their length unless
 * the tag is on a short allow-list of values that are public by definition; the Password and One
 * Time Password text strings are hidden too. Digest Value, IV/Counter/Nonce, Nonce Value and the like stay hidden: a
 * digest of a short secret lets anyone test guesses against it, and the others need no showing
 * to follow a conversation. The output cannot be parsed back.
 */
public final class TextFormat {
  private TextFormat() {}

  /** What a hidden value prints as. */
  public static final String REDACTED = "<redacted>";

  /** Byte strings that are identifiers or public data, shown as hex (cut after SHOWN_BYTES). */
  private static final Set<java.lang.Integer> SHOWN_BYTE_STRINGS =
      Set.of(
          Tag.UNIQUE_BATCH_ITEM_ID,
          Tag.ASYNCHRONOUS_CORRELATION_VALUE,
          Tag.NONCE_ID,
          Tag.CERTIFICATE_VALUE);

  /** Text strings that are secrets: the password of a credential, a one-time password. */
  private static final Set<java.lang.Integer> HIDDEN_TEXT_STRINGS =
      Set.of(Tag.PASSWORD, Tag.ONE_TIME_PASSWORD);

  private static final int SHOWN_BYTES = 32;

  /** The dump with the newest names. */
  public static String format(Item item) {
    return format(item, null);
  }

  /** The dump with the tag and enumeration names of the version (newest names when null). */
  public static String format(Item item, KmipVersion version) {
    List<String> lines = new ArrayList<>();
    line(item, 0, null, version, lines);
    return String.join("\n", lines) + "\n";
  }

  /** Adds the item's lines and returns its TTLV value length. */
  private static long line(
      Item item, int depth, String siblingAttributeName, KmipVersion version, List<String> lines) {
    String name = EncodingNames.tagName(item.tag(), version);
    String head =
        "  ".repeat(depth) + (name != null ? name : Item.tagHex(item.tag())) + " | " + item.type().xmlName() + " | ";
    if (item instanceof Item.Structure s) {
      int at = lines.size();
      lines.add(null);
      long length = 0;
      String attributeName = null;
      for (Item child : s.items()) {
        length += 8 + padded(line(child, depth + 1, attributeName, version, lines));
        String n = EncodingNames.attributeName(child);
        if (n != null) {
          attributeName = n;
        }
      }
      lines.set(at, head + length);
      return length;
    }
    long length = length(item);
    lines.add(head + length + " | " + value(item, siblingAttributeName, version));
    return length;
  }

  private static long padded(long length) {
    return (length + 7) / 8 * 8;
  }

  private static long length(Item item) {
    return switch (item) {
      case Item.TextString t -> EncodingValues.utf8Length(t.value());
      case Item.Identifier i -> EncodingValues.utf8Length(i.value());
      case Item.Reference r -> EncodingValues.utf8Length(r.value());
      case Item.NameReference n -> EncodingValues.utf8Length(n.value());
      case Item.ByteString b -> b.value().length;
      case Item.BigInteger b -> padded(b.value().bitLength() / 8 + 1);
      default -> item.type().fixedLength();
    };
  }

  private static String value(Item item, String siblingAttributeName, KmipVersion version) {
    return switch (item) {
      case Item.Integer i -> {
        EnumInfo e = EncodingNames.enumerationFor(i.tag(), siblingAttributeName);
        yield e != null && e.mask()
            ? EncodingNames.maskValue(e, i.value(), version, " ")
            : java.lang.Integer.toString(i.value());
      }
      case Item.Enumeration e ->
          EncodingNames.enumValue(
              EncodingNames.enumerationFor(e.tag(), siblingAttributeName), e.value(), version);
      case Item.LongInteger l -> Long.toString(l.value());
      case Item.BigInteger b -> REDACTED;
      case Item.Boolean b -> java.lang.Boolean.toString(b.value());
      case Item.TextString t -> HIDDEN_TEXT_STRINGS.contains(t.tag()) ? REDACTED : quoted(t.value());
      case Item.ByteString b -> SHOWN_BYTE_STRINGS.contains(b.tag()) ? shownHex(b.value()) : REDACTED;
      case Item.DateTime d -> EncodingValues.formatDateTime(d.epochSeconds());
      case Item.Interval i -> Long.toString(i.seconds());
      case Item.DateTimeExtended d -> EncodingValues.formatDateTimeExtended(d.epochMicros());
      case Item.Identifier i -> quoted(i.value());
      case Item.Reference r -> quoted(r.value());
      case Item.NameReference n -> quoted(n.value());
      case Item.Structure s -> throw new IllegalStateException("structures have no value");
    };
  }

  private static String shownHex(byte[] b) {
    if (b.length <= SHOWN_BYTES) {
      return EncodingValues.hex(b);
    }
    return EncodingValues.hex(java.util.Arrays.copyOf(b, SHOWN_BYTES)) + "...";
  }

  /** The text in double quotes, with quotes, backslashes and control characters escaped. */
  private static String quoted(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20 || c == 0x7F) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.append('"').toString();
  }
}
