package keyward.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import keyward.client.CipherResult;
import keyward.client.CryptographicParameters;
import keyward.client.KmipClient;
import keyward.client.MacResult;
import keyward.kmip.spec.BlockCipherMode;
import keyward.kmip.spec.ValidityIndicator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code crypto encrypt|decrypt|sign|verify|mac|mac-verify KEY_ID --in FILE ...}: the server's cryptographic
 * services with a key it holds. Data comes from files (never the command line); results go to
 * a new 0600 file ({@code --out}) or, if small, to standard output as hex ({@code --hex}).
 * verify and mac-verify answer with their exit code: 0 Valid, 1 Invalid.
 */
@Command(name = "crypto", mixinStandardHelpOptions = true,
    description = "Encrypt, decrypt, sign, verify and MAC with a key on the server.",
    subcommands = {CryptoCommand.Encrypt.class, CryptoCommand.Decrypt.class, CryptoCommand.Sign.class,
        CryptoCommand.Verify.class, CryptoCommand.MacCommand.class, CryptoCommand.MacVerify.class})
final class CryptoCommand {
  private CryptoCommand() {}

  /** What every crypto command reads: the key (by ID; --key is the TLS client key) and the data file. */
  abstract static class KeyAndData extends ResultCommand {
    @Parameters(index = "0", paramLabel = "KEY_ID", description = "Unique Identifier of the key.")
    String key;

    @Option(names = "--in", required = true, paramLabel = "FILE", description = "The data (- reads standard input).")
    Path in;

    @Mixin ParameterOptions parameters;

    Map<String, String> fields() {
      Map<String, String> f = new LinkedHashMap<>();
      f.put("uniqueIdentifier", key);
      return f;
    }
  }

  @Command(name = "encrypt", mixinStandardHelpOptions = true,
      description = "Encrypt a file with a symmetric key or an RSA public key; prints the IV and tag the server made."
          + " With an ML-KEM public key and an empty file: encapsulates, prints the new shared-secret key's ID.")
  static final class Encrypt extends KeyAndData {
    @Mixin BinaryOutput result;

    @Option(names = "--iv", paramLabel = "HEX", description = "IV/Counter/Nonce (default: with --mode etc. the server makes one (Random IV) and"
        + " prints it; with no parameter options the key's own Cryptographic Parameters apply).")
    String iv;

    @Option(names = "--aad", paramLabel = "FILE", description = "AEAD additional data (GCM, ChaCha20-Poly1305).")
    Path aad;

    @Override
    int run(KmipClient client, Output out) throws Exception {
      result.check();
      byte[] data = ObjectFiles.read(in, true);
      byte[] ivBytes = BinaryOutput.parseHex("--iv", iv);
      CryptographicParameters p = parameters.parameters();
      if (p != null && ivBytes == null) {
        p = p.randomIv(true); // the server makes the IV; without any parameters the key's own apply, as they are
      }
      CipherResult r;
      try {
        r = client.encrypt(key, data, p, ivBytes,
            aad == null ? null : ObjectFiles.read(aad));
      } finally {
        Arrays.fill(data, (byte) 0);
      }
      Map<String, String> f = fields();
      sharedSecretKey(r, f);
      if (r.ivCounterNonce() != null) {
        f.put("ivCounterNonce", HexFormat.of().formatHex(r.ivCounterNonce()));
      }
      if (r.authenticatedEncryptionTag() != null) {
        f.put("tag", HexFormat.of().formatHex(r.authenticatedEncryptionTag()));
      }
      result.emit(r.data(), out, "data", f);
      return 0;
    }
  }

  @Command(name = "decrypt", mixinStandardHelpOptions = true,
      description = "Decrypt a file with a symmetric key or an RSA private key.")
  static final class Decrypt extends KeyAndData {
    @Mixin BinaryOutput result;

    @Option(names = "--iv", paramLabel = "HEX", description = "The IV/Counter/Nonce the encryption used.")
    String iv;

    @Option(names = "--aad", paramLabel = "FILE", description = "AEAD additional data, as when encrypting.")
    Path aad;

    @Option(names = "--tag", paramLabel = "HEX", description = "AEAD authentication tag from the encryption.")
    String tag;

    @Override
    int run(KmipClient client, Output out) throws Exception {
      result.check();
      CipherResult r = client.decrypt(key, ObjectFiles.read(in), parameters.parameters(),
          BinaryOutput.parseHex("--iv", iv), aad == null ? null : ObjectFiles.read(aad), BinaryOutput.parseHex("--tag", tag));
      Map<String, String> f = fields();
      sharedSecretKey(r, f);
      result.emit(r.data(), out, "data", f);
      return 0;
    }
  }

  @Command(name = "sign", mixinStandardHelpOptions = true, description = "Sign a file with a private key.")
  static final class Sign extends KeyAndData {
    @Mixin BinaryOutput result;

    @Override
    int run(KmipClient client, Output out) throws Exception {
      result.check();
      byte[] signature = client.sign(key, ObjectFiles.read(in), parameters.parameters());
      result.emit(signature, out, "signature", fields());
      return 0;
    }
  }

  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = "Verify a signature over a file with a public key: exit 0 if Valid, 1 if Invalid.")
  static final class Verify extends KeyAndData {
    @Option(names = "--signature", required = true, paramLabel = "FILE", description = "The signature (raw bytes).")
    Path signature;

    @Override
    int run(KmipClient client, Output out) throws Exception {
      ValidityIndicator v = client.signatureVerify(key, ObjectFiles.read(in), ObjectFiles.read(signature),
          parameters.parameters());
      return validity(v, "signature", out, fields());
    }
  }

  @Command(name = "mac", mixinStandardHelpOptions = true,
      description = "MAC a file with an HMAC key, or an AES key (CMAC; GMAC with --mode GCM, which prints the IV).")
  static final class MacCommand extends KeyAndData {
    @Mixin BinaryOutput result;

    @Option(names = "--iv", paramLabel = "HEX", description = "GMAC IV/Counter/Nonce (default with --mode GCM: the"
        + " server makes one and prints it).")
    String iv;

    @Override
    int run(KmipClient client, Output out) throws Exception {
      result.check();
      byte[] ivBytes = BinaryOutput.parseHex("--iv", iv);
      CryptographicParameters p = parameters.parameters();
      if (p != null && p.blockCipherMode() == BlockCipherMode.GCM && ivBytes == null) {
        p = p.randomIv(true);
      }
      MacResult r = client.mac(key, ObjectFiles.read(in), p, ivBytes);
      Map<String, String> f = fields();
      if (r.ivCounterNonce() != null) {
        f.put("ivCounterNonce", HexFormat.of().formatHex(r.ivCounterNonce()));
      }
      result.emit(r.macData(), out, "mac", f);
      return 0;
    }
  }

  @Command(name = "mac-verify", mixinStandardHelpOptions = true,
      description = "Verify a MAC over a file: exit 0 if Valid, 1 if Invalid.")
  static final class MacVerify extends KeyAndData {
    @Option(names = "--mac", required = true, paramLabel = "FILE", description = "The MAC (raw bytes).")
    Path mac;

    @Option(names = "--iv", paramLabel = "HEX", description = "The IV/Counter/Nonce the GMAC was made with.")
    String iv;

    @Override
    int run(KmipClient client, Output out) throws Exception {
      ValidityIndicator v = client.macVerify(key, ObjectFiles.read(in), ObjectFiles.read(mac), parameters.parameters(),
          BinaryOutput.parseHex("--iv", iv));
      return validity(v, "MAC", out, fields());
    }
  }

  /**
   * ML-KEM (a Keyward extension): Encrypt with the public key (an empty --in) and Decrypt with the
   * private key (the encapsulation as --in) answer with a new Symmetric Key holding the shared
   * secret; its identifier is printed, never the secret.
   */
  static void sharedSecretKey(CipherResult r, Map<String, String> fields) {
    if (r.uniqueIdentifier() != null && !r.uniqueIdentifier().equals(fields.get("uniqueIdentifier"))) {
      fields.put("sharedSecretKey", r.uniqueIdentifier());
    }
  }

  static int validity(ValidityIndicator v, String what, Output out, Map<String, String> fields) {
    fields.put("validityIndicator", v.specName());
    out.done(what + " " + v.specName(), fields);
    return v == ValidityIndicator.VALID ? 0 : Cli.KMIP_FAILURE;
  }
}
