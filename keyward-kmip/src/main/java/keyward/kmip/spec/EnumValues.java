package keyward.kmip.spec;

import java.util.AbstractList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;

/**
 * The value list of an {@link EnumInfo}: immutable, and indexed once so that the codecs' per-item
 * look-ups by wire value or by name are hash probes rather than scans. Answers exactly what a scan
 * in list order would (see EnumInfo).
 */
final class EnumValues extends AbstractList<EnumValue> implements RandomAccess {
  private final List<EnumValue> values;
  /** Rows per wire value, in list order (a renamed value has several). */
  private final Map<Integer, EnumValue[]> byValue = new HashMap<>();
  /** Per value, the row with the latest until (the first such in list order). */
  private final Map<Integer, EnumValue> newest = new HashMap<>();
  /** XML name or spec name → the first row in list order that has it. */
  private final Map<String, EnumValue> byName = new HashMap<>();

  private EnumValues(List<EnumValue> values) {
    this.values = List.copyOf(values);
    for (EnumValue v : this.values) {
      byValue.merge(v.value(), new EnumValue[] {v}, EnumValues::concat);
      newest.merge(v.value(), v, (a, b) -> b.until().compareTo(a.until()) > 0 ? b : a);
      byName.putIfAbsent(v.xmlName(), v);
      byName.putIfAbsent(v.name(), v);
    }
  }

  static EnumValues of(List<EnumValue> values) {
    return values instanceof EnumValues indexed ? indexed : new EnumValues(values);
  }

  EnumValue newest(int value) {
    return newest.get(value);
  }

  EnumValue in(int value, KmipVersion version) {
    EnumValue[] rows = byValue.get(value);
    if (rows != null) {
      for (EnumValue v : rows) {
        if (v.definedIn(version)) {
          return v;
        }
      }
    }
    return null;
  }

  EnumValue named(String name) {
    return name == null ? null : byName.get(name);
  }

  @Override
  public EnumValue get(int index) {
    return values.get(index);
  }

  @Override
  public int size() {
    return values.size();
  }

  private static EnumValue[] concat(EnumValue[] a, EnumValue[] b) {
    EnumValue[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
