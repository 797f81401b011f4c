package keyward.cli;

import java.util.ArrayList;
import java.util.List;
import keyward.client.KmipClient;
import keyward.client.QueryResult;
import keyward.kmip.spec.ObjectType;
import keyward.kmip.spec.Operation;
import picocli.CommandLine.Command;

/** {@code query}: what the server supports. */
@Command(name = "query", mixinStandardHelpOptions = true,
    description = "List the operations and object types the server supports.")
final class QueryCommand extends ClientCommand {
  @Override
  void run(KmipClient client, Output out) {
    QueryResult q = client.query();
    List<List<String>> rows = new ArrayList<>();
    for (Operation op : q.operations()) {
      rows.add(List.of("operation", op.specName()));
    }
    for (ObjectType t : q.objectTypes()) {
      rows.add(List.of("objectType", t.specName()));
    }
    out.table(List.of("kind", "name"), rows);
  }
}
