package keyward.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import keyward.client.BatchItemResult;
import keyward.client.CryptographicParameters;
import keyward.client.KeyWrappingSpecification;
import keyward.client.KmipClient;
import keyward.kmip.spec.BlockCipherMode;
import keyward.kmip.spec.EncodingOption;
import keyward.kmip.spec.KeyWrapType;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code key|secret|opaque get ID --out FILE}: object bytes to a new 0600 file, never to the
 * terminal. With {@code --wrap-with KEK} (and/or {@code --mac-with KEY}) the server wraps the key
 * first and the file holds the wrapped Key Value; the IV/Counter/Nonce and MAC/Signature, which
 * are not secret, are shown.
 */
@Command(name = "get", mixinStandardHelpOptions = true,
    description = "Write an object's bytes (key material, secret, opaque value, certificate) to a new"
        + " file, wrapped by a server key if asked; without --out, show its attributes.")
final class GetCommand extends ClientCommand {
  @Parameters(paramLabel = "ID", description = "Unique Identifier.")
  String id;

  @Option(names = "--out", paramLabel = "FILE", description = "Where to write the bytes (created 0600; never overwritten).")
  Path out;

  @Option(names = "--pem", description = "Write PEM instead of raw bytes (certificates, PKCS#1/PKCS#8/X.509 keys).")
  boolean pem;

  @Option(names = "--wrap-with", paramLabel = "KEK",
      description = "Encrypt the key with this server key (AES: NIST Key Wrap by default; RSA public key: OAEP).")
  String wrapWith;

  @Option(names = "--wrap-mode", paramLabel = "MODE",
      description = "Block Cipher Mode for --wrap-with: NISTKeyWrap, AESKeyWrapPadding or GCM.")
  String wrapMode;

  @Option(names = "--mac-with", paramLabel = "KEY",
      description = "MAC (HMAC/AES key) or sign (private key) the key with this server key.")
  String macWith;

  @Option(names = "--mac-first", description = "With --wrap-with and --mac-with: MAC/sign then encrypt"
      + " (default: encrypt then MAC/sign).")
  boolean macFirst;

  @Option(names = "--no-encoding", description = "Wrap the bare key bytes (No Encoding) instead of the TTLV Key Value.")
  boolean noEncoding;

  @Option(names = "--wrap-attribute", paramLabel = "NAME",
      description = "An attribute to wrap with the key (e.g. \"Cryptographic Usage Mask\"); repeatable.")
  List<String> wrapAttributes = new ArrayList<>();

  @Option(names = "--unwrapped", description = "Ask the server to unwrap a key registered wrapped (Key Wrap Type Not Wrapped).")
  boolean unwrapped;

  @Override
  void run(KmipClient client, Output o) throws IOException {
    KeyWrappingSpecification wrapping = wrapping();
    if (out == null) {
      if (pem || wrapping != null || unwrapped) {
        throw new UsageException("--pem, --unwrapped and the wrapping options go with --out FILE");
      }
      AttrCommand.print(client.getAttributes(id), o);
      spec.commandLine().getErr().println("(the object's bytes are written only with --out FILE)");
      return;
    }
    if (wrapping != null && (pem || unwrapped)) {
      throw new UsageException("a wrapped key is written as its wrapped bytes: --pem and --unwrapped do not apply");
    }
    var batch = client.batch();
    BatchItemResult got = (wrapping != null ? batch.get(id, wrapping)
        : unwrapped ? batch.get(id, KeyWrapType.NOT_WRAPPED) : batch.get(id)).execute().item(0).orThrow();
    Map<String, String> fields = new LinkedHashMap<>();
    byte[] bytes;
    if (wrapping != null) {
      bytes = wrapped(got.responsePayload(), fields);
    } else {
      String label = pem ? ObjectFiles.pemLabel(got.responsePayload()) : null;
      bytes = got.objectBytes();
      if (label != null) {
        bytes = ObjectFiles.pem(label, bytes);
      }
    }
    int n = bytes.length;
    ObjectFiles.writeNew(out, bytes);
    fields.put("uniqueIdentifier", id);
    fields.put("file", out.toString());
    fields.put("bytes", Integer.toString(n));
    StringBuilder message = new StringBuilder("wrote " + n + (wrapping != null ? " wrapped" : "") + " bytes of " + id + " to " + out);
    for (String k : List.of("ivCounterNonce", "macSignature")) {
      if (fields.containsKey(k)) {
        message.append('\n').append(k).append(": ").append(fields.get(k));
      }
    }
    o.done(message.toString(), fields);
  }

  /** The Key Wrapping Specification the options ask for, or null. */
  KeyWrappingSpecification wrapping() {
    if (wrapWith == null && macWith == null) {
      if (wrapMode != null || macFirst || noEncoding || !wrapAttributes.isEmpty()) {
        throw new UsageException("the wrapping options need --wrap-with KEK and/or --mac-with KEY");
      }
      return null;
    }
    KeyWrappingSpecification s = wrapWith == null ? KeyWrappingSpecification.macSign(macWith)
        : macWith == null ? KeyWrappingSpecification.encrypt(wrapWith)
        : macFirst ? KeyWrappingSpecification.macSignThenEncrypt(wrapWith, macWith)
        : KeyWrappingSpecification.encryptThenMacSign(wrapWith, macWith);
    if (wrapMode != null) {
      if (wrapWith == null) {
        throw new UsageException("--wrap-mode goes with --wrap-with");
      }
      s = s.encryptionParameters(CryptographicParameters.NONE.blockCipherMode(
          KeyCommand.byName(BlockCipherMode.values(), wrapMode, "Block Cipher Mode")));
    }
    if (noEncoding) {
      s = s.encoding(EncodingOption.NO_ENCODING);
    }
    return s.attributes(wrapAttributes.toArray(String[]::new));
  }

  /** The Key Value as wrapped (bytes; MAC/sign alone: the clear Key Material) and the non-secret Key Wrapping Data fields. */
  private static byte[] wrapped(Item.Structure payload, Map<String, String> fields) {
    for (Item object : payload.items()) {
      if (object instanceof Item.Structure s && s.first(Tag.KEY_BLOCK).orElse(null) instanceof Item.Structure block) {
        if (block.first(Tag.KEY_WRAPPING_DATA).orElse(null) instanceof Item.Structure data) {
          hex(data, Tag.IV_COUNTER_NONCE, "ivCounterNonce", fields);
          hex(data, Tag.MAC_SIGNATURE, "macSignature", fields);
        }
        Item value = block.first(Tag.KEY_VALUE).orElse(null);
        if (value instanceof Item.ByteString b) {
          return b.value();
        }
        if (value instanceof Item.Structure v && v.first(Tag.KEY_MATERIAL).orElse(null) instanceof Item.ByteString b) {
          return b.value();
        }
      }
    }
    throw new UsageException("the server's answer holds no wrapped key block");
  }

  private static void hex(Item.Structure data, int tag, String name, Map<String, String> fields) {
    if (data.first(tag).orElse(null) instanceof Item.ByteString b) {
      fields.put(name, HexFormat.of().formatHex(b.value()));
    }
  }
}
