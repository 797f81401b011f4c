package keyward.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import keyward.client.AttributeValues;
import keyward.client.KmipClient;
import keyward.client.ObjectAttributes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code attr get|set|add|delete}: an object's attributes by their spec names. */
@Command(name = "attr", mixinStandardHelpOptions = true, description = "Read and change an object's attributes.",
    subcommands = {AttrCommand.Get.class, AttrCommand.Set.class, AttrCommand.Add.class, AttrCommand.Delete.class})
final class AttrCommand {
  private AttrCommand() {}

  @Command(name = "get", mixinStandardHelpOptions = true,
      description = "Show an object's attributes (all, or the ones named, e.g. \"State\" \"Name\").")
  static final class Get extends ClientCommand {
    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Parameters(index = "1..*", paramLabel = "NAME")
    List<String> names = new ArrayList<>();

    @Override
    void run(KmipClient client, Output out) {
      print(client.getAttributes(id, names.toArray(String[]::new)), out);
    }
  }

  @Command(name = "set", mixinStandardHelpOptions = true,
      description = "Set an attribute (Set Attribute; Modify Attribute on KMIP 1.x).")
  static final class Set extends ClientCommand {
    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Parameters(index = "1", paramLabel = "NAME", description = "e.g. \"Contact Information\", x-owner")
    String name;

    @Parameters(index = "2", paramLabel = "VALUE")
    String value;

    @Override
    void run(KmipClient client, Output out) {
      client.setAttribute(id, AttributeValues.parse(name, value));
      out.done("set " + name + " of " + id, Map.of("uniqueIdentifier", id, "attribute", name, "result", "set"));
    }
  }

  @Command(name = "add", mixinStandardHelpOptions = true, description = "Add an attribute value (Add Attribute).")
  static final class Add extends ClientCommand {
    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Parameters(index = "1", paramLabel = "NAME")
    String name;

    @Parameters(index = "2", paramLabel = "VALUE")
    String value;

    @Override
    void run(KmipClient client, Output out) {
      client.addAttribute(id, AttributeValues.parse(name, value));
      out.done("added " + name + " to " + id, Map.of("uniqueIdentifier", id, "attribute", name, "result", "added"));
    }
  }

  @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete an attribute (its first value).")
  static final class Delete extends ClientCommand {
    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Parameters(index = "1", paramLabel = "NAME")
    String name;

    @Override
    void run(KmipClient client, Output out) {
      client.deleteAttribute(id, name);
      out.done("deleted " + name + " of " + id, Map.of("uniqueIdentifier", id, "attribute", name, "result", "deleted"));
    }
  }

  static void print(ObjectAttributes a, Output out) {
    List<List<String>> rows = new ArrayList<>();
    a.display().forEach((k, v) -> rows.add(List.of(k, v)));
    out.table(List.of("attribute", "value"), rows);
  }
}
