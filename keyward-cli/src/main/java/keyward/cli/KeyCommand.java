package keyward.cli;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import keyward.client.KmipClient;
import keyward.client.LocateRequest;
import keyward.client.ObjectRequest;
import keyward.kmip.spec.CryptographicUsageMask;
import keyward.kmip.spec.ObjectType;
import keyward.kmip.spec.RevocationReasonCode;
import keyward.kmip.spec.State;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code key create|get|locate|activate|revoke|destroy|archive|recover}. */
@Command(name = "key", mixinStandardHelpOptions = true, description = "Create, fetch, find and retire keys.",
    subcommands = {KeyCommand.Create.class, KeyCommand.Get.class, KeyCommand.Locate.class,
        KeyCommand.Activate.class, KeyCommand.Revoke.class, KeyCommand.Destroy.class,
        KeyCommand.Archive.class, KeyCommand.Recover.class})
final class KeyCommand {

  @Command(name = "create", mixinStandardHelpOptions = true,
      description = "Create a symmetric key on the server; prints its Unique Identifier.")
  static final class Create extends ClientCommand {
    @Option(names = "--name", description = "Name of the key.")
    String name;

    @Option(names = "--algorithm", defaultValue = "AES", description = "Cryptographic Algorithm (default ${DEFAULT-VALUE}).")
    String algorithm;

    @Option(names = "--length", defaultValue = "256", description = "Length in bits (default ${DEFAULT-VALUE}).")
    int length;

    @Option(names = "--usage", split = ",", paramLabel = "USAGE",
        description = "Usage mask bits, e.g. Encrypt,Decrypt (the default).")
    List<String> usage = List.of("Encrypt", "Decrypt");

    @Option(names = "--activate", description = "Activate the key in the same request.")
    boolean activate;

    @Override
    void run(KmipClient client, Output out) {
      ObjectRequest r = client.createSymmetricKey(algorithm, length);
      if (name != null) {
        r.name(name);
      }
      r.usage(usage.stream().map(KeyCommand::usageBit).toArray(CryptographicUsageMask[]::new));
      if (activate) {
        r.activate();
      }
      String id = r.execute();
      out.done(id, Map.of("uniqueIdentifier", id));
    }
  }

  @Command(name = "get", mixinStandardHelpOptions = true,
      description = "Write a key's material (raw bytes) to a file; without --out, show its attributes.")
  static final class Get extends ClientCommand {
    @Parameters(paramLabel = "ID", description = "Unique Identifier.")
    String id;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write the key bytes (created 0600; never overwritten).")
    Path out;

    @Override
    void run(KmipClient client, Output o) throws IOException {
      if (out == null) {
        AttrCommand.print(client.getAttributes(id), o);
        spec.commandLine().getErr().println("(key material is written only with --out FILE)");
        return;
      }
      byte[] key = client.get(id);
      try {
        try {
          Files.createFile(out, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
          Files.createFile(out);
        }
      } catch (FileAlreadyExistsException e) {
        throw new UsageException(out + " exists; the key is not written over a file (choose another name)");
      }
      Files.write(out, key, StandardOpenOption.TRUNCATE_EXISTING);
      Arrays.fill(key, (byte) 0);
      o.done("wrote " + (key.length) + " bytes of " + id + " to " + out,
          Map.of("uniqueIdentifier", id, "file", out.toString(), "bytes", Integer.toString(key.length)));
    }
  }

  @Command(name = "locate", aliases = "list", mixinStandardHelpOptions = true,
      description = "List objects matching every criterion given (all of yours when none).")
  static final class Locate extends ClientCommand {
    @Option(names = "--name", description = "Objects with this Name.")
    String name;

    @Option(names = "--type", paramLabel = "TYPE", description = "Object Type, e.g. SymmetricKey.")
    String type;

    @Option(names = "--state", paramLabel = "STATE", description = "State, e.g. Active.")
    String state;

    @Option(names = "--max", paramLabel = "N", description = "At most N objects.")
    Integer max;

    @Override
    void run(KmipClient client, Output out) {
      LocateRequest r = client.locate();
      if (name != null) {
        r.name(name);
      }
      if (type != null) {
        r.objectType(byName(ObjectType.values(), type, "Object Type"));
      }
      if (state != null) {
        r.state(byName(State.values(), state, "State"));
      }
      if (max != null) {
        r.maximumItems(max);
      }
      List<List<String>> rows = new ArrayList<>();
      for (String id : r.execute()) {
        Map<String, String> a = client.getAttributes(id, "Object Type", "Name", "State").display();
        rows.add(List.of(id, a.getOrDefault("Object Type", ""), a.getOrDefault("Name", ""),
            a.getOrDefault("State", "")));
      }
      out.table(List.of("uniqueIdentifier", "objectType", "name", "state"), rows);
    }
  }

  @Command(name = "activate", mixinStandardHelpOptions = true, description = "Make a key Active.")
  static final class Activate extends ClientCommand {
    @Parameters(paramLabel = "ID")
    String id;

    @Override
    void run(KmipClient client, Output out) {
      client.activate(id);
      out.done("activated " + id, Map.of("uniqueIdentifier", id, "result", "activated"));
    }
  }

  @Command(name = "archive", mixinStandardHelpOptions = true,
      description = "Archive an object: it stays, but is refused (Object Archived) until recovered.")
  static final class Archive extends ClientCommand {
    @Parameters(paramLabel = "ID")
    String id;

    @Override
    void run(KmipClient client, Output out) {
      client.archive(id);
      out.done("archived " + id, Map.of("uniqueIdentifier", id, "result", "archived"));
    }
  }

  @Command(name = "recover", mixinStandardHelpOptions = true, description = "Recover an archived object.")
  static final class Recover extends ClientCommand {
    @Parameters(paramLabel = "ID")
    String id;

    @Override
    void run(KmipClient client, Output out) {
      client.recover(id);
      out.done("recovered " + id, Map.of("uniqueIdentifier", id, "result", "recovered"));
    }
  }

  @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a key (it becomes Deactivated or Compromised).")
  static final class Revoke extends ClientCommand {
    @Parameters(paramLabel = "ID")
    String id;

    @Option(names = "--reason", defaultValue = "CessationOfOperation",
        description = "Revocation Reason Code (default ${DEFAULT-VALUE}; e.g. KeyCompromise, Superseded).")
    String reason;

    @Option(names = "--message", description = "Revocation Message.")
    String message;

    @Override
    void run(KmipClient client, Output out) {
      client.revoke(id, byName(RevocationReasonCode.values(), reason, "Revocation Reason Code"), message);
      out.done("revoked " + id, Map.of("uniqueIdentifier", id, "result", "revoked"));
    }
  }

  @Command(name = "destroy", mixinStandardHelpOptions = true,
      description = "Destroy a key's material (revoke an Active key first).")
  static final class Destroy extends ClientCommand {
    @Parameters(paramLabel = "ID")
    String id;

    @Override
    void run(KmipClient client, Output out) {
      client.destroy(id);
      out.done("destroyed " + id, Map.of("uniqueIdentifier", id, "result", "destroyed"));
    }
  }

  static CryptographicUsageMask usageBit(String name) {
    return byName(CryptographicUsageMask.values(), name, "Cryptographic Usage Mask");
  }

  /** An enumeration constant by its spec name ("Symmetric Key"), XML name or Java name. */
  static <E extends Enum<E> & keyward.kmip.spec.KmipEnum> E byName(E[] values, String name, String what) {
    for (E e : values) {
      if (e.specName().equalsIgnoreCase(name) || e.xmlName().equalsIgnoreCase(name)
          || e.name().equalsIgnoreCase(name)) {
        return e;
      }
    }
    List<String> known = new ArrayList<>();
    for (E e : values) {
      known.add(e.xmlName());
    }
    throw new UsageException("unknown " + what + ": " + name + " (one of " + String.join(", ", known) + ")");
  }

  private KeyCommand() {}
}
