package keyward.cli;

import java.util.Map;
import keyward.client.KmipClient;
import picocli.CommandLine.Parameters;

/**
 * A command that applies one operation to one object and confirms it ("activated ID"): the
 * shape of activate, revoke, destroy, archive, recover, check, allocate. A subclass names the
 * verb and makes the call.
 */
abstract class IdCommand extends ClientCommand {
  @Parameters(index = "0", paramLabel = "ID", description = "Unique Identifier.")
  String id;

  private final String done;

  IdCommand(String done) {
    this.done = done;
  }

  /** The operation on {@link #id}; a KMIP failure propagates as the exit code 1. */
  abstract void apply(KmipClient client);

  @Override
  final void run(KmipClient client, Output out) {
    apply(client);
    out.done(done + " " + id, Map.of("uniqueIdentifier", id, "result", done));
  }
}
