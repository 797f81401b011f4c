package keyward.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** keyward soak: a short run reports its samples and a verdict; the verdict judges growth. */
class SoakCommandTest {

  @Test
  void aShortSoakReportsEachRoundAndFindsTheServerFlat() {
    CommandLine cl = Main.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int exit = cl.execute("soak", "--seconds", "6", "--round", "2", "--connections", "4");
    assertThat(exit).as(out + "\n" + err).isZero();
    List<String> rows = out.toString().lines().filter(l -> l.matches("\\s*\\d+\\s+\\d+\\s+\\d+\\s+[\\d.]+\\s+-?\\d+")).toList();
    assertThat(rows).hasSize(4); // before the load, then three rounds
    assertThat(rows.get(1).trim().split("\\s+")[1]).as("ops/s of round 1").isNotEqualTo("0");
    assertThat(out.toString()).contains("flat: heap").contains(", 0 errors");
  }

  @Test
  void theVerdictReportsGrowthBeyondTheTolerances() {
    var before = new SoakCommand.Sample(0, 0, 0, 50L << 20, 30); // not judged: nothing warmed up yet
    var base = new SoakCommand.Sample(1, 1000, 0, 100L << 20, 40);
    assertThat(SoakCommand.verdict(List.of(before, base,
        new SoakCommand.Sample(2, 1000, 0, 120L << 20, 42)))).startsWith("flat: heap +20.0 MiB, fds +2");
    assertThat(SoakCommand.verdict(List.of(before, base, new SoakCommand.Sample(2, 1000, 0, 200L << 20, 40))))
        .startsWith("GROWING: heap +100.0 MiB");
    assertThat(SoakCommand.verdict(List.of(before, base, new SoakCommand.Sample(2, 1000, 0, 100L << 20, 140))))
        .startsWith("GROWING").contains("fds +100");
  }
}
