package keyward.cli;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import keyward.client.KmipClient;
import keyward.client.ObjectRequest;
import picocli.CommandLine.Command;

/**
 * {@code cert register|get|certify|recertify|validate}: X.509 certificates, registered from PEM or
 * DER, fetched as either, issued, renewed and validated by the server.
 */
@Command(name = "cert", mixinStandardHelpOptions = true, description = "Register, fetch, certify, re-certify and validate X.509 certificates.",
    subcommands = {CertCommand.Register.class, GetCommand.class, CertifyCommand.class, ReCertifyCommand.class,
        ValidateCommand.class})
final class CertCommand {
  private static final Pattern PEM = Pattern.compile(
      "-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\\s]+)-----END CERTIFICATE-----");

  private CertCommand() {}

  @Command(name = "register", mixinStandardHelpOptions = true,
      description = "Register an X.509 certificate from a PEM or DER file; prints its Unique Identifier.")
  static final class Register extends RegisterCommand {
    @Override
    ObjectRequest request(KmipClient client, byte[] bytes) {
      return client.registerCertificate(der(bytes));
    }
  }

  /** The DER of the first PEM certificate in the bytes, or the bytes themselves (DER). */
  static byte[] der(byte[] bytes) {
    Matcher m = PEM.matcher(new String(bytes, StandardCharsets.US_ASCII));
    if (m.find()) {
      return Base64.getMimeDecoder().decode(m.group(1));
    }
    if (bytes.length > 0 && bytes[0] == '-') {
      throw new UsageException("not a PEM certificate (\"BEGIN CERTIFICATE\") nor DER");
    }
    return bytes;
  }
}
