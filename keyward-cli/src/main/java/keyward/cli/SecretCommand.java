package keyward.cli;

import java.util.Map;
import keyward.client.KmipClient;
import keyward.client.ObjectRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code secret create|register|get}: Secret Data (passwords and other secrets the server keeps). */
@Command(name = "secret", mixinStandardHelpOptions = true, description = "Create, register and fetch Secret Data.",
    subcommands = {SecretCommand.Create.class, SecretCommand.Register.class, GetCommand.class})
final class SecretCommand {
  private SecretCommand() {}

  @Command(name = "create", mixinStandardHelpOptions = true,
      description = "Create a random secret on the server (KMIP 2.x); prints its Unique Identifier.")
  static final class Create extends ClientCommand {
    @Option(names = "--length", paramLabel = "BITS", description = "Length in bits (default: the server's).")
    Integer length;

    @Option(names = "--name", description = "Name of the secret.")
    String name;

    @Option(names = "--activate", description = "Activate it in the same request.")
    boolean activate;

    @Override
    void run(KmipClient client, Output out) {
      String id = NewObject.send(client.createSecretData(length), name, activate);
      out.done(id, Map.of("uniqueIdentifier", id));
    }
  }

  @Command(name = "register", mixinStandardHelpOptions = true,
      description = "Register a secret (Secret Data, type Password) from a file; prints its Unique Identifier.")
  static final class Register extends RegisterCommand {
    @Override
    ObjectRequest request(KmipClient client, byte[] bytes) {
      return client.registerSecretData(bytes);
    }
  }
}
