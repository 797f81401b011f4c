package keyward.kmip.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import keyward.kmip.ttlv.ItemType;
import org.junit.jupiter.api.Test;

/** Every row of tags.tsv and enumerations.tsv became a constant and a registry entry, and nothing else did. */
class SpecTablesCompletenessTest {

  @Test
  void everyTagRowIsARegistryRowInOrder() {
    List<TagInfo> expected = new ArrayList<>();
    for (String[] f : SpecTableRows.rows("tags.tsv")) {
      expected.add(new TagInfo(SpecTableRows.hex(f[0]), f[1], f[2], itemType(f[3]),
          f[4].equals("-") ? null : f[4], KmipVersion.parse(f[5]), KmipVersion.parse(f[6])));
    }
    assertThat(expected).hasSizeGreaterThan(400);
    assertThat(SpecRegistry.tags()).containsExactlyElementsOf(expected);
  }

  @Test
  void everyTagNameIsATagConstant() throws IllegalAccessException {
    Map<String, Integer> constants = new HashMap<>();
    for (Field f : Tag.class.getDeclaredFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == int.class) {
        constants.put(f.getName(), f.getInt(null));
      }
    }
    Set<String> used = new HashSet<>();
    for (String[] f : SpecTableRows.rows("tags.tsv")) {
      String constant = upperSnake(f[1]);
      assertThat(constants).as("Tag constant for %s", f[1]).containsEntry(constant, SpecTableRows.hex(f[0]));
      used.add(constant);
    }
    assertThat(constants.keySet()).as("Tag constants without a row").isEqualTo(used);
  }

  @Test
  void everyEnumerationRowIsAnEnumConstantAndARegistryValue() throws ReflectiveOperationException {
    Map<String, List<String[]>> byEnumeration = new LinkedHashMap<>();
    for (String[] f : SpecTableRows.rows("enumerations.tsv")) {
      byEnumeration.computeIfAbsent(f[0], k -> new ArrayList<>()).add(f);
    }
    assertThat(byEnumeration).hasSizeGreaterThan(60);
    int values = 0;
    for (var e : byEnumeration.entrySet()) {
      String xml = SpecRegistry.xmlName(e.getKey());
      Class<?> cls = Class.forName("keyward.kmip.spec." + xml);
      assertThat(cls.isEnum()).as(xml).isTrue();
      KmipEnum[] constants = (KmipEnum[]) cls.getEnumConstants();
      assertThat(constants).as("%s constants", xml).hasSameSizeAs(e.getValue());
      EnumInfo info = SpecRegistry.enumeration(e.getKey());
      assertThat(info).as(e.getKey()).isNotNull();
      assertThat(info.xmlName()).isEqualTo(xml);
      assertThat(info.values()).hasSameSizeAs(e.getValue());
      for (String[] f : e.getValue()) {
        EnumValue row = new EnumValue(SpecTableRows.hex(f[2]), f[3], f[4], KmipVersion.parse(f[5]),
            KmipVersion.parse(f[6]));
        assertThat(info.mask()).isEqualTo(Boolean.parseBoolean(f[1]));
        assertThat(info.values()).contains(row);
        @SuppressWarnings({"unchecked", "rawtypes"})
        KmipEnum constant = (KmipEnum) Enum.valueOf((Class) cls, upperSnake(f[3]));
        assertThat(new EnumValue(constant.value(), constant.specName(), constant.xmlName(), constant.since(),
            constant.until())).isEqualTo(row);
        values++;
      }
    }
    // the tables' enumerations, plus the "Tag" pseudo-enumeration built from the tag table
    assertThat(SpecRegistry.enumerations()).hasSize(byEnumeration.size() + 1);
    assertThat(values).isEqualTo(SpecTableRows.rows("enumerations.tsv").size());
  }

  /** The generator's naming rule, restated: runs of letters/digits, upper-cased, joined by '_'. */
  static String upperSnake(String name) {
    String[] words = name.toUpperCase(java.util.Locale.ROOT).split("[^A-Z0-9]+");
    List<String> parts = new ArrayList<>();
    for (String w : words) {
      if (!w.isEmpty()) {
        parts.add(w);
      }
    }
    String first = parts.get(0);
    int digits = 0;
    while (digits < first.length() && Character.isDigit(first.charAt(digits))) {
      digits++;
    }
    parts.set(0, first.substring(digits) + first.substring(0, digits));
    return String.join("_", parts);
  }

  private static ItemType itemType(String s) {
    return s.equals("-") || s.equals("varies") ? null : ItemType.ofXmlName(s);
  }
}
