package keyward.cli;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import keyward.client.AttributeValues;
import keyward.client.KmipClient;
import keyward.kmip.spec.ObjectType;
import keyward.kmip.spec.SplitKeyMethod;
import keyward.kmip.ttlv.Item;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code key split} and {@code key join}: Create Split Key and Join Split Key. */
final class SplitKeyCommands {
  private SplitKeyCommands() {}

  @Command(name = "split", mixinStandardHelpOptions = true,
      description = "Split a key into parts, any THRESHOLD of which rebuild it (Create Split Key); prints the parts'"
          + " Unique Identifiers in part order.")
  static final class Split extends ClientCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "KEY_ID",
        description = "The key or secret data to split (default: a new key of --algorithm and --length, not kept).")
    String key;

    @Option(names = "--parts", required = true, description = "Number of parts (2-255).")
    int parts;

    @Option(names = "--threshold", required = true, description = "Parts needed to rebuild the key.")
    int threshold;

    @Option(names = "--method", defaultValue = "POLYNOMIAL_SHARING_GF_2_8",
        description = "XOR, POLYNOMIAL_SHARING_GF_2_8 (default) or POLYNOMIAL_SHARING_PRIME_FIELD.")
    SplitKeyMethod method;

    @Option(names = "--prime", paramLabel = "DECIMAL", description = "Prime Field Size, for POLYNOMIAL_SHARING_PRIME_FIELD.")
    BigInteger prime;

    @Option(names = "--algorithm", description = "Cryptographic Algorithm of a new key (e.g. AES).")
    String algorithm;

    @Option(names = "--length", description = "Length in bits of a new key.")
    Integer length;

    @Override
    void run(KmipClient client, Output out) {
      if (key == null && (algorithm == null || length == null)) {
        throw new UsageException("give KEY_ID, or --algorithm and --length for a new key");
      }
      List<Item> attributes = new ArrayList<>();
      if (key == null) {
        attributes.add(AttributeValues.parse("Cryptographic Algorithm", algorithm));
        attributes.add(AttributeValues.parse("Cryptographic Length", Integer.toString(length)));
      }
      List<String> ids = client.createSplitKey(key, parts, threshold, method, prime, attributes.toArray(Item[]::new));
      Map<String, String> f = new LinkedHashMap<>();
      for (int i = 0; i < ids.size(); i++) {
        f.put("part" + (i + 1), ids.get(i));
      }
      out.done(String.join("\n", ids), f);
    }
  }

  @Command(name = "join", mixinStandardHelpOptions = true,
      description = "Rebuild a key from its parts (Join Split Key); prints the new key's Unique Identifier.")
  static final class Join extends ClientCommand {
    @Parameters(arity = "1..*", paramLabel = "PART_ID", description = "The parts (at least the threshold).")
    List<String> parts;

    @Option(names = "--secret-data", description = "Make Secret Data instead of a Symmetric Key.")
    boolean secretData;

    @Option(names = "--name", description = "Name of the new key.")
    String name;

    @Option(names = "--usage", split = ",", paramLabel = "USAGE", description = "Usage mask bits, e.g. Encrypt,Decrypt.")
    List<String> usage = List.of();

    @Override
    void run(KmipClient client, Output out) {
      List<Item> attributes = new ArrayList<>();
      if (name != null) {
        attributes.add(AttributeValues.name(name));
      }
      if (!usage.isEmpty()) {
        attributes.add(AttributeValues.parse("Cryptographic Usage Mask", String.join(",", usage)));
      }
      String id = client.joinSplitKey(secretData ? ObjectType.SECRET_DATA : ObjectType.SYMMETRIC_KEY, parts,
          attributes.toArray(Item[]::new));
      out.done(id, Map.of("uniqueIdentifier", id));
    }
  }
}
