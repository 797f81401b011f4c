package keyward.app;

import keyward.app.conformance.ConformanceCommand;
import keyward.cli.Cli;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the jar that ./keyward runs. */
@Command(
    name = "keyward",
    mixinStandardHelpOptions = true,
    version = "Keyward 0.1.0-SNAPSHOT",
    description = "KMIP key management server and tools.",
    subcommands = {ServeCommand.class, DumpCommand.class, UserCommand.class, ConformanceCommand.class,
        AuditCommand.class, AdminCommand.class, SoakCommand.class})
public final class Main implements Runnable {

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(commandLine(args).execute(args));
  }

  /**
   * The command line for these arguments. {@code serve} gets a tree holding only itself: picocli
   * builds the model of every command by reflection, a tenth of the server's start-up CPU
   * (measured), for commands a server start never runs. Its options, help and errors are the
   * same as in the whole tree.
   */
  static CommandLine commandLine(String[] args) {
    if (args.length > 0 && args[0].equals("serve")) {
      return handlingErrors(new CommandLine(new ServeOnly()));
    }
    return commandLine();
  }

  /** The root of the command line that runs {@code serve}. */
  @Command(name = "keyward", mixinStandardHelpOptions = true, version = "Keyward 0.1.0-SNAPSHOT",
      subcommands = ServeCommand.class)
  static final class ServeOnly implements Runnable {
    @Override
    public void run() {
      new CommandLine(new Main()).usage(System.out);
    }
  }

  /**
   * The program's command line: serve and dump, and the client commands of keyward-cli. Client
   * failures get keyward-cli's exit codes; any other failure a user can act on (a port in use, a
   * locked data directory, an unreadable certificate) is one line, not a stack trace.
   * KEYWARD_DEBUG=1 shows the trace.
   */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Main());
    for (Class<?> c : Cli.COMMANDS) {
      cl.addSubcommand(c);
    }
    return handlingErrors(cl);
  }

  private static CommandLine handlingErrors(CommandLine cl) {
    Cli.configure(cl);
    CommandLine.IExecutionExceptionHandler client = cl.getExecutionExceptionHandler();
    cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      try {
        return client.handleExecutionException(e, commandLine, parseResult);
      } catch (Exception other) {
        if (System.getenv("KEYWARD_DEBUG") != null) {
          other.printStackTrace();
        }
        String what = other.getMessage() != null ? other.getMessage() : other.getClass().getSimpleName();
        commandLine.getErr().println("keyward " + commandLine.getCommandName() + ": " + what);
        return 1;
      }
    });
    return cl;
  }
}
