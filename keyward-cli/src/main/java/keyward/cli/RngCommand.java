package keyward.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import keyward.client.KmipClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rng get N --out FILE}, {@code rng seed --in FILE}: the server's random number generator. */
@Command(name = "rng", mixinStandardHelpOptions = true, description = "Random bytes from the server, or seed its generator.",
    subcommands = {RngCommand.Get.class, RngCommand.Seed.class})
final class RngCommand {
  private RngCommand() {}

  @Command(name = "get", mixinStandardHelpOptions = true, description = "RNG Retrieve: N random bytes to a new file (or --hex).")
  static final class Get extends ClientCommand {
    @Parameters(paramLabel = "N", description = "How many bytes (the server serves 1 to 65536).")
    int length;

    @Mixin BinaryOutput result;

    @Override
    void run(KmipClient client, Output out) throws Exception {
      result.check();
      if (length < 1) {
        throw new UsageException("N must be at least 1");
      }
      result.emit(client.rngRetrieve(length), out, "data", Map.of());
    }
  }

  @Command(name = "seed", mixinStandardHelpOptions = true,
      description = "RNG Seed: offer a file's bytes to the server's generator; prints how many it accepted.")
  static final class Seed extends ClientCommand {
    @Option(names = "--in", required = true, paramLabel = "FILE", description = "Seed bytes (- reads standard input).")
    Path in;

    @Override
    void run(KmipClient client, Output out) throws Exception {
      byte[] seed = ObjectFiles.read(in);
      int accepted;
      try {
        accepted = client.rngSeed(seed);
      } finally {
        Arrays.fill(seed, (byte) 0);
      }
      out.done("the server accepted " + accepted + " of " + seed.length + " bytes",
          Map.of("accepted", Integer.toString(accepted), "offered", Integer.toString(seed.length)));
    }
  }
}
