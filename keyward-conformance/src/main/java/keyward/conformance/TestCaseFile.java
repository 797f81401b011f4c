package keyward.conformance;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * An OASIS test-case file (KMIP Additional Message Encodings §6.1 XML, as described in
 * kmip-testcases/README.md): strictly alternating RequestMessage / ResponseMessage elements, one
 * pair per step. Comments and text between messages are ignored.
 *
 * @param name the file name without ".xml", e.g. "SKLC-M-1-14"
 * @param steps the request/response pairs in file order
 */
public record TestCaseFile(String name, List<Step> steps) {

  /** One protocol step: the request to send and the response the reference server gave. */
  public record Step(int index, XmlNode request, XmlNode response) {}

  public TestCaseFile {
    steps = List.copyOf(steps);
  }

  public static TestCaseFile read(Path file) throws IOException {
    return read(file, false);
  }

  /**
   * @param htmlEra the file comes from the HTML-era documents (KMIP 1.0–1.2, {@link
   *     TestCases#htmlEra}): runs of spaces in its values are read as one space, as the HTML renders
   *     them ("Unique   Identifier" is the attribute Unique Identifier; ResponseComparator's
   *     permitted variations), in the requests sent and the answers expected alike
   */
  public static TestCaseFile read(Path file, boolean htmlEra) throws IOException {
    String name = file.getFileName().toString().replaceFirst("\\.xml$", "");
    return parse(name, Files.readString(file, StandardCharsets.UTF_8), htmlEra);
  }

  static TestCaseFile parse(String name, String xml) throws IOException {
    return parse(name, xml, false);
  }

  static TestCaseFile parse(String name, String xml, boolean htmlEra) throws IOException {
    List<XmlNode> messages;
    try {
      XMLStreamReader r = factory().createXMLStreamReader(new StringReader(xml));
      try {
        messages = messages(r);
      } finally {
        r.close();
      }
    } catch (XMLStreamException e) {
      throw new IOException(name + ": malformed XML: " + e.getMessage(), e);
    }
    List<Step> steps = new ArrayList<>();
    for (int i = 0; i < messages.size(); i += 2) {
      XmlNode req = messages.get(i);
      if (!req.element().equals("RequestMessage")) {
        throw new IOException(name + ": message " + i + " is <" + req.element() + ">, expected <RequestMessage>");
      }
      if (i + 1 >= messages.size() || !messages.get(i + 1).element().equals("ResponseMessage")) {
        throw new IOException(name + ": the request of step " + (i / 2) + " has no <ResponseMessage> after it");
      }
      XmlNode resp = messages.get(i + 1);
      if (htmlEra) {
        req = req.mapValues(TestCaseFile::oneSpace);
        resp = resp.mapValues(TestCaseFile::oneSpace);
      }
      steps.add(new Step(i / 2, req, resp));
    }
    if (steps.isEmpty()) {
      throw new IOException(name + ": no request/response pair");
    }
    return new TestCaseFile(name, steps);
  }

  /** A value with each run of spaces as one space. */
  static XmlNode oneSpace(XmlNode n) {
    return n.value().contains("  ") ? n.withValue(RUN_OF_SPACES.matcher(n.value()).replaceAll(" ")) : n;
  }

  private static final java.util.regex.Pattern RUN_OF_SPACES = java.util.regex.Pattern.compile(" {2,}");

  private static XMLInputFactory factory() {
    XMLInputFactory f = XMLInputFactory.newDefaultFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
    f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    return f;
  }

  /** The children of the root element. */
  private static List<XmlNode> messages(XMLStreamReader r) throws XMLStreamException, IOException {
    while (r.hasNext() && r.next() != XMLStreamConstants.START_ELEMENT) {
      // prolog: declaration, comments
    }
    if (!r.isStartElement()) {
      throw new IOException("no root element");
    }
    String root = r.getLocalName();
    if (!root.equals("KMIP") && !root.equals("KmipTestCase")) {
      throw new IOException("root is <" + root + ">, not <KMIP>");
    }
    return children(r);
  }

  /** Reads child elements until the end tag of the element the reader is in. */
  private static List<XmlNode> children(XMLStreamReader r) throws XMLStreamException {
    List<XmlNode> out = new ArrayList<>();
    while (true) {
      int event = r.next();
      if (event == XMLStreamConstants.START_ELEMENT) {
        out.add(element(r));
      } else if (event == XMLStreamConstants.END_ELEMENT) {
        return out;
      }
      // text ("# TIME n"), comments and whitespace are not part of the messages
    }
  }

  private static XmlNode element(XMLStreamReader r) throws XMLStreamException {
    String name = r.getLocalName();
    String tag = r.getAttributeValue(null, "tag");
    String type = r.getAttributeValue(null, "type");
    String value = r.getAttributeValue(null, "value");
    List<XmlNode> children = children(r);
    return new XmlNode(name, tag, type, value, children);
  }
}
