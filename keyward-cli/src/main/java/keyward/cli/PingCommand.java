package keyward.cli;

import java.util.Map;
import keyward.client.KmipClient;
import picocli.CommandLine.Command;

/** {@code ping}: KMIP 2.x Ping, a round trip that touches no object (1.x servers refuse it). */
@Command(name = "ping", mixinStandardHelpOptions = true,
    description = "Check that the server answers (KMIP 2.0 and later).")
final class PingCommand extends ClientCommand {
  @Override
  void run(KmipClient client, Output out) {
    client.ping();
    out.done("pong " + client.version(), Map.of("result", "pong", "version", client.version().toString()));
  }
}
