package keyward.cli;

import java.util.concurrent.Callable;
import keyward.client.KmipClient;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that talks to the server: opens the client, runs, closes it. */
abstract class ClientCommand implements Callable<Integer> {
  @Mixin ConnectionOptions connection;
  @Spec CommandSpec spec;

  @Override
  public final Integer call() throws Exception {
    try (KmipClient client = connection.open()) {
      run(client, new Output(spec.commandLine().getOut(), connection.json));
    }
    return 0;
  }

  abstract void run(KmipClient client, Output out) throws Exception;
}
