package keyward.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import keyward.server.audit.AuditChain;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code keyward audit verify [FILE]}: checks the audit log's hash chain. */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "Work with the audit log.",
    subcommands = {AuditCommand.Verify.class})
final class AuditCommand {
  private AuditCommand() {}

  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = {"Check that no entry of the audit log was changed, removed or inserted.",
          "Exit 0: intact; 1: broken (the first broken line is named); 2: no such file."})
  static final class Verify implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE",
        description = "The log (default keyward-data/audit.jsonl).")
    Path file = Path.of("keyward-data", "audit.jsonl");

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      if (!Files.isRegularFile(file)) {
        spec.commandLine().getErr().println("keyward audit verify: no such file: " + file);
        return 2;
      }
      AuditChain.Result r = AuditChain.verify(file);
      if (r.intact()) {
        spec.commandLine().getOut().println(file + ": " + r.entries() + " entries, chain intact");
        return 0;
      }
      spec.commandLine().getOut().println(file + ": line " + r.brokenLine() + ": " + r.why()
          + " (the " + r.entries() + " entries before it are intact)");
      return 1;
    }
  }
}
