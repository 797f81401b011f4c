package keyward.kmip.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** EnumInfo's indexed look-ups answer what a scan of the values in list order answers. */
class EnumInfoTest {
  static final EnumValue OLD = new EnumValue(0x0E, "SHA-3-224", "SHA_3_224", KmipVersion.V1_4, KmipVersion.V1_4);
  static final EnumValue NEW = new EnumValue(0x0E, "SHA3-224", "SHA3_224", KmipVersion.V2_0, KmipVersion.V3_0);
  static final EnumValue SHA256 = new EnumValue(0x06, "SHA-256", "SHA_256", KmipVersion.V1_0, KmipVersion.V3_0);

  @Test
  void lookUps() {
    EnumInfo e = new EnumInfo("Hashing Algorithm", "HashingAlgorithm", false, List.of(OLD, SHA256, NEW));
    assertThat(e.byValue(0x0E)).isEqualTo(NEW);
    assertThat(e.byValue(0x0E, KmipVersion.V1_4)).isEqualTo(OLD);
    assertThat(e.byValue(0x0E, KmipVersion.V2_1)).isEqualTo(NEW);
    assertThat(e.byValue(0x0E, KmipVersion.V1_3)).isNull();
    assertThat(e.byValue(0x99)).isNull();
    assertThat(e.byName("SHA_3_224")).isEqualTo(OLD);
    assertThat(e.byName("SHA3-224")).isEqualTo(NEW);
    assertThat(e.byName("SHA-256")).isEqualTo(SHA256);
    assertThat(e.byName("sha_256")).isNull();
    assertThat(e.byName(null)).isNull();
  }

  @Test
  void valuesAreAnImmutableCopyAndRecordEqualityHolds() {
    List<EnumValue> source = new ArrayList<>(List.of(SHA256, NEW));
    EnumInfo e = new EnumInfo("H", "H", false, source);
    source.add(OLD);
    assertThat(e.values()).containsExactly(SHA256, NEW);
    assertThat(e).isEqualTo(new EnumInfo("H", "H", false, List.of(SHA256, NEW)));
    assertThat(e.hashCode()).isEqualTo(new EnumInfo("H", "H", false, List.of(SHA256, NEW)).hashCode());
    assertThatThrownBy(() -> e.values().add(OLD)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> new EnumInfo("H", "H", false, java.util.Arrays.asList(SHA256, null)))
        .isInstanceOf(NullPointerException.class);
  }
}
