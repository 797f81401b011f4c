package keyward.kmip.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;
import keyward.kmip.ttlv.ItemType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What callers of the registry and the generated enums rely on. */
class SpecRegistryTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Create Key Pair|CreateKeyPair",
      "PKCS#11|PKCS_11",
      "Re-key|ReKey",
      "3DES|DES3",
      "SHA-256|SHA_256",
      "MAC/Signature Key Information|MACSignatureKeyInformation",
      "X.509 Certificate Identifier|X_509CertificateIdentifier",
      "Server Pre-Generated|ServerPreGenerated",
      "MD2 with RSA Encryption (PKCS#1 v1.5)|MD2WithRSAEncryptionPKCS_1V1_5",
      "Polynomial Sharing GF (2^8)|PolynomialSharingGF2_8",
      "Object archived|ObjectArchived",
      "  Cryptographic   Length |CryptographicLength"})
  void xmlNameFollowsAme613(String specName, String xmlName) {
    assertThat(SpecRegistry.xmlName(specName)).isEqualTo(xmlName);
  }

  @Test
  void xmlNameAgreesWithTheGeneratorOnEveryRow() {
    int checked = 0;
    for (TagInfo t : SpecRegistry.tags()) {
      assertThat(SpecRegistry.xmlName(t.name())).as(t.name()).isEqualTo(t.xmlName());
      checked++;
    }
    for (EnumInfo e : SpecRegistry.enumerations()) {
      assertThat(SpecRegistry.xmlName(e.name())).isEqualTo(e.xmlName());
      for (EnumValue v : e.values()) {
        assertThat(SpecRegistry.xmlName(v.name())).as(v.name()).isEqualTo(v.xmlName());
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(1000);
  }

  @Test
  void unknownTagsAreNull() {
    assertThat(SpecRegistry.tag(0x540001)).isNull();
    assertThat(SpecRegistry.tag(0x420000)).isNull();
    assertThat(SpecRegistry.tag(0x42FFFF)).isNull();
    assertThat(SpecRegistry.tag(-1)).isNull();
    assertThat(SpecRegistry.tag(Integer.MIN_VALUE, KmipVersion.V2_1)).isNull();
    assertThat(SpecRegistry.enumerationOf(0x540001)).isNull();
    assertThat(SpecRegistry.tagByXmlName("NoSuchTag")).isNull();
    assertThat(SpecRegistry.tagByXmlName(null)).isNull();
    assertThat(SpecRegistry.enumeration("No Such Enumeration")).isNull();
    assertThat(SpecRegistry.enumeration(null)).isNull();
  }

  @Test
  void tagRowsFollowTheVersion() {
    TagInfo name21 = SpecRegistry.tag(Tag.NAME, KmipVersion.V2_1);
    TagInfo name30 = SpecRegistry.tag(Tag.NAME, KmipVersion.V3_0);
    assertThat(name21.type()).isEqualTo(ItemType.STRUCTURE);
    assertThat(name30.type()).isEqualTo(ItemType.TEXT_STRING);
    assertThat(SpecRegistry.tag(Tag.NAME)).isEqualTo(name30);
    // Batch Count is in every standard, but the 3.0 draft reserves it
    assertThat(SpecRegistry.tag(Tag.BATCH_COUNT, KmipVersion.V2_1)).isNotNull();
    assertThat(SpecRegistry.tag(Tag.BATCH_COUNT, KmipVersion.V3_0)).isNull();
  }

  @Test
  void tagsByEitherName() {
    assertThat(SpecRegistry.tagByXmlName("ActivationDate").tag()).isEqualTo(0x420001);
    assertThat(SpecRegistry.tagByXmlName("Activation Date").tag()).isEqualTo(0x420001);
    assertThat(SpecRegistry.tagByXmlName("PKCS_11Function").name()).isEqualTo("PKCS#11 Function");
    assertThat(SpecRegistry.tagByXmlName("Template").until()).isEqualTo(KmipVersion.V1_4);
  }

  @Test
  void enumerationsByEitherNameAndByTag() {
    EnumInfo objectType = SpecRegistry.enumeration("Object Type");
    assertThat(SpecRegistry.enumeration("ObjectType")).isSameAs(objectType);
    assertThat(SpecRegistry.enumerationOf(Tag.OBJECT_TYPE)).isSameAs(objectType);
    // a tag whose name differs from its enumeration's
    assertThat(SpecRegistry.enumerationOf(Tag.DESTROY_ACTION).name()).isEqualTo("Destroy Action Type");
    assertThat(SpecRegistry.enumerationOf(Tag.MASK_GENERATOR_HASHING_ALGORITHM))
        .isSameAs(SpecRegistry.enumeration("Hashing Algorithm"));
  }

  @Test
  void attributeReferenceCarriesTheTagTable() {
    EnumInfo tags = SpecRegistry.enumerationOf(Tag.ATTRIBUTE_REFERENCE);
    assertThat(tags).isSameAs(SpecRegistry.enumeration("Tag"));
    assertThat(tags.byName("ObjectType").value()).isEqualTo(Tag.OBJECT_TYPE);
    assertThat(tags.byValue(Tag.CRYPTOGRAPHIC_ALGORITHM).xmlName()).isEqualTo("CryptographicAlgorithm");
  }

  @Test
  void renamedValuesKeepOneNumberAndBothNames() {
    assertThat(HashingAlgorithm.SHA_3_224.value()).isEqualTo(HashingAlgorithm.SHA3_224.value());
    assertThat(HashingAlgorithm.fromValue(0x0E)).isEqualTo(HashingAlgorithm.SHA3_224);
    assertThat(HashingAlgorithm.fromXmlName("SHA_3_224")).isEqualTo(HashingAlgorithm.SHA_3_224);
    assertThat(HashingAlgorithm.SHA_3_224.until()).isEqualTo(KmipVersion.V1_4);
    EnumInfo hashing = SpecRegistry.enumeration("Hashing Algorithm");
    assertThat(hashing.byValue(0x0E).name()).isEqualTo("SHA3-224");
    assertThat(hashing.byValue(0x0E, KmipVersion.V1_4).name()).isEqualTo("SHA-3-224");
    assertThat(hashing.byValue(0x0E, KmipVersion.V1_3)).isNull();
  }

  @Test
  void profileNameHoldsTheRenamedOneDotXTable() {
    assertThat(ProfileName.fromXmlName("TapeLibraryServerKMIPV1_2").value()).isEqualTo(0x0C);
    assertThat(ProfileName.fromValue(0x0C).until()).isEqualTo(KmipVersion.V1_4);
    assertThat(ProfileName.fromValue(0x104).since()).isEqualTo(KmipVersion.V2_0);
  }

  @Test
  void unknownValuesAreNull() {
    assertThat(ObjectType.fromValue(0x80000001)).isNull();
    assertThat(ObjectType.fromValue(0)).isNull();
    assertThat(ObjectType.fromXmlName("NoSuchObject")).isNull();
    assertThat(ObjectType.fromXmlName(null)).isNull();
  }

  @Test
  void maskHelpersKeepUnknownBitsApart() {
    int wire = 0x80000000 | CryptographicUsageMask.ENCRYPT.value() | CryptographicUsageMask.EXPORT.value();
    assertThat(CryptographicUsageMask.fromBits(wire))
        .isEqualTo(EnumSet.of(CryptographicUsageMask.ENCRYPT, CryptographicUsageMask.EXPORT));
    assertThat(CryptographicUsageMask.unknownBits(wire)).isEqualTo(0x80000000);
    assertThat(CryptographicUsageMask.unknownBits(0x00FFFFFF)).isZero();
    assertThat(CryptographicUsageMask.toBits(CryptographicUsageMask.fromBits(wire))
        | CryptographicUsageMask.unknownBits(wire)).isEqualTo(wire);
    assertThat(CryptographicUsageMask.toBits(List.of())).isZero();
    assertThat(StorageStatusMask.fromBits(0)).isEmpty();
    assertThat(ProtectionStorageMask.unknownBits(-1)).isNotZero();
  }

  @Test
  void listsAreReadOnly() {
    assertThatThrownBy(() -> SpecRegistry.tags().clear()).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> SpecRegistry.enumerations().clear()).isInstanceOf(UnsupportedOperationException.class);
  }
}
