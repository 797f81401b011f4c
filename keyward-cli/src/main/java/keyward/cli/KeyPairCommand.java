package keyward.cli;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import keyward.client.KeyPairIds;
import keyward.client.KeyPairRequest;
import keyward.client.KmipClient;
import keyward.kmip.spec.RecommendedCurve;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code keypair create|rekey}: public/private key pairs made on the server. Both print the two
 * Unique Identifiers; the other commands (get, activate, revoke, attr ...) work on each half by
 * its ID.
 */
@Command(name = "keypair", mixinStandardHelpOptions = true, description = "Create and re-key public/private key pairs.",
    subcommands = {KeyPairCommand.Create.class, KeyPairCommand.ReKey.class})
final class KeyPairCommand {
  /** The RSA modulus length when --length is not given. */
  static final int DEFAULT_RSA_BITS = 2048;

  private KeyPairCommand() {}

  @Command(name = "create", mixinStandardHelpOptions = true,
      description = "Create a key pair (RSA, EC, Ed25519, ...); prints both Unique Identifiers.")
  static final class Create extends ClientCommand {
    @Option(names = "--algorithm", defaultValue = "RSA", description = "Cryptographic Algorithm (default ${DEFAULT-VALUE}; EC, Ed25519, ...).")
    String algorithm;

    @Option(names = "--length", paramLabel = "BITS",
        description = "Length in bits (RSA: 2048 to 4096, default " + DEFAULT_RSA_BITS + "; EC: or give --curve).")
    Integer length;

    @Option(names = "--curve", paramLabel = "CURVE", description = "Recommended Curve of an EC pair, e.g. P-256.")
    String curve;

    @Option(names = "--name", description = "Name of the private key; the public key gets NAME" + KeyPairRequest.PUBLIC_NAME_SUFFIX + ".")
    String name;

    @Option(names = "--private-usage", split = ",", paramLabel = "USAGE",
        description = "The private key's usage mask bits (default Sign; e.g. Decrypt for RSA encryption).")
    List<String> privateUsage = List.of("Sign");

    @Option(names = "--public-usage", split = ",", paramLabel = "USAGE",
        description = "The public key's usage mask bits (default Verify; e.g. Encrypt).")
    List<String> publicUsage = List.of("Verify");

    @Option(names = "--activate", description = "Activate both halves (a second request after the Create Key Pair).")
    boolean activate;

    @Override
    void run(KmipClient client, Output out) {
      Integer bits = length == null && algorithm.equalsIgnoreCase("RSA") ? Integer.valueOf(DEFAULT_RSA_BITS) : length;
      KeyPairRequest r = client.createKeyPair(algorithm, bits)
          .privateKeyUsage(KeyCommand.usageBits(privateUsage)).publicKeyUsage(KeyCommand.usageBits(publicUsage));
      if (curve != null) {
        r.curve(KeyCommand.byName(RecommendedCurve.values(), curve, "Recommended Curve"));
      }
      if (name != null) {
        r.name(name);
      }
      if (activate) {
        r.activate();
      }
      print(r.execute(), out);
    }
  }

  @Command(name = "rekey", mixinStandardHelpOptions = true,
      description = "Re-key Key Pair: a new pair replaces the private key ID and its public key (the names move"
          + " to it); prints both new Unique Identifiers.")
  static final class ReKey extends ClientCommand {
    @Parameters(paramLabel = "ID", description = "Unique Identifier of the private key to replace.")
    String id;

    @Option(names = "--offset", paramLabel = "SECONDS",
        description = "The new pair activates this long from now (default: the old pair's dates are kept).")
    Long offset;

    @Override
    void run(KmipClient client, Output out) {
      print(client.reKeyKeyPair(id, offset == null ? null : Duration.ofSeconds(offset)), out);
    }
  }

  static void print(KeyPairIds ids, Output out) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("privateKeyUniqueIdentifier", ids.privateKeyUniqueIdentifier());
    f.put("publicKeyUniqueIdentifier", ids.publicKeyUniqueIdentifier());
    out.record(f);
  }
}
