package keyward.kmip.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import keyward.kmip.codec.DecodeException.Reason;
import keyward.kmip.spec.EnumInfo;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.ttlv.Item;
import keyward.kmip.ttlv.ItemType;

/**
 * The KMIP JSON encoding (KMIP Additional Message Encodings v1.0 §4.1): every item is an object
 * {@code {"tag": "ActivationDate", "type": "DateTime", "value": "..."}}; a tag is a normalised
 * name or "0x42xxxx"; "type" may be left out for a Structure, whose value is an array of items.
 * Enumerations are names or "0x"-hex strings (numbers are read too); masks are names and hex
 * joined by '|'; Integer and Interval are numbers; Long Integer and Big Integer are numbers up
 * to ±2^52 and "0x"-hex strings beyond, so that readers holding doubles lose nothing; Byte
 * String is hex; dates are xsd:dateTime strings.
 *
 * <p>Read and written with Jackson's streaming API; every count, depth and length is checked
 * against {@link CodecLimits} before the value is built. Instances are immutable and
 * thread-safe.
 */
public final class JsonCodec {

  private final CodecLimits limits;
  private final JsonFactory factory;

  public JsonCodec() {
    this(CodecLimits.DEFAULT);
  }

  public JsonCodec(CodecLimits limits) {
    this.limits = java.util.Objects.requireNonNull(limits, "limits");
    // Jackson's own bounds sit just above ours, so that ours (with their clearer messages)
    // normally fire first while Jackson still never buffers more than they allow.
    // Hex doubles a byte string and "0x" precedes a big integer; tag and type names need room too.
    long hexChars = Math.max(2L * limits.maxStringBytes() + 2, 256);
    this.factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth((int) Math.min(java.lang.Integer.MAX_VALUE, 2L * limits.maxDepth() + 2))
                    .maxStringLength((int) Math.min(java.lang.Integer.MAX_VALUE, hexChars))
                    .maxDocumentLength(limits.maxMessageBytes())
                    .maxNumberLength(1000)
                    .build())
            .build();
  }

  /** Decodes one item (usually a RequestMessage or ResponseMessage) from JSON text. */
  public Item decode(String json) throws DecodeException {
    checkSize(json.length());
    try (JsonParser p = factory.createParser(json)) {
      return new Parser(p).document();
    } catch (JsonProcessingException e) {
      throw malformed(e);
    } catch (IOException e) {
      throw new UncheckedIOException("reading JSON from memory", e);
    }
  }

  /** Decodes one item from UTF-8 JSON bytes. */
  public Item decode(byte[] json) throws DecodeException {
    checkSize(json.length);
    try (JsonParser p = factory.createParser(json)) {
      return new Parser(p).document();
    } catch (JsonProcessingException e) {
      throw malformed(e);
    } catch (CharConversionException e) {
      // Jackson guesses UTF-16/32 from zero bytes and then finds no valid character (found by
      // JsonCodecFuzzTest); JSON between systems is UTF-8 (RFC 8259 §8.1).
      throw new DecodeException(Reason.BAD_UTF8, 0, "JSON is not valid UTF-8 text");
    } catch (IOException e) {
      throw new UncheckedIOException("reading JSON from memory", e);
    }
  }

  /** Encodes an item as compact JSON, with the tag and enumeration names of the version. */
  public String encode(Item item, KmipVersion version) {
    return encode(item, version, false);
  }

  /** Encodes an item as JSON, indented when pretty is true. */
  public String encode(Item item, KmipVersion version, boolean pretty) {
    StringWriter out = new StringWriter();
    try {
      JsonWriter.write(factory, out, item, version, pretty);
    } catch (IOException e) {
      throw new UncheckedIOException("writing JSON to memory", e);
    }
    return out.toString();
  }

  private void checkSize(long size) throws DecodeException {
    if (size > limits.maxMessageBytes()) {
      throw new DecodeException(
          Reason.MESSAGE_TOO_LARGE,
          0,
          "JSON of " + size + " characters is over the limit of " + limits.maxMessageBytes());
    }
  }

  private static DecodeException malformed(JsonProcessingException e) {
    String text = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
    // Jackson quotes an unrecognised token; it could be a pasted secret, so long ones are cut.
    text = text.replaceAll("'[^']{9,}'", "'...'");
    Reason reason = Reason.SYNTAX;
    if (e instanceof StreamConstraintsException) {
      // Jackson names the StreamReadConstraints getter of the bound that was crossed.
      if (text.contains("MaxNestingDepth")) {
        reason = Reason.DEPTH_LIMIT;
      } else if (text.contains("MaxDocumentLength")) {
        reason = Reason.MESSAGE_TOO_LARGE;
      } else if (text.contains("MaxStringLength") || text.contains("MaxNameLength")) {
        reason = Reason.STRING_TOO_LONG;
      } else {
        reason = Reason.BAD_VALUE;
      }
    }
    return new DecodeException(reason, offset(e.getLocation()), "malformed JSON: " + text);
  }

  private static long offset(JsonLocation at) {
    if (at == null) {
      return -1;
    }
    return at.getCharOffset() >= 0 ? at.getCharOffset() : at.getByteOffset();
  }

  /** A scalar "value" read before the "type" that says how to read it. */
  private record Scalar(JsonToken token, String text) {}

  /** One pass over one document. */
  private final class Parser {
    private final JsonParser p;
    private int items;

    Parser(JsonParser p) {
      this.p = p;
    }

    Item document() throws IOException, DecodeException {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw error(Reason.SYNTAX, "a KMIP JSON message is an object with tag, type and value");
      }
      Item item = object(1, null);
      if (p.nextToken() != null) {
        throw error(Reason.TRAILING_BYTES, "content after the message object");
      }
      return item;
    }

    /** Reads the object the parser is on, through its closing brace. */
    private Item object(int depth, String siblingAttributeName) throws IOException, DecodeException {
      if (depth > limits.maxDepth()) {
        throw error(Reason.DEPTH_LIMIT, "an item is nested deeper than the limit of " + limits.maxDepth());
      }
      if (++items > limits.maxItems()) {
        throw error(Reason.ITEM_LIMIT, "the message has more than " + limits.maxItems() + " items");
      }
      String tagText = null;
      String typeText = null;
      boolean hasValue = false;
      List<Item> children = null;
      Scalar scalar = null;
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken v = p.nextToken();
        switch (field) {
          case "tag" -> {
            if (tagText != null) {
              throw error(Reason.SYNTAX, "\"tag\" appears twice");
            }
            tagText = string(v, "tag");
          }
          case "type" -> {
            if (typeText != null) {
              throw error(Reason.SYNTAX, "\"type\" appears twice");
            }
            typeText = string(v, "type");
          }
          case "value" -> {
            if (hasValue) {
              throw error(Reason.SYNTAX, "\"value\" appears twice");
            }
            hasValue = true;
            if (v == JsonToken.START_ARRAY) {
              children = children(depth);
            } else {
              scalar = scalar(v);
            }
          }
          default -> throw error(Reason.SYNTAX, "unknown member " + EncodingNames.quote(field) + ": an item has tag, type and value");
        }
      }
      if (t != JsonToken.END_OBJECT) {
        throw error(Reason.SYNTAX, "expected a member name");
      }
      if (tagText == null) {
        throw error(Reason.BAD_TAG, "an item has no \"tag\"");
      }
      int tag;
      try {
        tag = EncodingNames.tag(tagText.strip());
      } catch (BadValue e) {
        throw error(e.reason(), e.getMessage());
      }
      ItemType type = typeText == null ? ItemType.STRUCTURE : ItemType.ofXmlName(typeText.strip());
      if (type == null) {
        throw error(Reason.BAD_TYPE, EncodingNames.quote(tagText) + " has an unknown type " + EncodingNames.quote(typeText));
      }
      if (!hasValue) {
        throw error(Reason.SYNTAX, EncodingNames.quote(tagText) + " has no \"value\"");
      }
      if (type == ItemType.STRUCTURE) {
        if (children == null) {
          throw error(Reason.SYNTAX, EncodingNames.quote(tagText) + " is a Structure: its value is an array of items");
        }
        return new Item.Structure(tag, children);
      }
      if (children != null) {
        throw error(Reason.SYNTAX, EncodingNames.quote(tagText) + " is a " + type.xmlName() + ", not a Structure: its value is not an array");
      }
      try {
        return value(tag, type, scalar, siblingAttributeName);
      } catch (BadValue e) {
        throw error(e.reason(), EncodingNames.quote(tagText) + " (" + type.xmlName() + "): " + e.getMessage());
      }
    }

    private List<Item> children(int depth) throws IOException, DecodeException {
      List<Item> children = new ArrayList<>();
      String attributeName = null;
      JsonToken t;
      while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
        if (t != JsonToken.START_OBJECT) {
          throw error(Reason.SYNTAX, "a Structure's value holds only item objects");
        }
        Item child = object(depth + 1, attributeName);
        String name = EncodingNames.attributeName(child);
        if (name != null) {
          attributeName = name;
        }
        children.add(child);
      }
      return children;
    }

    private String string(JsonToken t, String field) throws IOException, DecodeException {
      if (t != JsonToken.VALUE_STRING) {
        throw error(Reason.SYNTAX, "\"" + field + "\" is a string");
      }
      return p.getText();
    }

    private Scalar scalar(JsonToken t) throws IOException, DecodeException {
      return switch (t) {
        case VALUE_STRING, VALUE_NUMBER_INT -> new Scalar(t, p.getText());
        case VALUE_TRUE, VALUE_FALSE -> new Scalar(t, null);
        case VALUE_NUMBER_FLOAT -> throw error(Reason.BAD_VALUE, "KMIP numbers are integers, not fractions");
        case VALUE_NULL -> throw error(Reason.BAD_VALUE, "a value is never null");
        default -> throw error(Reason.SYNTAX, "\"value\" is a string, number, boolean or array of items");
      };
    }

    private Item value(int tag, ItemType type, Scalar v, String siblingAttributeName) throws BadValue {
      return switch (type) {
        case INTEGER -> {
          if (v.token == JsonToken.VALUE_NUMBER_INT) {
            yield new Item.Integer(
                tag, (int) EncodingValues.decimal(v.text, java.lang.Integer.MIN_VALUE, java.lang.Integer.MAX_VALUE, "Integer"));
          }
          EnumInfo e = EncodingNames.enumerationFor(tag, siblingAttributeName);
          String s = text(v, "Integer");
          yield new Item.Integer(
              tag, e != null && e.mask() ? EncodingNames.parseMask(e, s) : EncodingValues.integer(s));
        }
        case LONG_INTEGER ->
            new Item.LongInteger(
                tag,
                v.token == JsonToken.VALUE_NUMBER_INT
                    ? EncodingValues.decimal(v.text, Long.MIN_VALUE, Long.MAX_VALUE, "LongInteger")
                    : EncodingValues.longInteger(text(v, "LongInteger")));
        case BIG_INTEGER -> new Item.BigInteger(tag, bigInteger(v));
        case ENUMERATION -> {
          if (v.token == JsonToken.VALUE_NUMBER_INT) {
            yield new Item.Enumeration(tag, (int) EncodingValues.decimal(v.text, 0, 0xFFFF_FFFFL, "Enumeration"));
          }
          yield new Item.Enumeration(
              tag,
              EncodingNames.parseEnumValue(
                  EncodingNames.enumerationFor(tag, siblingAttributeName), text(v, "Enumeration")));
        }
        case BOOLEAN -> {
          if (v.token == JsonToken.VALUE_TRUE || v.token == JsonToken.VALUE_FALSE) {
            yield new Item.Boolean(tag, v.token == JsonToken.VALUE_TRUE);
          }
          String s = text(v, "Boolean");
          if (!EncodingValues.isHexForm(s)) {
            throw new BadValue("Boolean is true, false or 0x-hex");
          }
          yield new Item.Boolean(tag, EncodingValues.bool(s));
        }
        case TEXT_STRING -> new Item.TextString(tag, limited(text(v, "TextString"), "TextString"));
        case BYTE_STRING -> new Item.ByteString(tag, EncodingValues.byteString(text(v, "ByteString"), limits.maxStringBytes()));
        case DATE_TIME -> new Item.DateTime(tag, EncodingValues.dateTime(text(v, "DateTime")));
        case INTERVAL ->
            new Item.Interval(
                tag,
                v.token == JsonToken.VALUE_NUMBER_INT
                    ? EncodingValues.decimal(v.text, 0, 0xFFFF_FFFFL, "Interval")
                    : EncodingValues.interval(text(v, "Interval")));
        case DATE_TIME_EXTENDED ->
            new Item.DateTimeExtended(tag, EncodingValues.dateTimeExtended(text(v, "DateTimeExtended")));
        case IDENTIFIER -> new Item.Identifier(tag, limited(text(v, "Identifier"), "Identifier"));
        case REFERENCE -> new Item.Reference(tag, limited(text(v, "Reference"), "Reference"));
        case NAME_REFERENCE -> new Item.NameReference(tag, limited(text(v, "NameReference"), "NameReference"));
        case STRUCTURE -> throw new IllegalStateException("structures are read as arrays");
      };
    }

    private BigInteger bigInteger(Scalar v) throws BadValue {
      if (v.token == JsonToken.VALUE_NUMBER_INT) {
        // Bounded by Jackson's number length limit.
        return new BigInteger(v.text);
      }
      String s = text(v, "BigInteger").strip();
      if (!EncodingValues.isHexForm(s)) {
        throw new BadValue("BigInteger is a number or a 0x-hex string");
      }
      return EncodingValues.bigInteger(s, limits.maxStringBytes());
    }

    private static String text(Scalar v, String what) throws BadValue {
      if (v.token != JsonToken.VALUE_STRING) {
        throw new BadValue(what + " value must be a JSON string here");
      }
      return v.text;
    }

    private String limited(String s, String what) throws BadValue {
      long bytes = EncodingValues.utf8Length(s);
      if (bytes > limits.maxStringBytes()) {
        throw new BadValue(
            Reason.STRING_TOO_LONG, what + " of " + bytes + " bytes is over the limit of " + limits.maxStringBytes());
      }
      return s;
    }

    private DecodeException error(Reason reason, String message) {
      return new DecodeException(reason, offset(p.currentTokenLocation()), message);
    }
  }
}
