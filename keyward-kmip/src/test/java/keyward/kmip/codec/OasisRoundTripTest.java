package keyward.kmip.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Every request and response of the OASIS KMIP test cases (../shared/kmip-testcases, all
 * versions) read from XML and carried through every encoding: XML → tree → TTLV → tree → XML →
 * tree, and tree → JSON → tree, each giving back an equal tree.
 *
 * <p>Before parsing, the clean-ups of the test cases' README are applied: runs of whitespace in
 * text and mask values collapse to one space (an artefact of the HTML-era documents), and
 * placeholders in typed positions become typed dummies ($NOW±n a fixed time ± n seconds, $X in
 * a byte string the bytes of the name); placeholders in text and identifier positions stay as
 * text.
 */
class OasisRoundTripTest {

  /**
   * Files the codecs cannot take, each with its reason and a fragment its failure must show (so
   * that a different fault in the same file is still caught). Kept short: a file belongs here only
   * when no codec change could take it, never to hide a codec fault.
   */
  private static final Map<String, NotTaken> NOT_TAKEN =
      Map.of(
          "2.0/profiles-csprd01/mandatory/PKCS11-M-1-20.xml", NotTaken.PKCS11_FUNCTION,
          "2.1/profiles/mandatory/PKCS11-M-1-21.xml", NotTaken.PKCS11_FUNCTION,
          "3.0/profiles-csd01/mandatory/PKCS11-M-1-30.xml", NotTaken.PKCS11_FUNCTION);

  private record NotTaken(String reason, String failureShows) {
    static final NotTaken PKCS11_FUNCTION =
        new NotTaken(
            "PKCS_11Function values are named (C_Initialize, C_GetInfo, ...) but KMIP has no table"
                + " of their numbers (they are PKCS#11's own), so the registry cannot map the names",
            "<PKCS_11Function type=\"Enumeration\">: Enumeration value 'C_Initialize'");
  }

  /** $NOW stands for this instant. */
  private static final Instant NOW = Instant.parse("2024-01-01T00:00:00Z");

  private static final DateTimeFormatter XSD =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx").withZone(ZoneOffset.UTC);

  /** Every typed value in the files: the attributes always come in this order. */
  private static final Pattern TYPED_VALUE =
      Pattern.compile("type=\"(\\w+)\"(\\s+)value=\"([^\"]*)\"");

  private static final Pattern NOW_PLACEHOLDER = Pattern.compile("\\$NOW([+-]\\d+)?");

  private final XmlCodec xml = new XmlCodec();
  private final JsonCodec json = new JsonCodec();
  private final TtlvCodec ttlv = new TtlvCodec();

  private static Path testCases() {
    Path shared = Path.of(System.getProperty("keyward.shared", "../shared"));
    Path dir = shared.resolve("kmip-testcases").toAbsolutePath().normalize();
    if (!Files.isDirectory(dir)) {
      String message =
          "OASIS KMIP test cases not found at "
              + dir
              + ": put the shared data beside the clone (../shared) or set -Dkeyward.shared";
      if ("true".equals(System.getenv("CI"))) {
        fail(message);
      }
      System.err.println("!!!!! " + message + " -- OasisRoundTripTest NOT RUN !!!!!");
      Assumptions.abort(message);
    }
    return dir;
  }

  @Test
  void everyOasisMessageSurvivesXmlTtlvAndJson() throws IOException {
    Path dir = testCases();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files = walk.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
    }
    assertThat(files).as("XML files under " + dir).isNotEmpty();

    Map<String, int[]> perVersion = new TreeMap<>();
    List<String> failures = new ArrayList<>();
    List<String> nowTaken = new ArrayList<>();
    int messages = 0;
    int filesTaken = 0;
    for (Path file : files) {
      String name = dir.relativize(file).toString().replace('\\', '/');
      String text = cleanUp(Files.readString(file, StandardCharsets.UTF_8));
      String problem;
      int count = 0;
      try {
        count = roundTripFile(text);
        problem = null;
      } catch (DecodeException | AssertionError | RuntimeException e) {
        problem = e.getClass().getSimpleName() + ": " + firstLine(e.getMessage());
      }
      NotTaken listed = NOT_TAKEN.get(name);
      if (listed != null) {
        if (problem == null) {
          nowTaken.add(name);
        } else if (!problem.contains(listed.failureShows())) {
          failures.add(name + " -- listed as not taken (" + listed.reason() + ") but fails otherwise: " + problem);
        }
        continue;
      }
      if (problem != null) {
        failures.add(name + " -- " + problem);
        continue;
      }
      filesTaken++;
      messages += count;
      int[] v = perVersion.computeIfAbsent(name.substring(0, name.indexOf('/')), k -> new int[2]);
      v[0]++;
      v[1] += count;
    }

    System.out.printf(
        "OASIS round trip: %d of %d files, %d messages (%d request/response pairs) through XML, TTLV and JSON; %d files listed as not taken%n",
        filesTaken, files.size(), messages, messages / 2, NOT_TAKEN.size());
    perVersion.forEach((v, c) -> System.out.printf("  %s: %d files, %d messages%n", v, c[0], c[1]));
    NOT_TAKEN.forEach((f, why) -> System.out.println("  not taken: " + f + " -- " + why.reason()));
    failures.forEach(f -> System.out.println("  FAILED " + f));

    assertThat(nowTaken).as("files in NOT_TAKEN that now pass: remove them from the list").isEmpty();
    assertThat(failures).as("files that failed the round trip").isEmpty();
    assertThat(filesTaken + NOT_TAKEN.size()).isEqualTo(files.size());
  }

  /** Parses a cleaned-up file and round-trips each message; returns the message count. */
  private int roundTripFile(String text) throws DecodeException {
    List<Item> messages = xml.decodeTestFile(text);
    assertThat(messages).as("messages").isNotEmpty();
    for (int i = 0; i < messages.size(); i++) {
      Item message = messages.get(i);
      assertThat(message.tag())
          .as("message %d alternates request and response", i)
          .isEqualTo(i % 2 == 0 ? Tag.REQUEST_MESSAGE : Tag.RESPONSE_MESSAGE);
      KmipVersion version = versionOf(message);

      Item viaTtlv = ttlv.decode(ttlv.encode(message));
      same(message, viaTtlv, "TTLV", i);
      Item viaXml = xml.decode(xml.encode(viaTtlv, version));
      same(message, viaXml, "XML", i);
      Item viaJson = json.decode(json.encode(message, version));
      same(message, viaJson, "JSON", i);
    }
    return messages.size();
  }

  private static void same(Item expected, Item actual, String leg, int message) {
    if (!expected.equals(actual)) {
      throw new AssertionError(
          "message " + message + " changed through " + leg + " at " + difference(expected, actual, ""));
    }
  }

  /** Where two unequal trees first differ, as a path of tag numbers. */
  private static String difference(Item a, Item b, String path) {
    String here = path + "/" + Item.tagHex(a.tag());
    if (a.tag() != b.tag() || a.type() != b.type()) {
      return here + ": " + a.type() + " became " + Item.tagHex(b.tag()) + " " + b.type();
    }
    if (a instanceof Item.Structure sa && b instanceof Item.Structure sb) {
      for (int i = 0; i < Math.min(sa.items().size(), sb.items().size()); i++) {
        if (!sa.items().get(i).equals(sb.items().get(i))) {
          return difference(sa.items().get(i), sb.items().get(i), here);
        }
      }
      return here + ": " + sa.items().size() + " children became " + sb.items().size();
    }
    return here + ": " + a + " became " + b;
  }

  /** The Protocol Version in the message header, or the newest version when there is none. */
  static KmipVersion versionOf(Item message) {
    KmipVersion newest = KmipVersion.values()[KmipVersion.values().length - 1];
    if (!(message instanceof Item.Structure m) || m.items().isEmpty()
        || !(m.items().getFirst() instanceof Item.Structure header)) {
      return newest;
    }
    return header
        .first(Tag.PROTOCOL_VERSION)
        .filter(Item.Structure.class::isInstance)
        .map(Item.Structure.class::cast)
        .map(
            pv -> {
              int major = pv.first(Tag.PROTOCOL_VERSION_MAJOR).map(i -> ((Item.Integer) i).value()).orElse(-1);
              int minor = pv.first(Tag.PROTOCOL_VERSION_MINOR).map(i -> ((Item.Integer) i).value()).orElse(-1);
              return KmipVersion.of(major, minor);
            })
        .orElse(newest);
  }

  /** The README's clean-ups, applied to every typed value of a file. */
  static String cleanUp(String file) {
    Matcher m = TYPED_VALUE.matcher(file);
    StringBuilder out = new StringBuilder(file.length());
    while (m.find()) {
      String type = m.group(1);
      String value = m.group(3);
      String cleaned = value.startsWith("$") ? placeholder(type, value) : collapse(type, value);
      m.appendReplacement(
          out, Matcher.quoteReplacement("type=\"" + type + "\"" + m.group(2) + "value=\"" + cleaned + "\""));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String collapse(String type, String value) {
    return type.equals("TextString") || type.equals("Integer") ? value.replaceAll("\\s+", " ") : value;
  }

  /** A typed dummy for a placeholder; text and identifier positions keep it as text. */
  private static String placeholder(String type, String value) {
    return switch (type) {
      case "TextString", "Identifier", "Reference", "NameReference" -> value;
      case "DateTime" -> {
        Matcher now = NOW_PLACEHOLDER.matcher(value);
        if (!now.matches()) {
          throw new IllegalArgumentException("unknown DateTime placeholder " + value);
        }
        long offset = now.group(1) == null ? 0 : Long.parseLong(now.group(1));
        yield XSD.format(NOW.plusSeconds(offset));
      }
      case "ByteString" -> HexFormat.of().formatHex(value.substring(1).getBytes(StandardCharsets.US_ASCII));
      case "Integer", "LongInteger", "Interval" -> "0";
      case "Enumeration" -> "0x00000000";
      case "Boolean" -> "false";
      case "BigInteger" -> "0000000000000000";
      default -> throw new IllegalArgumentException("no dummy for a placeholder of type " + type);
    };
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
