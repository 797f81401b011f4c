package keyward.cli;

import keyward.client.CryptographicParameters;
import keyward.kmip.spec.BlockCipherMode;
import keyward.kmip.spec.DigitalSignatureAlgorithm;
import keyward.kmip.spec.HashingAlgorithm;
import keyward.kmip.spec.PaddingMethod;
import picocli.CommandLine.Option;

/**
 * The Cryptographic Parameters options of the crypto commands; none given sends none (the
 * key's own Cryptographic Parameters attribute, or the server's defaults, apply).
 */
final class ParameterOptions {
  @Option(names = "--mode", paramLabel = "MODE", description = "Block Cipher Mode, e.g. GCM, CBC, CTR, ECB, CMAC.")
  String mode;

  @Option(names = "--padding", paramLabel = "PADDING", description = "Padding Method, e.g. PKCS5, None, OAEP, PSS.")
  String padding;

  @Option(names = "--hash", paramLabel = "HASH", description = "Hashing Algorithm, e.g. SHA-256.")
  String hash;

  @Option(names = "--signature-algorithm", paramLabel = "ALG",
      description = "Digital Signature Algorithm by its spec name, e.g. \"SHA-256 with RSA Encryption (PKCS#1 v1.5)\".")
  String signatureAlgorithm;

  @Option(names = "--tag-length", paramLabel = "BYTES", description = "AEAD tag length in bytes (GCM: 16).")
  Integer tagLength;

  /** The parameters given, or null for none. */
  CryptographicParameters parameters() {
    CryptographicParameters p = CryptographicParameters.NONE;
    if (mode != null) {
      p = p.blockCipherMode(KeyCommand.byName(BlockCipherMode.values(), mode, "Block Cipher Mode"));
    }
    if (padding != null) {
      p = p.paddingMethod(KeyCommand.byName(PaddingMethod.values(), padding, "Padding Method"));
    }
    if (hash != null) {
      p = p.hashingAlgorithm(hashing(hash));
    }
    if (signatureAlgorithm != null) {
      p = p.digitalSignatureAlgorithm(KeyCommand.byName(DigitalSignatureAlgorithm.values(), signatureAlgorithm,
          "Digital Signature Algorithm"));
    }
    if (tagLength != null) {
      p = p.tagLength(tagLength);
    }
    return p.isEmpty() ? null : p;
  }

  static HashingAlgorithm hashing(String name) {
    return KeyCommand.byName(HashingAlgorithm.values(), name, "Hashing Algorithm");
  }
}
