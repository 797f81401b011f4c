package keyward.app;

import keyward.cli.Cli;
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

  /** The program's command line: serve and dump, and the client commands of keyward-cli. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Main());
    for (Class<?> c : Cli.COMMANDS) {
      cl.addSubcommand(c);
    }
    return Cli.configure(cl);
  }
}
