package keyward.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import keyward.client.AttributeValues;
import keyward.client.KmipClient;
import keyward.kmip.ttlv.Item;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cert recertify CERT_ID}: Re-certify, a new certificate for the same key pair from the
 * same issuer (found by the server through the links, or {@code --issuer-key}); prints the new
 * certificate's Unique Identifier.
 */
@Command(name = "recertify", mixinStandardHelpOptions = true,
    description = "Re-certify a certificate: a new one for the same key pair from the same issuer; prints its"
        + " Unique Identifier. The old certificate's names move to it.")
final class ReCertifyCommand extends ClientCommand {
  @Parameters(index = "0", paramLabel = "CERT_ID", description = "Unique Identifier of the certificate to renew.")
  String certificate;

  @Option(names = "--csr", paramLabel = "FILE",
      description = "A PKCS#10 request (PEM or DER) for the same public key, to change the subject.")
  Path csr;

  @Option(names = "--offset", paramLabel = "SECONDS",
      description = "Activate the new certificate this long after now (its Deactivation Date keeps its distance).")
  Long offset;

  @Option(names = "--issuer-key", paramLabel = "ID",
      description = "The issuing private key (default: found through the certificate's links).")
  String issuerKey;

  @Option(names = "--name", description = "A further Name for the new certificate.")
  String name;

  @Override
  void run(KmipClient client, Output out) throws Exception {
    if (offset != null && offset < 0) {
      throw new UsageException("--offset must not be negative");
    }
    List<Item> attributes = new ArrayList<>();
    if (name != null) {
      attributes.add(AttributeValues.name(name));
    }
    if (issuerKey != null) {
      attributes.add(AttributeValues.link(keyward.kmip.spec.LinkType.PRIVATE_KEY_LINK, issuerKey));
    }
    byte[] request = csr == null ? null : CertifyCommand.pkcs10(ObjectFiles.read(csr));
    String id = client.reCertify(certificate, request, offset, attributes.toArray(Item[]::new));
    Map<String, String> f = new LinkedHashMap<>();
    f.put("uniqueIdentifier", id);
    f.put("replaced", certificate);
    out.done(id, f);
  }
}
