package keyward.cli;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import keyward.client.KmipClient;
import keyward.client.Lease;
import keyward.kmip.spec.RevocationReasonCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The commands on one object of any type, by Unique Identifier: its lifecycle (activate, revoke,
 * destroy, archive, recover) and its use (check, lease, allocate). Listed under {@code key}.
 */
final class LifecycleCommands {
  private LifecycleCommands() {}

  @Command(name = "activate", mixinStandardHelpOptions = true, description = "Make an object Active.")
  static final class Activate extends IdCommand {
    Activate() {
      super("activated");
    }

    @Override
    void apply(KmipClient client) {
      client.activate(id);
    }
  }

  @Command(name = "destroy", mixinStandardHelpOptions = true,
      description = "Destroy an object's material (revoke an Active key first).")
  static final class Destroy extends IdCommand {
    Destroy() {
      super("destroyed");
    }

    @Override
    void apply(KmipClient client) {
      client.destroy(id);
    }
  }

  @Command(name = "archive", mixinStandardHelpOptions = true,
      description = "Archive an object: it stays, but is refused (Object Archived) until recovered.")
  static final class Archive extends IdCommand {
    Archive() {
      super("archived");
    }

    @Override
    void apply(KmipClient client) {
      client.archive(id);
    }
  }

  @Command(name = "recover", mixinStandardHelpOptions = true, description = "Recover an archived object.")
  static final class Recover extends IdCommand {
    Recover() {
      super("recovered");
    }

    @Override
    void apply(KmipClient client) {
      client.recover(id);
    }
  }

  @Command(name = "revoke", mixinStandardHelpOptions = true,
      description = "Revoke an object (it becomes Deactivated, or Compromised with --reason KeyCompromise).")
  static final class Revoke extends IdCommand {
    @Option(names = "--reason", defaultValue = "CessationOfOperation",
        description = "Revocation Reason Code (default ${DEFAULT-VALUE}; e.g. KeyCompromise, Superseded).")
    String reason;

    @Option(names = "--message", description = "Revocation Message.")
    String message;

    Revoke() {
      super("revoked");
    }

    @Override
    void apply(KmipClient client) {
      client.revoke(id, KeyCommand.byName(RevocationReasonCode.values(), reason, "Revocation Reason Code"), message);
    }
  }

  @Command(name = "check", mixinStandardHelpOptions = true,
      description = "Check: may the object be used so? Exit 0 if yes, 1 with the reason if not.")
  static final class Check extends IdCommand {
    @Option(names = "--usage", split = ",", paramLabel = "USAGE", description = "Usage mask bits, e.g. Encrypt,Decrypt.")
    List<String> usage = List.of();

    @Option(names = "--usage-limits-count", paramLabel = "N", description = "Units of the Usage Limits to be used.")
    Long count;

    @Option(names = "--lease-time", paramLabel = "SECONDS", description = "How long the object is to be used.")
    Long lease;

    Check() {
      super("checked");
    }

    @Override
    void apply(KmipClient client) {
      client.check(id, usage.stream().map(KeyCommand::usageBit).toList(), count,
          lease == null ? null : Duration.ofSeconds(lease));
    }
  }

  @Command(name = "lease", mixinStandardHelpOptions = true,
      description = "Obtain Lease: how long an Active object may be used (and its attributes cached).")
  static final class ObtainLease extends ClientCommand {
    @picocli.CommandLine.Parameters(paramLabel = "ID", description = "Unique Identifier.")
    String id;

    @Override
    void run(KmipClient client, Output out) {
      Lease l = client.obtainLease(id);
      Map<String, String> r = new LinkedHashMap<>();
      r.put("uniqueIdentifier", l.uniqueIdentifier());
      r.put("leaseTimeSeconds", Long.toString(l.leaseTime().toSeconds()));
      r.put("lastChangeDate", l.lastChangeDate() == null ? "" : l.lastChangeDate().toString());
      out.record(r);
    }
  }

  @Command(name = "allocate", mixinStandardHelpOptions = true,
      description = "Get Usage Allocation: take N units of the object's Usage Limits.")
  static final class Allocate extends IdCommand {
    @Option(names = "--count", required = true, paramLabel = "N", description = "Usage Limits units to take.")
    long count;

    Allocate() {
      super("allocated");
    }

    @Override
    void apply(KmipClient client) {
      client.getUsageAllocation(id, count);
    }
  }
}
