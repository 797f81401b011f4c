package keyward.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import keyward.client.KmipClient;
import keyward.client.LocateRequest;
import keyward.client.ObjectRequest;
import keyward.kmip.spec.CryptographicUsageMask;
import keyward.kmip.spec.ObjectType;
import keyward.kmip.spec.State;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code key ...}: symmetric keys (create, register, get, rekey), PGP keys and PKCS#12 private keys
 * (register-pgp, register-pkcs12), finding objects (locate/list)
 * and, for an object of any type by its ID, the lifecycle and usage commands of
 * {@link LifecycleCommands}.
 */
@Command(name = "key", mixinStandardHelpOptions = true, description = "Create, fetch, find and retire keys.",
    subcommands = {KeyCommand.Create.class, KeyCommand.Register.class, KeyCommand.RegisterPgp.class,
        KeyCommand.RegisterPkcs12.class, GetCommand.class,
        KeyCommand.Locate.class, KeyCommand.ReKey.class, LifecycleCommands.Activate.class,
        LifecycleCommands.Revoke.class, LifecycleCommands.Destroy.class, LifecycleCommands.Archive.class,
        LifecycleCommands.Recover.class, LifecycleCommands.Check.class, LifecycleCommands.ObtainLease.class,
        LifecycleCommands.Allocate.class, DeriveCommand.class, SplitKeyCommands.Split.class,
        SplitKeyCommands.Join.class})
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
      ObjectRequest r = client.createSymmetricKey(algorithm, length).usage(usageBits(usage));
      String id = NewObject.send(r, name, activate);
      out.done(id, Map.of("uniqueIdentifier", id));
    }
  }

  @Command(name = "register", mixinStandardHelpOptions = true,
      description = "Register a symmetric key from a file of raw key bytes; prints its Unique Identifier.")
  static final class Register extends RegisterCommand {
    @Option(names = "--algorithm", defaultValue = "AES", description = "Cryptographic Algorithm (default ${DEFAULT-VALUE}).")
    String algorithm;

    @Option(names = "--usage", split = ",", paramLabel = "USAGE", description = "Usage mask bits, e.g. Encrypt,Decrypt.")
    List<String> usage = List.of();

    @Override
    ObjectRequest request(KmipClient client, byte[] bytes) {
      return client.registerSymmetricKey(algorithm, bytes).usage(usageBits(usage));
    }
  }

  @Command(name = "register-pgp", mixinStandardHelpOptions = true,
      description = "Register a PGP key (armored or binary, stored as given); prints its Unique Identifier.")
  static final class RegisterPgp extends RegisterCommand {
    @Option(names = "--pgp-version", defaultValue = "4", description = "PGP Key Version (default ${DEFAULT-VALUE}).")
    int pgpVersion;

    @Override
    ObjectRequest request(KmipClient client, byte[] bytes) {
      return client.registerPgpKey(pgpVersion, bytes);
    }
  }

  @Command(name = "register-pkcs12", mixinStandardHelpOptions = true,
      description = "Register a private key from a PKCS#12 file, opened with the password held in Secret Data"
          + " --password-id (see secret register); its certificates are registered too. Prints the key's ID.")
  static final class RegisterPkcs12 extends RegisterCommand {
    @Option(names = "--password-id", required = true, paramLabel = "ID",
        description = "Unique Identifier of the Secret Data holding the PKCS#12 password.")
    String passwordId;

    @Override
    ObjectRequest request(KmipClient client, byte[] bytes) {
      return client.registerPkcs12(bytes, passwordId);
    }
  }

  @Command(name = "rekey", mixinStandardHelpOptions = true,
      description = "Re-key: a new key replaces the symmetric key ID (it takes over the Name and the"
          + " attributes); prints the new key's Unique Identifier.")
  static final class ReKey extends ClientCommand {
    @Parameters(paramLabel = "ID", description = "Unique Identifier of the key to replace.")
    String id;

    @Option(names = "--offset", paramLabel = "SECONDS",
        description = "The new key activates this long from now (default: the old key's dates are kept).")
    Long offset;

    @Override
    void run(KmipClient client, Output out) {
      String replacement = client.reKey(id, offset == null ? null : Duration.ofSeconds(offset));
      out.done(replacement, Map.of("uniqueIdentifier", replacement, "replaces", id));
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

  static CryptographicUsageMask usageBit(String name) {
    return byName(CryptographicUsageMask.values(), name, "Cryptographic Usage Mask");
  }

  static CryptographicUsageMask[] usageBits(List<String> names) {
    return names.stream().map(KeyCommand::usageBit).toArray(CryptographicUsageMask[]::new);
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
