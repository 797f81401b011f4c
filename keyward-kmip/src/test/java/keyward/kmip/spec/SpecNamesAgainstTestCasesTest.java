package keyward.kmip.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import keyward.kmip.ttlv.ItemType;
import org.junit.jupiter.api.Test;

/**
 * Empirical check of the names (AME v1.0 §6.1.3 normalisation and the tables) against every OASIS
 * XML test case in ../shared/kmip-testcases: every element name is a tag; every non-hex
 * Enumeration value is a value of the tag's enumeration (for a 1.x Attribute Value: of the
 * attribute that the sibling Attribute Name names); every token of a mask value is a bit name.
 */
class SpecNamesAgainstTestCasesTest {

  /** Document wrappers and the generic element, which name no tag. */
  static final Set<String> NOT_TAGS = Set.of("KMIP", "KmipTestCase", "TTLV");

  /**
   * Enumeration tags for which no KMIP table lists values: KMIP 2.0 gives PKCS#11 Function and
   * PKCS#11 Return Code as Enumerations whose values are PKCS#11's own (C_Initialize, OK, ...).
   * Their values cannot resolve; they are counted apart. (No test-file erratum needed listing.)
   */
  static final Map<String, String> NO_VALUE_TABLE = Map.of(
      "PKCS_11Function", "values are PKCS#11 function names; KMIP has no table",
      "PKCS_11ReturnCode", "values are PKCS#11 return codes; KMIP has no table");

  private final Map<String, Integer> counts = new TreeMap<>();
  private final Map<String, String> unresolved = new TreeMap<>();

  @Test
  void everyNameInTheTestCasesResolves() throws IOException, XMLStreamException {
    String shared = System.getProperty("keyward.shared");
    assertThat(shared).as("system property keyward.shared (set by surefire to ../shared)").isNotNull();
    Path dir = Path.of(shared, "kmip-testcases");
    assertThat(dir).as("OASIS test cases; this test needs ../shared beside the checkout").isDirectory();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files = walk.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
    }
    XMLInputFactory factory = XMLInputFactory.newFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    for (Path f : files) {
      try (InputStream in = Files.newInputStream(f)) {
        check(factory.createXMLStreamReader(in), dir.relativize(f).toString());
      }
      count("files");
    }
    for (String tag : NO_VALUE_TABLE.keySet()) {
      assertThat(SpecRegistry.enumerationOf(SpecRegistry.tagByXmlName(tag).tag()))
          .as("%s has a value table now: drop it from NO_VALUE_TABLE", tag).isNull();
    }
    System.out.println("SpecNamesAgainstTestCasesTest counts: " + counts);
    System.out.println("SpecNamesAgainstTestCasesTest unresolved: " + unresolved);
    assertThat(counts.get("files")).isGreaterThan(700);
    assertThat(counts.get("element names resolved")).isGreaterThan(100_000);
    assertThat(counts.get("enumeration names resolved")).isGreaterThan(20_000);
    assertThat(counts.get("mask tokens resolved")).isGreaterThan(1_000);
    assertThat(unresolved).isEmpty();
  }

  private void check(XMLStreamReader r, String file) throws XMLStreamException {
    // per open element: the value of its AttributeName child, once seen
    Deque<String[]> attributeName = new ArrayDeque<>();
    while (r.hasNext()) {
      int event = r.next();
      if (event == XMLStreamReader.END_ELEMENT) {
        attributeName.pop();
        continue;
      }
      if (event != XMLStreamReader.START_ELEMENT) {
        continue;
      }
      String name = r.getLocalName();
      String type = r.getAttributeValue(null, "type");
      String value = r.getAttributeValue(null, "value");
      String[] parent = attributeName.peek();
      attributeName.push(new String[1]);
      if (NOT_TAGS.contains(name)) {
        continue;
      }
      TagInfo tag = SpecRegistry.tagByXmlName(name);
      if (tag == null) {
        fail("element " + name, file);
        continue;
      }
      count("element names resolved");
      if (type != null && ItemType.ofXmlName(type) == null) {
        fail("type " + type, file);
      }
      if (name.equals("AttributeName") && parent != null && value != null) {
        parent[0] = value.replaceAll("\\s+", " ").strip();
      }
      if (value == null || !("Enumeration".equals(type) || "Integer".equals(type))) {
        continue;
      }
      EnumInfo e = enumerationFor(tag, name, parent, file);
      if ("Enumeration".equals(type)) {
        checkEnumeration(e, name, value.strip(), file);
      } else if (!value.strip().matches("-?[0-9]+|0x[0-9A-Fa-f]+")) {
        checkMask(e, name, value, file);
      }
    }
  }

  /** The tag's enumeration; for Attribute Value, the one the sibling Attribute Name's tag carries. */
  private EnumInfo enumerationFor(TagInfo tag, String element, String[] parent, String file) {
    if (!element.equals("AttributeValue")) {
      return SpecRegistry.enumerationOf(tag.tag());
    }
    String attribute = parent == null ? null : parent[0];
    if (attribute == null) {
      return null;
    }
    TagInfo named = SpecRegistry.tagByXmlName(SpecRegistry.xmlName(attribute));
    return named == null ? null : SpecRegistry.enumerationOf(named.tag());
  }

  private final Map<EnumInfo, Set<String>> xmlNames = new HashMap<>();

  private boolean hasXmlName(EnumInfo e, String name) {
    return xmlNames.computeIfAbsent(e, k -> {
      Set<String> s = new HashSet<>();
      k.values().forEach(v -> s.add(v.xmlName()));
      return s;
    }).contains(name);
  }

  private void checkEnumeration(EnumInfo e, String element, String value, String file) {
    if (value.startsWith("0x")) {
      count("enumeration values in hex");
    } else if (e == null && NO_VALUE_TABLE.containsKey(element)) {
      count("enumeration values without a KMIP table (" + element + ")");
    } else if (e == null) {
      fail("no enumeration for " + element + " = " + value, file);
    } else if (hasXmlName(e, value)) {
      count("enumeration names resolved");
    } else {
      fail(e.name() + " has no value " + value + " (element " + element + ")", file);
    }
  }

  private void checkMask(EnumInfo e, String element, String value, String file) {
    if (e == null || !e.mask()) {
      fail("Integer " + element + " = '" + value + "' is not a mask", file);
      return;
    }
    for (String token : value.strip().split("\\s+")) {
      if (token.startsWith("0x")) {
        count("mask tokens in hex");
      } else if (hasXmlName(e, token)) {
        count("mask tokens resolved");
      } else {
        fail(e.name() + " has no bit " + token, file);
      }
    }
  }

  private void count(String what) {
    counts.merge(what, 1, Integer::sum);
  }

  private void fail(String what, String file) {
    unresolved.merge(what, file, (a, b) -> a.contains(b) || a.length() > 200 ? a : a + ", " + b);
  }
}
