package keyward.codegen;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The item types the OASIS XML test cases give each element: the spec has no tag → type table,
 * but every test-case element carries {@code type=} (Structure when absent). Files sit under
 * {@code <version>/...}; the first path segment is the version the types are recorded for.
 */
final class TestCaseTypes {
  /** Element name → version → types seen. */
  final Map<String, Map<String, Set<String>>> types = new TreeMap<>();

  int files;
  long elements;

  /** The document wrappers and the generic element, which name no tag. */
  static final Set<String> NOT_TAGS = Set.of("KMIP", "KmipTestCase", "TTLV");

  static TestCaseTypes read(Path testCasesDir) {
    TestCaseTypes t = new TestCaseTypes();
    List<Path> xml;
    try (Stream<Path> walk = Files.walk(testCasesDir)) {
      xml = walk.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + testCasesDir, e);
    }
    if (xml.isEmpty()) {
      throw new IllegalArgumentException("no test case files under " + testCasesDir);
    }
    XMLInputFactory factory = XMLInputFactory.newFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    for (Path file : xml) {
      String version = testCasesDir.relativize(file).getName(0).toString();
      Versions.index(version);
      t.readFile(factory, file, version);
    }
    return t;
  }

  private void readFile(XMLInputFactory factory, Path file, String version) {
    try (InputStream in = Files.newInputStream(file)) {
      XMLStreamReader r = factory.createXMLStreamReader(in);
      while (r.hasNext()) {
        if (r.next() == XMLStreamReader.START_ELEMENT) {
          String name = r.getLocalName();
          if (NOT_TAGS.contains(name)) {
            continue;
          }
          String type = r.getAttributeValue(null, "type");
          types
              .computeIfAbsent(name, k -> new TreeMap<>())
              .computeIfAbsent(version, k -> new TreeSet<>())
              .add(type == null ? "Structure" : type);
          elements++;
        }
      }
      r.close();
      files++;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    } catch (XMLStreamException e) {
      throw new IllegalArgumentException(file + ": not well-formed XML: " + e.getMessage(), e);
    }
  }
}
