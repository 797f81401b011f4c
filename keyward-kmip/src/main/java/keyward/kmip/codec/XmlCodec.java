package keyward.kmip.codec;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import keyward.kmip.codec.DecodeException.Reason;
import keyward.kmip.spec.EnumInfo;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.kmip.ttlv.ItemType;

/**
 * The KMIP XML encoding (KMIP Additional Message Encodings v1.0 §6.1), as the OASIS test cases
 * write it: {@code <TagName type="Integer" value="2"/>}, Structure the default type, and
 * {@code <TTLV tag="0x540001" type="..." value="..."/>} for a tag given in hex.
 *
 * <p>Reading uses the JDK's StAX parser with DTDs and external entities refused: a document with
 * a DOCTYPE is an error. Every count, depth and length is checked against {@link CodecLimits}
 * before the value is built. Instances are immutable and thread-safe.
 */
public final class XmlCodec {

  /** The element name of the generic form, whose tag is in the {@code tag} attribute. */
  static final String GENERIC = "TTLV";

  private final CodecLimits limits;

  public XmlCodec() {
    this(CodecLimits.DEFAULT);
  }

  public XmlCodec(CodecLimits limits) {
    this.limits = java.util.Objects.requireNonNull(limits, "limits");
  }

  /**
   * A factory per document: StAX does not promise that a factory is thread-safe, and a fresh one
   * costs about 3 µs next to a parse.
   */
  private static XMLInputFactory newFactory() {
    XMLInputFactory f = XMLInputFactory.newDefaultFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
    f.setProperty(XMLInputFactory.IS_COALESCING, true);
    f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    return f;
  }

  /** Decodes one element (a RequestMessage, ResponseMessage or any other item) from XML text. */
  public Item decode(String xml) throws DecodeException {
    checkSize(xml.length());
    return parse(f -> f.createXMLStreamReader(new StringReader(xml)), false).getFirst();
  }

  /** Decodes one element from encoded XML bytes (UTF-8 unless the document declares otherwise). */
  public Item decode(byte[] xml) throws DecodeException {
    checkSize(xml.length);
    return parse(f -> f.createXMLStreamReader(new ByteArrayInputStream(xml)), false)
        .getFirst();
  }

  /**
   * Decodes an OASIS test-case file: a {@code <KMIP>} (or {@code <KmipTestCase>}) root holding
   * RequestMessage and ResponseMessage elements, in file order. Comments and text between the
   * messages (such as "# TIME 3") are ignored. The size limit applies to the whole file, the
   * depth and item limits to each message.
   */
  public List<Item> decodeTestFile(String xml) throws DecodeException {
    checkSize(xml.length());
    return parse(f -> f.createXMLStreamReader(new StringReader(xml)), true);
  }

  /** Encodes an item as indented XML, with the tag and enumeration names of the version. */
  public String encode(Item item, KmipVersion version) {
    StringBuilder sb = new StringBuilder();
    new XmlWriter(sb, version).write(item, 0, null);
    return sb.toString();
  }

  private void checkSize(long size) throws DecodeException {
    if (size > limits.maxMessageBytes()) {
      throw new DecodeException(
          Reason.MESSAGE_TOO_LARGE,
          0,
          "XML of " + size + " characters is over the limit of " + limits.maxMessageBytes());
    }
  }

  private interface Opener {
    XMLStreamReader open(XMLInputFactory factory) throws XMLStreamException;
  }

  private List<Item> parse(Opener opener, boolean testFile) throws DecodeException {
    XMLStreamReader r = null;
    try {
      r = opener.open(newFactory());
      return new Parser(r).document(testFile);
    } catch (XMLStreamException e) {
      throw malformed(e);
    } catch (java.util.MissingResourceException e) {
      // The JDK's parser, reporting some errors inside a refused DOCTYPE (an invalid character,
      // found by fuzzing), looks up a message key its bundle lacks: still a malformed document.
      throw new DecodeException(Reason.DOCTYPE_REFUSED, -1, "malformed XML: a DOCTYPE is not accepted");
    } finally {
      if (r != null) {
        try {
          r.close();
        } catch (XMLStreamException ignored) {
          // nothing was allocated that closing would free
        }
      }
    }
  }

  private static DecodeException malformed(XMLStreamException e) {
    Location at = e.getLocation();
    String text = e.getMessage() == null ? "" : e.getMessage();
    int m = text.indexOf("Message: ");
    if (m >= 0) {
      text = text.substring(m + "Message: ".length());
    }
    return new DecodeException(
        Reason.SYNTAX, at == null ? -1 : at.getCharacterOffset(), "malformed XML: " + text.strip());
  }

  /** One pass over one document; the item count restarts at each message. */
  private final class Parser {
    private final XMLStreamReader r;
    private int items;

    Parser(XMLStreamReader r) {
      this.r = r;
    }

    List<Item> document(boolean testFile) throws XMLStreamException, DecodeException {
      List<Item> out = new ArrayList<>();
      boolean rootSeen = false;
      while (r.hasNext()) {
        int event = r.next();
        switch (event) {
          case XMLStreamConstants.DTD -> throw refused();
          case XMLStreamConstants.ENTITY_REFERENCE ->
              throw error(Reason.DOCTYPE_REFUSED, "entity references are not accepted");
          case XMLStreamConstants.START_ELEMENT -> {
            if (rootSeen) {
              throw error(Reason.SYNTAX, "more than one root element");
            }
            rootSeen = true;
            if (testFile) {
              testCases(out);
            } else {
              out.add(item(1, null));
            }
          }
          case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
            if (!r.isWhiteSpace()) {
              throw error(Reason.SYNTAX, "text outside the root element");
            }
          }
          default -> {
            // comments, processing instructions, whitespace, end of document
          }
        }
      }
      if (!rootSeen) {
        throw error(Reason.TRUNCATED, "no root element");
      }
      return out;
    }

    private void testCases(List<Item> out) throws XMLStreamException, DecodeException {
      String root = r.getLocalName();
      if (!root.equals("KMIP") && !root.equals("KmipTestCase")) {
        throw error(Reason.SYNTAX, "a test file's root is <KMIP> or <KmipTestCase>, not <" + root + ">");
      }
      while (true) {
        int event = r.next();
        switch (event) {
          case XMLStreamConstants.START_ELEMENT -> {
            items = 0;
            Item message = item(1, null);
            if (message.tag() != Tag.REQUEST_MESSAGE && message.tag() != Tag.RESPONSE_MESSAGE) {
              throw error(Reason.SYNTAX, "a test file holds only RequestMessage and ResponseMessage elements");
            }
            out.add(message);
          }
          case XMLStreamConstants.END_ELEMENT -> {
            return;
          }
          case XMLStreamConstants.DTD -> throw refused();
          case XMLStreamConstants.ENTITY_REFERENCE ->
              throw error(Reason.DOCTYPE_REFUSED, "entity references are not accepted");
          default -> {
            // "# TIME n" lines, comments and whitespace between the messages
          }
        }
      }
    }

    /** Reads the element the reader is on, through its end tag. */
    private Item item(int depth, String siblingAttributeName)
        throws XMLStreamException, DecodeException {
      String element = r.getLocalName();
      if (depth > limits.maxDepth()) {
        throw error(Reason.DEPTH_LIMIT, "<" + element + "> is nested deeper than the limit of " + limits.maxDepth());
      }
      if (++items > limits.maxItems()) {
        throw error(Reason.ITEM_LIMIT, "the message has more than " + limits.maxItems() + " items");
      }
      String tagText = null;
      String typeText = null;
      String value = null;
      for (int i = 0; i < r.getAttributeCount(); i++) {
        String name = r.getAttributeLocalName(i);
        switch (name) {
          case "tag" -> tagText = r.getAttributeValue(i);
          case "type" -> typeText = r.getAttributeValue(i);
          case "value" -> value = r.getAttributeValue(i);
          default -> throw error(Reason.SYNTAX, "<" + element + "> has an unknown attribute " + EncodingNames.quote(name));
        }
      }
      int tag;
      try {
        if (element.equals(GENERIC)) {
          if (tagText == null) {
            throw error(Reason.BAD_TAG, "<TTLV> needs a tag attribute");
          }
          tag = EncodingNames.tag(tagText.strip());
        } else {
          if (tagText != null) {
            throw error(Reason.SYNTAX, "only <TTLV> takes a tag attribute, not <" + element + ">");
          }
          tag = EncodingNames.tag(element);
        }
      } catch (BadValue e) {
        throw error(e.reason(), e.getMessage());
      }
      ItemType type = typeText == null ? ItemType.STRUCTURE : ItemType.ofXmlName(typeText.strip());
      if (type == null) {
        throw error(Reason.BAD_TYPE, "<" + element + "> has an unknown type " + EncodingNames.quote(typeText));
      }
      if (type == ItemType.STRUCTURE) {
        if (value != null) {
          throw error(Reason.SYNTAX, "<" + element + "> is a Structure and takes no value attribute");
        }
        return new Item.Structure(tag, children(depth, element));
      }
      if (value == null) {
        throw error(Reason.SYNTAX, "<" + element + " type=\"" + type.xmlName() + "\"> has no value attribute");
      }
      Item item;
      try {
        item = scalar(tag, type, value, siblingAttributeName);
      } catch (BadValue e) {
        throw error(e.reason(), "<" + element + " type=\"" + type.xmlName() + "\">: " + e.getMessage());
      }
      noChildren(element);
      return item;
    }

    private List<Item> children(int depth, String element) throws XMLStreamException, DecodeException {
      List<Item> children = new ArrayList<>();
      String attributeName = null;
      while (true) {
        int event = r.next();
        switch (event) {
          case XMLStreamConstants.START_ELEMENT -> {
            Item child = item(depth + 1, attributeName);
            String name = EncodingNames.attributeName(child);
            if (name != null) {
              attributeName = name;
            }
            children.add(child);
          }
          case XMLStreamConstants.END_ELEMENT -> {
            return children;
          }
          case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
            if (!r.isWhiteSpace()) {
              throw error(Reason.SYNTAX, "text inside <" + element + ">: values go in the value attribute");
            }
          }
          case XMLStreamConstants.ENTITY_REFERENCE ->
              throw error(Reason.DOCTYPE_REFUSED, "entity references are not accepted");
          default -> {
            // comments, processing instructions
          }
        }
      }
    }

    private void noChildren(String element) throws XMLStreamException, DecodeException {
      while (true) {
        int event = r.next();
        switch (event) {
          case XMLStreamConstants.END_ELEMENT -> {
            return;
          }
          case XMLStreamConstants.START_ELEMENT ->
              throw error(Reason.SYNTAX, "<" + element + "> has a type other than Structure and cannot hold elements");
          case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
            if (!r.isWhiteSpace()) {
              throw error(Reason.SYNTAX, "text inside <" + element + ">: values go in the value attribute");
            }
          }
          case XMLStreamConstants.ENTITY_REFERENCE ->
              throw error(Reason.DOCTYPE_REFUSED, "entity references are not accepted");
          default -> {
            // comments, processing instructions
          }
        }
      }
    }

    private Item scalar(int tag, ItemType type, String v, String siblingAttributeName) throws BadValue {
      return switch (type) {
        case INTEGER -> {
          EnumInfo e = EncodingNames.enumerationFor(tag, siblingAttributeName);
          yield new Item.Integer(
              tag, e != null && e.mask() ? EncodingNames.parseMask(e, v) : EncodingValues.integer(v));
        }
        case LONG_INTEGER -> new Item.LongInteger(tag, EncodingValues.longInteger(v));
        case BIG_INTEGER -> new Item.BigInteger(tag, EncodingValues.bigInteger(v, limits.maxStringBytes()));
        case ENUMERATION ->
            new Item.Enumeration(
                tag, EncodingNames.parseEnumValue(EncodingNames.enumerationFor(tag, siblingAttributeName), v));
        case BOOLEAN -> new Item.Boolean(tag, EncodingValues.bool(v));
        case TEXT_STRING -> new Item.TextString(tag, text(v, "TextString"));
        case BYTE_STRING -> new Item.ByteString(tag, EncodingValues.byteString(v, limits.maxStringBytes()));
        case DATE_TIME -> new Item.DateTime(tag, EncodingValues.dateTime(v));
        case INTERVAL -> new Item.Interval(tag, EncodingValues.interval(v));
        case DATE_TIME_EXTENDED -> new Item.DateTimeExtended(tag, EncodingValues.dateTimeExtended(v));
        case IDENTIFIER -> new Item.Identifier(tag, text(v, "Identifier"));
        case REFERENCE -> new Item.Reference(tag, text(v, "Reference"));
        case NAME_REFERENCE -> new Item.NameReference(tag, text(v, "NameReference"));
        case STRUCTURE -> throw new IllegalStateException("structures are read as elements");
      };
    }

    private String text(String v, String what) throws BadValue {
      long bytes = EncodingValues.utf8Length(v);
      if (bytes > limits.maxStringBytes()) {
        throw new BadValue(
            Reason.STRING_TOO_LONG,
            what + " of " + bytes + " bytes is over the limit of " + limits.maxStringBytes());
      }
      return v;
    }

    private DecodeException refused() {
      return error(Reason.DOCTYPE_REFUSED, "a DOCTYPE is not accepted: KMIP XML has no DTD and entities are refused");
    }

    private DecodeException error(Reason reason, String message) {
      Location at = r.getLocation();
      if (at == null) {
        return new DecodeException(reason, -1, message);
      }
      return new DecodeException(
          reason,
          at.getCharacterOffset(),
          message + " (line " + at.getLineNumber() + ", column " + at.getColumnNumber() + ")");
    }
  }
}
