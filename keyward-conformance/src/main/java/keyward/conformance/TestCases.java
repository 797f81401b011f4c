package keyward.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The OASIS profile test-case files: {@code <dir>/<version>/profiles/{mandatory,optional}/*.xml}
 * (kmip-testcases/README.md), the profile each belongs to, and the transport each is replayed over.
 */
public final class TestCases {
  /** The versions whose profile files are replayed. */
  public static final List<String> VERSIONS = List.of("1.3", "1.4", "2.1");
  /** The profile a file belongs to: "CS-BC-M-GCM-1-21" -> CS-BC, "SUITEB_128-M-1-14" -> SUITEB. */
  private static final Pattern PROFILE = Pattern.compile("^([A-Z][A-Z0-9]*(?:-[A-Z][A-Z0-9]*)*?)(?:_\\d+)?-[MO]-");

  private TestCases() {}

  /** The profile of a file name, or null when the name is not a profile test case's. */
  public static String profileOf(String fileName) {
    if (!fileName.endsWith(".xml")) {
      return null;
    }
    Matcher m = PROFILE.matcher(fileName);
    return m.find() ? m.group(1) : null;
  }

  /**
   * The profile files of these versions and profiles (all when empty), in path order. A version
   * asked for whose directories are missing is an error (the test data is incomplete); with no
   * version asked for, those of {@link #VERSIONS} that the directory holds, at least one.
   */
  public static List<Path> find(Path dir, Collection<String> versions, Collection<String> profiles) throws IOException {
    List<String> wanted = !versions.isEmpty() ? List.copyOf(versions)
        : VERSIONS.stream().filter(v -> Files.isDirectory(dir.resolve(v).resolve("profiles"))).toList();
    if (wanted.isEmpty()) {
      throw new IOException("no " + String.join("/", VERSIONS) + " profile test cases under " + dir);
    }
    List<Path> files = new ArrayList<>();
    for (String v : wanted) {
      for (String kind : List.of("mandatory", "optional")) {
        Path d = dir.resolve(v).resolve("profiles").resolve(kind);
        if (!Files.isDirectory(d)) {
          throw new IOException("missing " + d + ": the test cases are incomplete (or " + v + " is not a version they hold)");
        }
        try (Stream<Path> s = Files.list(d)) {
          s.filter(p -> {
            String profile = profileOf(p.getFileName().toString());
            return profile != null && (profiles.isEmpty() || profiles.contains(profile));
          }).forEach(files::add);
        }
      }
    }
    files.sort(Comparator.comparing(p -> naturalKey(dir.relativize(p).toString())));
    return files;
  }

  /** "BL-M-10-21" after "BL-M-9-21": numbers compared as numbers. */
  static String naturalKey(String name) {
    return Pattern.compile("\\d+").matcher(name).replaceAll(m -> "0".repeat(Math.max(0, 12 - m.group().length())) + m.group());
  }

  /** "2.1/profiles/mandatory/BL-M-1-21.xml": the name results.tsv uses. */
  public static String relative(Path dir, Path file) {
    return dir.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/');
  }

  /** The version directory a relative name starts with. */
  public static String versionOf(String relative) {
    return relative.substring(0, relative.indexOf('/'));
  }

  /**
   * The Message Encodings profile (MSGENC-*) is about KMIP over HTTPS: MSGENC-HTTPS in TTLV,
   * MSGENC-JSON in JSON, MSGENC-XML in XML; null for the other files (TTLV over the KMIP port).
   */
  public static HttpsKmipConnection.Encoding httpsEncoding(String fileName) {
    if (fileName.startsWith("MSGENC-HTTPS-")) {
      return HttpsKmipConnection.Encoding.TTLV;
    } else if (fileName.startsWith("MSGENC-JSON-")) {
      return HttpsKmipConnection.Encoding.JSON;
    } else if (fileName.startsWith("MSGENC-XML-")) {
      return HttpsKmipConnection.Encoding.XML;
    }
    return null;
  }
}
