package keyward.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import keyward.kmip.codec.XmlCodec;
import keyward.kmip.message.RequestMessage;
import keyward.kmip.message.ResponseMessage;
import keyward.kmip.spec.KmipVersion;

/**
 * The OASIS profile test cases in ../shared, decoded into request/response pairs for tests
 * that check the server's rules against what the profiles expect. Placeholders in typed
 * positions ($NOW, $UNIQUE_IDENTIFIER_n in byte strings...) become fixed dummies of the type.
 */
public final class OasisCases {
  private static final Pattern TYPED_PLACEHOLDER = Pattern.compile("type=\"(\\w+)\" value=\"\\$[^\"]*\"");

  private OasisCases() {}

  public record Step(String file, KmipVersion version, RequestMessage request, ResponseMessage response) {}

  /** Every step of every profile file of the version ("1.3", "1.4", "2.1"). */
  public static List<Step> steps(String version) throws Exception {
    String shared = System.getProperty("keyward.shared");
    assertThat(shared).as("system property keyward.shared (set by surefire to ../shared)").isNotNull();
    Path dir = Path.of(shared, "kmip-testcases", version, "profiles");
    assertThat(dir).as("OASIS test cases; these tests need ../shared beside the checkout").isDirectory();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      // PKCS11-M-1 names PKCS#11 functions the registry has no enumeration for (see OasisRoundTripTest)
      files = walk.filter(p -> p.toString().endsWith(".xml"))
          .filter(p -> !p.getFileName().toString().startsWith("PKCS11-")).sorted().toList();
    }
    KmipVersion v = KmipVersion.parse(version);
    List<Step> out = new ArrayList<>();
    for (Path f : files) {
      var messages = new XmlCodec().decodeTestFile(dummies(Files.readString(f)));
      for (int i = 0; i + 1 < messages.size(); i += 2) {
        out.add(new Step(f.getFileName().toString(), v,
            RequestMessage.fromItem(messages.get(i), v), ResponseMessage.fromItem(messages.get(i + 1), v)));
      }
    }
    return out;
  }

  private static String dummies(String xml) {
    Matcher m = TYPED_PLACEHOLDER.matcher(xml);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String dummy = switch (m.group(1)) {
        case "DateTime" -> "2026-01-01T00:00:00+00:00";
        case "ByteString" -> "00";
        case "Integer", "LongInteger", "Interval", "BigInteger" -> "0";
        default -> null;
      };
      m.appendReplacement(sb, dummy == null ? Matcher.quoteReplacement(m.group())
          : "type=\"" + m.group(1) + "\" value=\"" + dummy + "\"");
    }
    m.appendTail(sb);
    return sb.toString();
  }
}
