package keyward.cli;

import java.util.List;
import java.util.Map;
import keyward.client.DeriveKeyRequest;
import keyward.client.KmipClient;
import keyward.kmip.spec.DerivationMethod;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code key derive BASE --method HKDF ...}: Derive Key, a new symmetric key (or with
 * {@code --secret-data}, Secret Data) from a base key or secret on the server; prints the new
 * object's Unique Identifier. Salt and Derivation Data are given in hex (they are not secret;
 * the secret is the base object, which stays on the server).
 */
@Command(name = "derive", mixinStandardHelpOptions = true,
    description = "Derive a new key from a base key or secret on the server; prints its Unique Identifier.")
final class DeriveCommand extends ClientCommand {
  @Parameters(paramLabel = "BASE_ID", description = "Unique Identifier of the base key or secret.")
  String base;

  @Option(names = "--method", required = true, paramLabel = "METHOD",
      description = "Derivation Method: PBKDF2, HASH, HMAC, NIST800-108-C, HKDF.")
  String method;

  @Option(names = "--algorithm", defaultValue = "AES", description = "Cryptographic Algorithm of the new key (default ${DEFAULT-VALUE}).")
  String algorithm;

  @Option(names = "--length", defaultValue = "256", paramLabel = "BITS", description = "Length in bits (default ${DEFAULT-VALUE}).")
  int length;

  @Option(names = "--secret-data", description = "Derive Secret Data instead of a symmetric key.")
  boolean secretData;

  @Option(names = "--hash", paramLabel = "HASH", description = "Hashing Algorithm of the method (the server's default: SHA-256).")
  String hash;

  @Option(names = "--salt", paramLabel = "HEX", description = "Salt (PBKDF2, HKDF).")
  String salt;

  @Option(names = "--data", paramLabel = "HEX", description = "Derivation Data (HASH, HMAC; the fixed input of NIST800-108-C/-F/-DPI; HKDF info).")
  String data;

  @Option(names = "--iv", paramLabel = "HEX", description = "Initialization Vector (NIST800-108-F: K(0); ENCRYPT).")
  String iv;

  @Option(names = "--iterations", paramLabel = "N", description = "Iteration Count (PBKDF2).")
  Integer iterations;

  @Option(names = "--name", description = "Name of the new object.")
  String name;

  @Option(names = "--usage", split = ",", paramLabel = "USAGE",
      description = "Usage mask bits of the new key (default Encrypt,Decrypt).")
  List<String> usage = List.of();

  @Override
  void run(KmipClient client, Output out) {
    DeriveKeyRequest r = client.deriveKey(base, KeyCommand.byName(DerivationMethod.values(), method, "Derivation Method"));
    if (secretData) {
      r.secretData(length);
    } else {
      r.symmetricKey(algorithm, length);
    }
    if (hash != null) {
      r.hashingAlgorithm(ParameterOptions.hashing(hash));
    }
    if (salt != null) {
      r.salt(BinaryOutput.parseHex("--salt", salt));
    }
    if (data != null) {
      r.derivationData(BinaryOutput.parseHex("--data", data));
    }
    if (iv != null) {
      r.initializationVector(BinaryOutput.parseHex("--iv", iv));
    }
    if (iterations != null) {
      r.iterationCount(iterations);
    }
    if (name != null) {
      r.name(name);
    }
    r.usage(KeyCommand.usageBits(usage));
    String id = r.execute();
    out.done(id, Map.of("uniqueIdentifier", id, "derivedFrom", base));
  }
}
