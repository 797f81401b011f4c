package keyward.app.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import keyward.app.Main;
import keyward.client.Batch;
import keyward.client.KmipClient;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.Operation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

/**
 * Every operation the server answers Query with is reachable from the client library (a method
 * of KmipClient and of Batch named after it) and from the CLI (a command, listed here). When the
 * server gains an operation this fails and says what to add: a Batch method (the request
 * payload), a one-line KmipClient method, and a command listed in {@link #CLI}.
 */
class OperationCoverageTest {
  /** Test control of the OASIS interop profiles: for test harnesses, not for users. */
  static final Set<Operation> NOT_FOR_USERS = Set.of(Operation.INTEROP, Operation.LOG);

  /** The CLI command per operation. */
  static final Map<Operation, String> CLI = Map.ofEntries(
      Map.entry(Operation.CREATE, "key create"), Map.entry(Operation.REGISTER, "key register"),
      Map.entry(Operation.GET, "key get"), Map.entry(Operation.GET_ATTRIBUTES, "attr get"),
      Map.entry(Operation.GET_ATTRIBUTE_LIST, "attr list"), Map.entry(Operation.ADD_ATTRIBUTE, "attr add"),
      Map.entry(Operation.SET_ATTRIBUTE, "attr set"), Map.entry(Operation.MODIFY_ATTRIBUTE, "attr modify"),
      Map.entry(Operation.DELETE_ATTRIBUTE, "attr delete"), Map.entry(Operation.ADJUST_ATTRIBUTE, "attr adjust"),
      Map.entry(Operation.LOCATE, "key locate"), Map.entry(Operation.ACTIVATE, "key activate"),
      Map.entry(Operation.REVOKE, "key revoke"), Map.entry(Operation.DESTROY, "key destroy"),
      Map.entry(Operation.ARCHIVE, "key archive"), Map.entry(Operation.RECOVER, "key recover"),
      Map.entry(Operation.CHECK, "key check"), Map.entry(Operation.OBTAIN_LEASE, "key lease"),
      Map.entry(Operation.GET_USAGE_ALLOCATION, "key allocate"), Map.entry(Operation.RE_KEY, "key rekey"),
      Map.entry(Operation.QUERY, "query"), Map.entry(Operation.DISCOVER_VERSIONS, "versions"),
      Map.entry(Operation.PING, "ping"),
      Map.entry(Operation.CREATE_KEY_PAIR, "keypair create"), Map.entry(Operation.RE_KEY_KEY_PAIR, "keypair rekey"),
      Map.entry(Operation.DERIVE_KEY, "key derive"), Map.entry(Operation.ENCRYPT, "crypto encrypt"),
      Map.entry(Operation.DECRYPT, "crypto decrypt"), Map.entry(Operation.SIGN, "crypto sign"),
      Map.entry(Operation.SIGNATURE_VERIFY, "crypto verify"), Map.entry(Operation.MAC, "crypto mac"),
      Map.entry(Operation.MAC_VERIFY, "crypto mac-verify"), Map.entry(Operation.HASH, "hash"),
      Map.entry(Operation.RNG_RETRIEVE, "rng get"), Map.entry(Operation.RNG_SEED, "rng seed"),
      Map.entry(Operation.CERTIFY, "cert certify"), Map.entry(Operation.RE_CERTIFY, "cert recertify"),
      Map.entry(Operation.VALIDATE, "cert validate"),
      Map.entry(Operation.CREATE_SPLIT_KEY, "key split"), Map.entry(Operation.JOIN_SPLIT_KEY, "key join"),
      Map.entry(Operation.POLL, "poll"), Map.entry(Operation.CANCEL, "cancel"));

  @RegisterExtension static final TestServer server = new TestServer();
  static List<Operation> operations;

  @BeforeAll
  static void start() throws Exception {
    try (KmipClient c = server.client(KmipVersion.V2_1)) {
      operations = new ArrayList<>(c.query().operations());
    }
    operations.removeAll(NOT_FOR_USERS);
  }

  /** "Get Usage Allocation" -> "getUsageAllocation", "Re-key" -> "reKey". */
  static String methodName(Operation op) {
    String[] words = op.specName().split("[^A-Za-z0-9]+");
    StringBuilder b = new StringBuilder(words[0].toLowerCase());
    for (int i = 1; i < words.length; i++) {
      b.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1).toLowerCase());
    }
    return b.toString();
  }

  static boolean hasMethod(Class<?> type, String name) {
    for (Method m : type.getMethods()) {
      // Create and Register have one method per object type: createSymmetricKey, registerSecretData, ...
      if (Modifier.isPublic(m.getModifiers()) && (m.getName().equals(name)
          || (name.equals("create") || name.equals("register")) && m.getName().startsWith(name))) {
        return true;
      }
    }
    return false;
  }

  @Test
  void everyOperationHasAClientMethod() {
    assertThat(operations).contains(Operation.CREATE, Operation.RE_KEY, Operation.CHECK);
    List<String> missing = new ArrayList<>();
    for (Operation op : operations) {
      String name = methodName(op);
      if (!hasMethod(KmipClient.class, name)) {
        missing.add("KmipClient." + name);
      }
      boolean clientOnly = op == Operation.DISCOVER_VERSIONS; // it sets up the conversation itself
      if (!clientOnly && !hasMethod(Batch.class, name) && !(op == Operation.CREATE || op == Operation.REGISTER)) {
        missing.add("Batch." + name);
      }
    }
    assertThat(missing).as("server operations without a client method (add the Batch method, then the"
        + " KmipClient one)").isEmpty();
  }

  @Test
  void everyOperationHasACliCommand() {
    CommandLine cl = Main.commandLine();
    List<String> missing = new ArrayList<>();
    for (Operation op : operations) {
      String command = CLI.get(op);
      if (command == null || !exists(cl, command.split(" "))) {
        missing.add(op.specName() + (command == null ? "" : " (" + command + ")"));
      }
    }
    assertThat(missing).as("server operations without a CLI command (add one and list it in"
        + " OperationCoverageTest.CLI and README.md)").isEmpty();
  }

  static boolean exists(CommandLine cl, String... words) {
    CommandLine c = cl;
    for (String w : words) {
      c = c.getSubcommands().get(w);
      if (c == null) {
        return false;
      }
    }
    return true;
  }
}
