package keyward.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One element of a test-case message as written in the file, before any placeholder is resolved:
 * the replay substitutes values here and only then hands the text to {@code XmlCodec}, which
 * would refuse "$NOW" in a DateTime.
 *
 * @param element the element name ("UniqueIdentifier", or "TTLV" for the generic form)
 * @param tag the {@code tag} attribute of the generic form, else null
 * @param type the {@code type} attribute, null for a Structure
 * @param value the {@code value} attribute, null for a Structure
 * @param children child elements in file order
 */
record XmlNode(String element, String tag, String type, String value, List<XmlNode> children) {
  XmlNode {
    children = List.copyOf(children);
  }

  /** True when the value is a placeholder ($NAME, $NAME_n, $NOW±s). */
  boolean isPlaceholder() {
    return value != null && value.startsWith("$");
  }

  /** A copy with every value passed through f (structures keep their null value). */
  XmlNode mapValues(UnaryOperator<XmlNode> f) {
    List<XmlNode> mapped = new ArrayList<>(children.size());
    for (XmlNode c : children) {
      mapped.add(c.mapValues(f));
    }
    XmlNode self = new XmlNode(element, tag, type, value, mapped);
    return value == null ? self : f.apply(self);
  }

  XmlNode withValue(String v) {
    return new XmlNode(element, tag, type, v, children);
  }

  /** The element as XML text, for XmlCodec. */
  String toXml() {
    StringBuilder sb = new StringBuilder();
    write(sb);
    return sb.toString();
  }

  private void write(StringBuilder sb) {
    sb.append('<').append(element);
    attribute(sb, "tag", tag);
    attribute(sb, "type", type);
    attribute(sb, "value", value);
    if (children.isEmpty()) {
      sb.append("/>");
      return;
    }
    sb.append('>');
    for (XmlNode c : children) {
      c.write(sb);
    }
    sb.append("</").append(element).append('>');
  }

  private static void attribute(StringBuilder sb, String name, String v) {
    if (v == null) {
      return;
    }
    sb.append(' ').append(name).append("=\"");
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\t' -> sb.append("&#9;");
        case '\n' -> sb.append("&#10;");
        case '\r' -> sb.append("&#13;");
        default -> sb.append(c);
      }
    }
    sb.append('"');
  }
}
