package keyward.cli;

import java.util.ArrayList;
import java.util.List;
import keyward.client.KmipClient;
import keyward.kmip.spec.KmipVersion;
import picocli.CommandLine.Command;

/** {@code versions}: Discover Versions, and the one the client would use. */
@Command(name = "versions", mixinStandardHelpOptions = true,
    description = "List the KMIP versions the server supports; marks the one the client uses.")
final class VersionsCommand extends ClientCommand {
  @Override
  void run(KmipClient client, Output out) {
    KmipVersion used = client.version();
    List<List<String>> rows = new ArrayList<>();
    for (KmipVersion v : client.discoverVersions()) {
      rows.add(List.of(v.toString(), v == used ? "yes" : ""));
    }
    out.table(List.of("version", "used"), rows);
  }
}
