package keyward.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import keyward.client.AttributeValues;
import keyward.client.KmipClient;
import keyward.client.ObjectAttributes;
import keyward.kmip.spec.AdjustmentType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code attr get|list|set|add|modify|delete|adjust}: an object's attributes by their spec names. */
@Command(name = "attr", mixinStandardHelpOptions = true, description = "Read and change an object's attributes.",
    subcommands = {AttrCommand.Get.class, AttrCommand.ListNames.class, AttrCommand.Set.class, AttrCommand.Add.class,
        AttrCommand.Modify.class, AttrCommand.Delete.class, AttrCommand.Adjust.class})
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

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "List the names of an object's attributes (Get Attribute List).")
  static final class ListNames extends ClientCommand {
    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Override
    void run(KmipClient client, Output out) {
      List<List<String>> rows = new ArrayList<>();
      for (String n : client.getAttributeList(id)) {
        rows.add(List.of(n));
      }
      out.table(List.of("attribute"), rows);
    }
  }

  @Command(name = "modify", mixinStandardHelpOptions = true,
      description = "Replace an existing attribute's value (Modify Attribute).")
  static final class Modify extends ClientCommand {
    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Parameters(index = "1", paramLabel = "NAME")
    String name;

    @Parameters(index = "2", paramLabel = "VALUE")
    String value;

    @Override
    void run(KmipClient client, Output out) {
      client.modifyAttribute(id, AttributeValues.parse(name, value));
      out.done("modified " + name + " of " + id, Map.of("uniqueIdentifier", id, "attribute", name, "result", "modified"));
    }
  }

  @Command(name = "adjust", mixinStandardHelpOptions = true,
      description = "Increment (default), decrement or negate a number, date or Boolean attribute (Adjust Attribute, KMIP 2.x).")
  static final class Adjust extends ClientCommand {
    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Parameters(index = "1", paramLabel = "NAME", description = "e.g. \"Activation Date\"")
    String name;

    @Option(names = "--by", paramLabel = "N", description = "Amount (default 1; seconds for dates).")
    Long by;

    @Option(names = "--type", defaultValue = "Increment", paramLabel = "TYPE",
        description = "Adjustment Type: Increment, Decrement or Negate (default ${DEFAULT-VALUE}).")
    String type;

    @Override
    void run(KmipClient client, Output out) {
      client.adjustAttribute(id, name, KeyCommand.byName(AdjustmentType.values(), type, "Adjustment Type"), by);
      out.done("adjusted " + name + " of " + id, Map.of("uniqueIdentifier", id, "attribute", name, "result", "adjusted"));
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
