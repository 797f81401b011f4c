package keyward.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import keyward.client.BatchItemResult;
import keyward.client.KmipClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code key|secret|opaque get ID --out FILE}: object bytes to a new 0600 file, never to the terminal. */
@Command(name = "get", mixinStandardHelpOptions = true,
    description = "Write an object's bytes (key material, secret, opaque value, certificate) to a new"
        + " file; without --out, show its attributes.")
final class GetCommand extends ClientCommand {
  @Parameters(paramLabel = "ID", description = "Unique Identifier.")
  String id;

  @Option(names = "--out", paramLabel = "FILE", description = "Where to write the bytes (created 0600; never overwritten).")
  Path out;

  @Option(names = "--pem", description = "Write PEM instead of raw bytes (certificates, PKCS#1/PKCS#8/X.509 keys).")
  boolean pem;

  @Override
  void run(KmipClient client, Output o) throws IOException {
    if (out == null) {
      if (pem) {
        throw new UsageException("--pem goes with --out FILE");
      }
      AttrCommand.print(client.getAttributes(id), o);
      spec.commandLine().getErr().println("(the object's bytes are written only with --out FILE)");
      return;
    }
    BatchItemResult got = client.batch().get(id).execute().item(0).orThrow();
    String label = pem ? ObjectFiles.pemLabel(got.responsePayload()) : null;
    byte[] bytes = got.objectBytes();
    if (label != null) {
      bytes = ObjectFiles.pem(label, bytes);
    }
    int n = bytes.length;
    ObjectFiles.writeNew(out, bytes);
    o.done("wrote " + n + " bytes of " + id + " to " + out,
        Map.of("uniqueIdentifier", id, "file", out.toString(), "bytes", Integer.toString(n)));
  }
}
