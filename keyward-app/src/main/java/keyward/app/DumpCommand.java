package keyward.app;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until the codecs land: decodes a KMIP message file and prints it. */
@Command(name = "dump", description = "Decode a KMIP message (TTLV, XML or JSON) and print it.")
final class DumpCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("dump: not available yet");
    return 2;
  }
}
