package keyward.cli;

import java.util.HexFormat;
import java.util.Map;
import keyward.client.BatchItemResult;
import keyward.client.KmipClient;
import keyward.kmip.spec.CancellationResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code poll} and {@code cancel}: the two operations on an item a server answered with Operation
 * Pending (a request sent with the Asynchronous Indicator), named by its Asynchronous Correlation
 * Value in hex.
 */
final class AsyncCommands {
  private AsyncCommands() {}

  static byte[] correlationValue(String hex) {
    try {
      return HexFormat.of().parseHex(hex.strip());
    } catch (IllegalArgumentException e) {
      throw new UsageException("the Asynchronous Correlation Value must be hex digits");
    }
  }

  @Command(name = "poll", mixinStandardHelpOptions = true,
      description = "Poll: the result of a pending asynchronous operation.")
  static final class Poll extends ClientCommand {
    @Parameters(index = "0", paramLabel = "HEX", description = "The Asynchronous Correlation Value the server gave.")
    String value;

    @Override
    void run(KmipClient client, Output out) {
      BatchItemResult r = client.poll(correlationValue(value));
      out.done(r.operation().specName() + " completed", Map.of("operation", r.operation().specName(),
          "result", "success"));
    }
  }

  @Command(name = "cancel", mixinStandardHelpOptions = true,
      description = "Cancel a pending asynchronous operation.")
  static final class Cancel extends ClientCommand {
    @Parameters(index = "0", paramLabel = "HEX", description = "The Asynchronous Correlation Value the server gave.")
    String value;

    @Override
    void run(KmipClient client, Output out) {
      CancellationResult r = client.cancel(correlationValue(value));
      out.done(r.specName(), Map.of("cancellation_result", r.specName()));
    }
  }
}
