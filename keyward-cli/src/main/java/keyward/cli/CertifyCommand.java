package keyward.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import keyward.client.AttributeValues;
import keyward.client.KmipClient;
import keyward.kmip.ttlv.Item;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cert certify PUBLIC_KEY_ID --issuer-key ID} (or {@code --csr FILE}): Certify, a new
 * X.509 certificate made and kept by the server; prints its Unique Identifier ({@code cert get
 * ID --out F --pem} fetches it).
 */
@Command(name = "certify", mixinStandardHelpOptions = true,
    description = "Certify a public key on the server (or a PKCS#10 request): a new X.509 certificate signed by"
        + " the issuer's private key; prints its Unique Identifier.")
final class CertifyCommand extends ClientCommand {
  @Parameters(index = "0", arity = "0..1", paramLabel = "PUBLIC_KEY_ID",
      description = "Unique Identifier of the public key to certify (or give --csr).")
  String publicKey;

  @Option(names = "--csr", paramLabel = "FILE", description = "A PKCS#10 certificate request (PEM or DER) instead of a key ID.")
  Path csr;

  @Option(names = "--issuer-key", required = true, paramLabel = "ID",
      description = "The issuing private key (Active; may Sign or Certificate Sign).")
  String issuerKey;

  @Option(names = "--issuer-cert", paramLabel = "ID",
      description = "The issuer's certificate (default: self-issued, the issuer is the subject).")
  String issuerCert;

  @Option(names = "--name", description = "Name of the new certificate.")
  String name;

  @Override
  void run(KmipClient client, Output out) throws Exception {
    if ((publicKey == null) == (csr == null)) {
      throw new UsageException("give PUBLIC_KEY_ID or --csr FILE (one of them)");
    }
    Item[] attributes = name == null ? new Item[0] : new Item[] {AttributeValues.name(name)};
    String id = csr != null
        ? client.certifyRequest(pkcs10(ObjectFiles.read(csr)), issuerKey, issuerCert, attributes)
        : client.certify(publicKey, issuerKey, issuerCert, attributes);
    Map<String, String> f = new LinkedHashMap<>();
    f.put("uniqueIdentifier", id);
    f.put("issuerKey", issuerKey);
    out.done(id, f);
  }

  /** DER of a PEM "CERTIFICATE REQUEST", or the bytes as given (DER). */
  static byte[] pkcs10(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.US_ASCII);
    Matcher m = Pattern.compile(
        "-----BEGIN (?:NEW )?CERTIFICATE REQUEST-----([A-Za-z0-9+/=\\s]+)-----END (?:NEW )?CERTIFICATE REQUEST-----")
        .matcher(text);
    if (m.find()) {
      return Base64.getMimeDecoder().decode(m.group(1));
    }
    if (bytes.length > 0 && bytes[0] == '-') {
      throw new UsageException("not a PEM certificate request (\"BEGIN CERTIFICATE REQUEST\") nor DER");
    }
    return bytes;
  }
}
