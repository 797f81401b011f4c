package keyward.kmip.ttlv;

/**
 * The TTLV item types and their one-byte wire codes (KMIP 2.1 §9.1.1.2, Item Type enumeration).
 * IDENTIFIER, REFERENCE and NAME_REFERENCE come from the KMIP 3.0 drafts; their values are
 * UTF-8 strings, encoded like a Text String under their own type code.
 */
public enum ItemType {
  STRUCTURE(0x01, "Structure"),
  INTEGER(0x02, "Integer"),
  LONG_INTEGER(0x03, "LongInteger"),
  BIG_INTEGER(0x04, "BigInteger"),
  ENUMERATION(0x05, "Enumeration"),
  BOOLEAN(0x06, "Boolean"),
  TEXT_STRING(0x07, "TextString"),
  BYTE_STRING(0x08, "ByteString"),
  DATE_TIME(0x09, "DateTime"),
  INTERVAL(0x0A, "Interval"),
  DATE_TIME_EXTENDED(0x0B, "DateTimeExtended"),
  IDENTIFIER(0x0C, "Identifier"),
  REFERENCE(0x0D, "Reference"),
  NAME_REFERENCE(0x0E, "NameReference");

  private static final ItemType[] BY_CODE = new ItemType[16];

  static {
    for (ItemType t : values()) {
      BY_CODE[t.code] = t;
    }
  }

  private final int code;
  private final String xmlName;

  ItemType(int code, String xmlName) {
    this.code = code;
    this.xmlName = xmlName;
  }

  /** The type byte on the wire. */
  public int code() {
    return code;
  }

  /** The name used by the XML and JSON encodings ("TextString", ...). */
  public String xmlName() {
    return xmlName;
  }

  /** The type for a wire code, or null when the code names no type. */
  public static ItemType ofCode(int code) {
    return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
  }

  /** The type for an XML/JSON type name, or null when the name is unknown. */
  public static ItemType ofXmlName(String name) {
    for (ItemType t : values()) {
      if (t.xmlName.equals(name)) {
        return t;
      }
    }
    return null;
  }

  /**
   * The value length on the wire for fixed-size types, or -1 for the variable-length ones
   * (Structure, Big Integer, the strings).
   */
  public int fixedLength() {
    return switch (this) {
      case INTEGER, ENUMERATION, INTERVAL -> 4;
      case LONG_INTEGER, BOOLEAN, DATE_TIME, DATE_TIME_EXTENDED -> 8;
      default -> -1;
    };
  }
}
