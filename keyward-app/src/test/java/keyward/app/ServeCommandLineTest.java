package keyward.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** `keyward serve` runs on a command line of its own; to its user it is the same command. */
class ServeCommandLineTest {

  @Test
  void serveHasTheOptionsAndHelpItHasInTheWholeTree() {
    CommandLine whole = Main.commandLine().getSubcommands().get("serve");
    CommandLine alone = Main.commandLine(new String[] {"serve"}).getSubcommands().get("serve");
    assertThat(alone.getUsageMessage()).isEqualTo(whole.getUsageMessage()).contains("Usage: keyward serve");
    assertThat(alone.getCommandSpec().optionsMap().keySet())
        .isEqualTo(whole.getCommandSpec().optionsMap().keySet());
  }

  @Test
  void aBadServeOptionIsRefusedAsInTheWholeTree() {
    String[] args = {"serve", "--no-such-option"};
    StringWriter alone = new StringWriter();
    StringWriter whole = new StringWriter();
    CommandLine aloneCl = Main.commandLine(args);
    aloneCl.setErr(new PrintWriter(alone));
    CommandLine wholeCl = Main.commandLine();
    wholeCl.setErr(new PrintWriter(whole));
    assertThat(aloneCl.execute(args)).isEqualTo(wholeCl.execute(args)).isNotZero();
    assertThat(alone.toString()).isEqualTo(whole.toString()).contains("--no-such-option");
  }

  @Test
  void otherCommandsGetTheWholeTree() {
    assertThat(Main.commandLine(new String[] {"key", "list"}).getSubcommands()).containsKeys("serve", "key", "dump");
    assertThat(Main.commandLine(new String[0]).getSubcommands()).containsKeys("serve", "key", "dump");
  }
}
