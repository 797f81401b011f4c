package keyward.cli;

import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import keyward.client.KmipClient;
import keyward.kmip.spec.HashingAlgorithm;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hash --algorithm SHA-256 --in FILE}: the server's digest of a file, in hex. */
@Command(name = "hash", mixinStandardHelpOptions = true, description = "Hash a file on the server; prints the digest in hex.")
final class HashCommand extends ClientCommand {
  @Option(names = "--algorithm", defaultValue = "SHA-256", paramLabel = "HASH",
      description = "Hashing Algorithm (default ${DEFAULT-VALUE}; e.g. SHA-512, SHA3-256).")
  String algorithm;

  @Option(names = "--in", required = true, paramLabel = "FILE", description = "The data (- reads standard input).")
  Path in;

  @Override
  void run(KmipClient client, Output out) throws Exception {
    HashingAlgorithm h = ParameterOptions.hashing(algorithm);
    String digest = HexFormat.of().formatHex(client.hash(h, ObjectFiles.read(in)));
    Map<String, String> f = new LinkedHashMap<>();
    f.put("hashingAlgorithm", h.specName());
    f.put("digest", digest);
    out.done(digest, f);
  }
}
