package keyward.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import keyward.client.AttributeValues;
import keyward.client.KmipClient;
import keyward.client.ObjectAttributes;
import keyward.kmip.spec.AdjustmentType;
import keyward.kmip.ttlv.Item;
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

  /** A change of one named attribute of one object, confirmed as "VERB NAME of ID". */
  abstract static class Change extends ClientCommand {
    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Parameters(index = "1", paramLabel = "NAME", description = "e.g. \"Contact Information\", x-owner")
    String name;

    private final String done;

    Change(String done) {
      this.done = done;
    }

    abstract void apply(KmipClient client);

    @Override
    final void run(KmipClient client, Output out) {
      apply(client);
      out.done(done + " " + name + " of " + id,
          Map.of("uniqueIdentifier", id, "attribute", name, "result", done));
    }
  }

  /** A change that carries a value, given as text (see {@link AttributeValues#parse}). */
  abstract static class ChangeTo extends Change {
    @Parameters(index = "2", paramLabel = "VALUE")
    String value;

    ChangeTo(String done) {
      super(done);
    }

    Item attribute() {
      return AttributeValues.parse(name, value);
    }
  }

  @Command(name = "set", mixinStandardHelpOptions = true,
      description = "Set an attribute (Set Attribute; Modify Attribute on KMIP 1.x).")
  static final class Set extends ChangeTo {
    Set() {
      super("set");
    }

    @Override
    void apply(KmipClient client) {
      client.setAttribute(id, attribute());
    }
  }

  @Command(name = "add", mixinStandardHelpOptions = true, description = "Add an attribute value (Add Attribute).")
  static final class Add extends ChangeTo {
    Add() {
      super("added");
    }

    @Override
    void apply(KmipClient client) {
      client.addAttribute(id, attribute());
    }
  }

  @Command(name = "modify", mixinStandardHelpOptions = true,
      description = "Replace an existing attribute's value (Modify Attribute).")
  static final class Modify extends ChangeTo {
    Modify() {
      super("modified");
    }

    @Override
    void apply(KmipClient client) {
      client.modifyAttribute(id, attribute());
    }
  }

  @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete an attribute (its first value).")
  static final class Delete extends Change {
    Delete() {
      super("deleted");
    }

    @Override
    void apply(KmipClient client) {
      client.deleteAttribute(id, name);
    }
  }

  @Command(name = "adjust", mixinStandardHelpOptions = true,
      description = "Increment (default), decrement or negate a number, date or Boolean attribute"
          + " (Adjust Attribute, KMIP 2.x).")
  static final class Adjust extends Change {
    @Option(names = "--by", paramLabel = "N", description = "Amount (default 1; seconds for dates).")
    Long by;

    @Option(names = "--type", defaultValue = "Increment", paramLabel = "TYPE",
        description = "Adjustment Type: Increment, Decrement or Negate (default ${DEFAULT-VALUE}).")
    String type;

    Adjust() {
      super("adjusted");
    }

    @Override
    void apply(KmipClient client) {
      client.adjustAttribute(id, name, KeyCommand.byName(AdjustmentType.values(), type, "Adjustment Type"), by);
    }
  }

  static void print(ObjectAttributes a, Output out) {
    List<List<String>> rows = new ArrayList<>();
    a.display().forEach((k, v) -> rows.add(List.of(k, v)));
    out.table(List.of("attribute", "value"), rows);
  }
}
