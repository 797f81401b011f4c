package keyward.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import keyward.client.KmipClient;
import keyward.kmip.spec.ValidityIndicator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cert validate [CERT_ID...] [--cert-file FILE...] [--date ISO]}: Validate, a certificate chain
 * of managed certificates and/or certificate files, in any order; exit 0 if Valid, 1 if Invalid or
 * Unknown.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = "Validate a certificate chain (managed certificates by ID and/or PEM/DER files, any order, ending"
        + " in its self-signed root): exit 0 if Valid, 1 if Invalid or Unknown.")
final class ValidateCommand extends ResultCommand {
  @Parameters(arity = "0..*", paramLabel = "CERT_ID", description = "Unique Identifiers of managed certificates.")
  List<String> ids = new ArrayList<>();

  @Option(names = "--cert-file", paramLabel = "FILE", description = "A certificate file (PEM or DER); may be repeated.")
  List<Path> files = new ArrayList<>();

  @Option(names = "--date", paramLabel = "ISO-8601",
      description = "The date at which the chain must be valid (default: now), e.g. 2027-01-01T00:00:00Z.")
  String date;

  @Override
  int run(KmipClient client, Output out) throws Exception {
    if (ids.isEmpty() && files.isEmpty()) {
      throw new UsageException("give the chain: CERT_ID arguments and/or --cert-file FILE options");
    }
    Instant at = null;
    if (date != null) {
      try {
        at = Instant.parse(date);
      } catch (DateTimeParseException e) {
        throw new UsageException("--date is not an ISO-8601 instant (e.g. 2027-01-01T00:00:00Z)");
      }
    }
    List<byte[]> certificates = new ArrayList<>();
    for (Path f : files) {
      certificates.add(CertCommand.der(ObjectFiles.read(f)));
    }
    ValidityIndicator v = client.validate(ids, certificates, at);
    Map<String, String> f = new LinkedHashMap<>();
    f.put("certificates", String.valueOf(ids.size() + files.size()));
    return CryptoCommand.validity(v, "certificate chain", out, f);
  }
}
