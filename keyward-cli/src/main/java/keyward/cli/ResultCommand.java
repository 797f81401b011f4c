package keyward.cli;

import java.util.concurrent.Callable;
import keyward.client.KmipClient;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A client command whose exit code is its answer (verify, mac-verify: 0 Valid, 1 Invalid), as
 * {@link ClientCommand} otherwise.
 */
abstract class ResultCommand implements Callable<Integer> {
  @Mixin ConnectionOptions connection;
  @Spec CommandSpec spec;

  @Override
  public final Integer call() throws Exception {
    try (KmipClient client = connection.open()) {
      return run(client, new Output(spec.commandLine().getOut(), connection.json));
    }
  }

  abstract int run(KmipClient client, Output out) throws Exception;
}
