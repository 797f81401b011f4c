package keyward.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import keyward.client.AttributeValues;
import keyward.client.KmipClient;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code access grant|revoke|list}: the rights others have on an object. A grant is the object's
 * {@value #ATTRIBUTE} attribute, "PRINCIPAL:RIGHTS" (see docs/security.md); only the object's
 * owner or an admin may change grants, so these commands are theirs.
 */
@Command(name = "access", mixinStandardHelpOptions = true,
    description = "Grant, revoke and list other identities' rights on an object.",
    subcommands = {AccessCommand.Grant.class, AccessCommand.Revoke.class, AccessCommand.ListGrants.class})
final class AccessCommand {
  static final String ATTRIBUTE = "x-keyward-grant";

  private AccessCommand() {}

  @Command(name = "grant", mixinStandardHelpOptions = true,
      description = {"Grant an identity (or group:NAME) rights on an object.",
          "RIGHTS: operation names (Get, \"Get Attributes\", Activate, Locate ...), read or all."})
  static final class Grant extends ClientCommand {
    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Parameters(index = "1", paramLabel = "PRINCIPAL", description = "an identity, or group:NAME")
    String principal;

    @Parameters(index = "2..*", arity = "1..*", paramLabel = "RIGHTS")
    List<String> rights;

    @Override
    void run(KmipClient client, Output out) {
      String value = principal + ":" + String.join(",", rights);
      client.addAttribute(id, AttributeValues.parse(ATTRIBUTE, value));
      out.done("granted " + String.join(",", rights) + " on " + id + " to " + principal,
          Map.of("uniqueIdentifier", id, "principal", principal, "rights", String.join(",", rights),
              "result", "granted"));
    }
  }

  @Command(name = "revoke", mixinStandardHelpOptions = true,
      description = "Revoke every grant to an identity (or group:NAME) on an object.")
  static final class Revoke extends ClientCommand {
    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Parameters(index = "1", paramLabel = "PRINCIPAL")
    String principal;

    @Override
    void run(KmipClient client, Output out) {
      List<String> grants = grants(client, id);
      List<String> kept = grants.stream().filter(g -> !principal.equals(principalOf(g))).toList();
      if (kept.size() == grants.size()) {
        throw new UsageException("no grant to " + principal + " on " + id);
      }
      // Delete all, then add back the others: a 1.x Delete Attribute takes the first value, a
      // 2.x one by reference every value, so delete until none is left.
      for (int i = 0; i < grants.size() && !grants(client, id).isEmpty(); i++) {
        client.deleteAttribute(id, ATTRIBUTE);
      }
      for (String g : kept) {
        client.addAttribute(id, AttributeValues.parse(ATTRIBUTE, g));
      }
      out.done("revoked the grants to " + principal + " on " + id,
          Map.of("uniqueIdentifier", id, "principal", principal, "result", "revoked"));
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the grants on an object.")
  static final class ListGrants extends ClientCommand {
    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Override
    void run(KmipClient client, Output out) {
      List<List<String>> rows = new ArrayList<>();
      for (String g : grants(client, id)) {
        rows.add(List.of(principalOf(g), g.substring(g.lastIndexOf(':') + 1)));
      }
      out.table(List.of("principal", "rights"), rows);
    }
  }

  static List<String> grants(KmipClient client, String id) {
    List<String> out = new ArrayList<>();
    for (Item a : client.getAttributes(id, ATTRIBUTE).attributes()) {
      if (a instanceof Item.Structure s && s.first(Tag.ATTRIBUTE_VALUE).orElse(null) instanceof Item.TextString t
          && ATTRIBUTE.equals(AttributeValues.nameOf(a))) {
        out.add(t.value());
      }
    }
    return out;
  }

  /** The principal is everything before the last ':' (identities may hold colons). */
  static String principalOf(String grant) {
    int colon = grant.lastIndexOf(':');
    return colon < 0 ? grant : grant.substring(0, colon);
  }
}
