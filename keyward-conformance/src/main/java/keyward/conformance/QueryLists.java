package keyward.conformance;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.QueryFunction;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;

/** The Query list rule of {@link ResponseComparator}, on its own. */
final class QueryLists {
  private QueryLists() {}

  /**
   * A Query Operations / Query Objects list under the permitted variation "Object/Operation types
   * beyond those the profile requires": the reference server's list is not the measure. The answer
   * must list each operation (object type) the profile requires that the version defines, each
   * entry once, and no operation outside the server's dispatch table when that is known.
   */
  static Mismatch check(int tag, Item.Structure a, String path, Frame f, ProfileRequirements required) {
    int asked = (tag == Tag.OPERATION ? QueryFunction.QUERY_OPERATIONS : QueryFunction.QUERY_OBJECTS).value();
    if (f.requestPayload == null || f.requestPayload.all(Tag.QUERY_FUNCTION).stream()
        .noneMatch(q -> q instanceof Item.Enumeration en && en.value() == asked)) {
      return a.all(tag).isEmpty() ? null : new Mismatch(-1, path + "/" + Render.name(tag),
          "no " + Render.name(tag) + " list (not asked for)", Render.actual(a.all(tag).get(0), f.version));
    }
    List<Item> listed = a.all(tag);
    Set<Integer> values = new HashSet<>();
    for (Item i : listed) {
      int v = ((Item.Enumeration) i).value();
      if (!values.add(v)) {
        return new Mismatch(-1, path + "/" + Render.name(tag), "each entry listed once", Render.actual(i, f.version) + " twice");
      }
      if (tag == Tag.OPERATION && required.performed() != null) {
        Operation op = Operation.fromValue(v);
        if (op == null || !required.performed().contains(op)) {
          return new Mismatch(-1, path + "/Operation", "only operations the server performs",
              Render.actual(i, f.version) + ", not in its dispatch table");
        }
      }
    }
    List<Integer> wanted = tag == Tag.OPERATION
        ? required.operations().stream().filter(o -> o.definedIn(f.version)).map(Operation::value).toList()
        : required.objectTypes().stream().filter(o -> o.definedIn(f.version)).map(o -> o.value()).toList();
    for (int w : wanted) {
      if (!values.contains(w)) {
        Item e = new Item.Enumeration(tag, w);
        return new Mismatch(-1, path + "/" + Render.name(tag),
            Render.actual(e, f.version) + " " + NotSupported.REQUIRED,
            "not among the " + listed.size() + " " + Render.name(tag) + " items sent");
      }
    }
    return null;
  }
}
