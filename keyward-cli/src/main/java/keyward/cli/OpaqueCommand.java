package keyward.cli;

import keyward.client.KmipClient;
import keyward.client.ObjectRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code opaque register|get}: Opaque Objects, bytes the server stores without interpreting them. */
@Command(name = "opaque", mixinStandardHelpOptions = true, description = "Register and fetch Opaque Objects.",
    subcommands = {OpaqueCommand.Register.class, GetCommand.class})
final class OpaqueCommand {
  private OpaqueCommand() {}

  @Command(name = "register", mixinStandardHelpOptions = true,
      description = "Register a file's bytes as an Opaque Object; prints its Unique Identifier.")
  static final class Register extends RegisterCommand {
    @Option(names = "--type", defaultValue = "0x80000001", paramLabel = "N",
        description = "Opaque Data Type, an extension value 0x80000000 and up (default ${DEFAULT-VALUE}).")
    String type;

    @Override
    ObjectRequest request(KmipClient client, byte[] bytes) {
      int t;
      try {
        t = Integer.parseUnsignedInt(type.replaceFirst("^0[xX]", ""), type.matches("0[xX].*") ? 16 : 10);
      } catch (NumberFormatException e) {
        throw new UsageException("--type: expected a number such as 0x80000001, not " + type);
      }
      return client.registerOpaqueObject(t, bytes);
    }
  }
}
