package keyward.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import keyward.client.KmipClient;
import keyward.client.ObjectRequest;
import picocli.CommandLine.Option;

/**
 * {@code key|secret|opaque register --file F}: the file's bytes as a new object; prints its
 * Unique Identifier. A subclass says which object the bytes make.
 */
abstract class RegisterCommand extends ClientCommand {
  @Option(names = "--file", required = true, paramLabel = "FILE",
      description = "The bytes to register (raw; - reads standard input).")
  Path file;

  @Option(names = "--name", description = "Name of the object.")
  String name;

  @Option(names = "--activate", description = "Activate it in the same request.")
  boolean activate;

  /** The Register request for these bytes. */
  abstract ObjectRequest request(KmipClient client, byte[] bytes);

  @Override
  void run(KmipClient client, Output out) throws Exception {
    byte[] bytes = ObjectFiles.read(file);
    ObjectRequest r;
    try {
      r = request(client, bytes); // the request keeps its own copy
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
    String id = NewObject.send(r, name, activate);
    out.done(id, Map.of("uniqueIdentifier", id));
  }
}
