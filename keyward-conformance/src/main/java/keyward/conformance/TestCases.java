package keyward.conformance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The OASIS test-case files that are replayed (kmip-testcases/README.md), the version and profile
 * each belongs to, and the transport each is replayed over:
 *
 * <ul>
 *   <li>1.3, 1.4, 2.1: the profile files, {@code <version>/profiles/{mandatory,optional}/*.xml};
 *   <li>1.0, 1.1, 1.2 (the HTML-era documents): the profile files extracted from the v1.0 profile
 *       documents, {@code 1.0/profiles-v1.0-extracted/{mandatory,optional}/*-1V.xml}, whose suffix
 *       -10/-11/-12 gives the protocol version; and the KMIP Test Cases v1.0–1.2 (TC_*, with a few
 *       profile copies), {@code 1.V/ovh-kmip-go/*.xml}, version from the folder, less the files
 *       that MANIFEST.tsv marks as duplicating one listed earlier (content_duplicate_of) and the two
 *       that are not OASIS files ({@link #NOT_OASIS}).
 * </ul>
 *
 * The profile is the file name's prefix: "CS-BC-M-GCM-1-21" -> CS-BC, "SUITEB_128-M-1-14" ->
 * SUITEB, "TC_ECC_1_10_..." -> TC (the Test Cases documents), "SASED_M_1_10_..." -> SASED.
 */
public final class TestCases {
  /** The versions whose files are replayed. */
  public static final List<String> VERSIONS = List.of("1.0", "1.1", "1.2", "1.3", "1.4", "2.1");
  /** The versions of the HTML-era documents (see {@link #htmlEra}). */
  static final List<String> HTML_ERA = List.of("1.0", "1.1", "1.2");
  /** The v1.0 profile documents' test cases, extracted from HTML, for protocol 1.0, 1.1 and 1.2. */
  static final String EXTRACTED = "1.0/profiles-v1.0-extracted";
  /** The KMIP Test Cases v1.0–1.2 folder of each HTML-era version. */
  static final String TEST_CASES_FOLDER = "ovh-kmip-go";
  /** Files in the 1.2 Test Cases folder that are not OASIS files (kmip-testcases/README.md). */
  static final Set<String> NOT_OASIS = Set.of("1.2/ovh-kmip-go/TC-311-10-CREATE-DESTROY.xml",
      "1.2/ovh-kmip-go/TC-SK-CREATE-ENCRYPT-DECRYPT-DESTROY.xml");
  private static final Pattern PROFILE = Pattern.compile("^([A-Z][A-Z0-9]*(?:-[A-Z][A-Z0-9]*)*?)(?:_\\d+)?-[MO]-");
  /** "AKLC-M-1-12.xml": the protocol version suffix of an extracted profile file. */
  private static final Pattern UNDERSCORED = Pattern.compile("^[A-Z]+(?:_[A-Z]+)*_[MO]_\\d");
  private static final Pattern SUFFIX = Pattern.compile("-1([012])\\.xml$");

  private TestCases() {}

  /** The profile of a file name, or null when the name is not a profile or Test Cases file's. */
  public static String profileOf(String fileName) {
    if (!fileName.endsWith(".xml")) {
      return null;
    }
    if (fileName.startsWith("TC_") || fileName.startsWith("TC-")) {
      return "TC";
    }
    Matcher m = PROFILE.matcher(fileName);
    if (m.find()) {
      return m.group(1);
    }
    // the Test Cases folders spell some profile copies with underscores: "SASED_M_1_10_storage_..."
    if (UNDERSCORED.matcher(fileName).find()) {
      Matcher u = PROFILE.matcher(fileName.replace('_', '-'));
      return u.find() ? u.group(1) : null;
    }
    return null;
  }

  /**
   * The files of these versions and profiles (all when empty), in path order. A version asked for
   * whose directories are missing is an error (the test data is incomplete); with no version asked
   * for, those of {@link #VERSIONS} that the directory holds, at least one.
   */
  public static List<Path> find(Path dir, Collection<String> versions, Collection<String> profiles) throws IOException {
    List<String> wanted = !versions.isEmpty() ? List.copyOf(versions)
        : VERSIONS.stream().filter(v -> Files.isDirectory(dir.resolve(v).resolve("profiles"))
            || Files.isDirectory(dir.resolve(v).resolve(TEST_CASES_FOLDER))).toList();
    if (wanted.isEmpty()) {
      throw new IOException("no " + String.join("/", VERSIONS) + " test cases under " + dir);
    }
    List<Path> files = new ArrayList<>();
    Set<String> duplicates = null;
    for (String v : wanted) {
      List<Path> candidates = new ArrayList<>();
      if (HTML_ERA.contains(v)) {
        if (duplicates == null) {
          duplicates = duplicates(dir);
        }
        for (String kind : List.of("mandatory", "optional")) {
          String suffix = "-1" + v.charAt(2) + ".xml";
          candidates.addAll(list(dir.resolve(EXTRACTED).resolve(kind), v).stream()
              .filter(p -> p.getFileName().toString().endsWith(suffix)).toList());
        }
        for (Path p : list(dir.resolve(v).resolve(TEST_CASES_FOLDER), v)) {
          String rel = relative(dir, p);
          if (!duplicates.contains(rel) && !NOT_OASIS.contains(rel)) {
            candidates.add(p);
          }
        }
      } else {
        for (String kind : List.of("mandatory", "optional")) {
          candidates.addAll(list(dir.resolve(v).resolve("profiles").resolve(kind), v));
        }
      }
      for (Path p : candidates) {
        String profile = profileOf(p.getFileName().toString());
        if (profile != null && (profiles.isEmpty() || profiles.contains(profile))) {
          files.add(p);
        }
      }
    }
    files.sort(Comparator.comparing(p -> naturalKey(dir.relativize(p).toString())));
    return files;
  }

  private static List<Path> list(Path d, String version) throws IOException {
    if (!Files.isDirectory(d)) {
      throw new IOException("missing " + d + ": the test cases are incomplete (or " + version + " is not a version they hold)");
    }
    try (Stream<Path> s = Files.list(d)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".xml")).toList();
    }
  }

  /** The files MANIFEST.tsv marks as duplicating the content of a file listed earlier. */
  static Set<String> duplicates(Path dir) throws IOException {
    Path manifest = dir.resolve("MANIFEST.tsv");
    if (!Files.isRegularFile(manifest)) {
      throw new IOException("missing " + manifest + ": it tells which HTML-era files are duplicates");
    }
    List<String> lines = Files.readAllLines(manifest, StandardCharsets.UTF_8);
    List<String> header = List.of(lines.getFirst().split("\t", -1));
    int path = header.indexOf("path");
    int dup = header.indexOf("content_duplicate_of");
    if (path < 0 || dup < 0) {
      throw new IOException(manifest + ": no path / content_duplicate_of column");
    }
    Set<String> out = new HashSet<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split("\t", -1);
      if (f.length > Math.max(path, dup) && !f[dup].isBlank()) {
        out.add(f[path]);
      }
    }
    return out;
  }

  /** "BL-M-10-21" after "BL-M-9-21": numbers compared as numbers. */
  static String naturalKey(String name) {
    return Pattern.compile("\\d+").matcher(name).replaceAll(m -> "0".repeat(Math.max(0, 12 - m.group().length())) + m.group());
  }

  /** "2.1/profiles/mandatory/BL-M-1-21.xml": the name results.tsv uses. */
  public static String relative(Path dir, Path file) {
    return dir.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/');
  }

  /**
   * The protocol version of a file named relative to the test-case directory: the -10/-11/-12
   * suffix for the extracted v1.0 profile files, else the version directory it starts with.
   */
  public static String versionOf(String relative) {
    if (relative.startsWith(EXTRACTED + "/")) {
      Matcher m = SUFFIX.matcher(relative);
      if (m.find()) {
        return "1." + m.group(1);
      }
    }
    return relative.substring(0, relative.indexOf('/'));
  }

  /**
   * Whether the file comes from the HTML-era documents (KMIP 1.0–1.2), whose text values carry the
   * documents' runs of spaces ("Unique   Identifier"), which the HTML renders as one space.
   */
  public static boolean htmlEra(String relative) {
    return HTML_ERA.contains(relative.substring(0, Math.max(0, relative.indexOf('/'))));
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
