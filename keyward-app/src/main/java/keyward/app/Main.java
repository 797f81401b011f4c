package keyward.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the jar that ./keyward runs. */
@Command(
    name = "keyward",
    mixinStandardHelpOptions = true,
    version = "Keyward 0.1.0-SNAPSHOT",
    description = "KMIP key management server and tools.",
    subcommands = {ServeCommand.class, DumpCommand.class})
public final class Main implements Runnable {

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /**
   * The command line, with failures a user can act on (a port in use, a locked data directory,
   * an unreadable certificate) printed as one line instead of a stack trace. KEYWARD_DEBUG=1
   * shows the trace.
   */
  static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Main());
    cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      if (System.getenv("KEYWARD_DEBUG") != null) {
        e.printStackTrace();
      }
      String what = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
      commandLine.getErr().println("keyward " + commandLine.getCommandName() + ": " + what);
      return 1;
    });
    return cl;
  }
}
