package keyward.kmip.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import keyward.kmip.ttlv.ItemType;
import org.junit.jupiter.api.Test;

/**
 * Values taken from the KMIP Specification tables by hand, to catch a generator or importer that
 * shifts, drops or renames what the wire depends on.
 */
class SpecRegistryPinnedValuesTest {

  @Test
  void tagNumbers() {
    assertThat(Tag.ACTIVATION_DATE).isEqualTo(0x420001);
    assertThat(Tag.ATTRIBUTE_VALUE).isEqualTo(0x42000B);
    assertThat(Tag.BATCH_ITEM).isEqualTo(0x42000F);
    assertThat(Tag.OBJECT_TYPE).isEqualTo(0x420057);
    assertThat(Tag.OPERATION).isEqualTo(0x42005C);
    assertThat(Tag.REQUEST_MESSAGE).isEqualTo(0x420078);
    assertThat(Tag.UNIQUE_IDENTIFIER).isEqualTo(0x420094);
    assertThat(Tag.CRYPTOGRAPHIC_USAGE_MASK).isEqualTo(0x42002C);
    assertThat(Tag.MAC_SIGNATURE).isEqualTo(0x42004D);
    assertThat(Tag.PKCS_11_INTERFACE).isEqualTo(0x420159);
    assertThat(Tag.ATTRIBUTES).isEqualTo(0x420125);
  }

  @Test
  void enumerationValues() {
    assertThat(ObjectType.SYMMETRIC_KEY.value()).isEqualTo(2);
    assertThat(ObjectType.fromValue(2)).isEqualTo(ObjectType.SYMMETRIC_KEY);
    assertThat(Operation.CREATE.value()).isEqualTo(1);
    assertThat(Operation.fromXmlName("CreateKeyPair")).isEqualTo(Operation.CREATE_KEY_PAIR);
    assertThat(Operation.CREATE_KEY_PAIR.value()).isEqualTo(2);
    assertThat(Operation.RE_KEY.xmlName()).isEqualTo("ReKey");
    assertThat(ResultReason.ITEM_NOT_FOUND.value()).isEqualTo(1);
    assertThat(ResultStatus.OPERATION_FAILED.value()).isEqualTo(1);
    assertThat(CryptographicAlgorithm.AES.value()).isEqualTo(3);
    assertThat(CryptographicAlgorithm.DES3.specName()).isEqualTo("3DES");
    assertThat(HashingAlgorithm.SHA_256.value()).isEqualTo(6);
    assertThat(BlockCipherMode.GCM.value()).isEqualTo(9);
    assertThat(KeyFormatType.RAW.value()).isEqualTo(1);
    assertThat(State.ACTIVE.value()).isEqualTo(2);
  }

  @Test
  void maskBits() {
    assertThat(CryptographicUsageMask.ENCRYPT.value()).isEqualTo(0x4);
    assertThat(CryptographicUsageMask.DECRYPT.value()).isEqualTo(0x8);
    assertThat(CryptographicUsageMask.toBits(List.of(CryptographicUsageMask.ENCRYPT, CryptographicUsageMask.DECRYPT)))
        .isEqualTo(0xC);
    assertThat(CryptographicUsageMask.fromBits(0x0C))
        .isEqualTo(EnumSet.of(CryptographicUsageMask.ENCRYPT, CryptographicUsageMask.DECRYPT));
    assertThat(StorageStatusMask.ARCHIVAL_STORAGE.value()).isEqualTo(0x2);
    assertThat(SpecRegistry.enumeration("Protection Storage Mask").mask()).isTrue();
  }

  @Test
  void versionRanges() {
    TagInfo attributes = SpecRegistry.tag(Tag.ATTRIBUTES);
    assertThat(attributes.name()).isEqualTo("Attributes");
    assertThat(attributes.since()).isEqualTo(KmipVersion.V2_0);
    assertThat(SpecRegistry.tag(Tag.ATTRIBUTES, KmipVersion.V1_4)).isNull();

    TagInfo template = SpecRegistry.tag(Tag.TEMPLATE);
    assertThat(template.until()).isEqualTo(KmipVersion.V1_4);
    assertThat(SpecRegistry.tag(Tag.TEMPLATE, KmipVersion.V2_0)).isNull();
    assertThat(SpecRegistry.tag(Tag.TEMPLATE, KmipVersion.V1_0)).isEqualTo(template);

    assertThat(ObjectType.TEMPLATE.value()).isEqualTo(6);
    assertThat(ObjectType.TEMPLATE.until()).isEqualTo(KmipVersion.V1_4);
    assertThat(SpecRegistry.tag(Tag.ACTIVATION_DATE).since()).isEqualTo(KmipVersion.V1_0);
  }

  @Test
  void itemTypesAndLinks() {
    assertThat(SpecRegistry.tag(Tag.ACTIVATION_DATE).type()).isEqualTo(ItemType.DATE_TIME);
    assertThat(SpecRegistry.tag(Tag.BATCH_ITEM).type()).isEqualTo(ItemType.STRUCTURE);
    assertThat(SpecRegistry.tag(Tag.CRYPTOGRAPHIC_USAGE_MASK).type()).isEqualTo(ItemType.INTEGER);
    assertThat(SpecRegistry.tag(Tag.ATTRIBUTE_VALUE, KmipVersion.V1_4).type()).isNull();
    assertThat(SpecRegistry.tag(Tag.UNIQUE_IDENTIFIER, KmipVersion.V1_4).type()).isEqualTo(ItemType.TEXT_STRING);

    assertThat(SpecRegistry.enumerationOf(Tag.MASK_GENERATOR_HASHING_ALGORITHM).name()).isEqualTo("Hashing Algorithm");
    assertThat(SpecRegistry.enumerationOf(Tag.CRYPTOGRAPHIC_USAGE_MASK).name()).isEqualTo("Cryptographic Usage Mask");
    assertThat(SpecRegistry.enumerationOf(Tag.UNIQUE_IDENTIFIER).name()).isEqualTo("Unique Identifier");
    assertThat(SpecRegistry.tag(Tag.UNIQUE_IDENTIFIER, KmipVersion.V1_4).enumeration()).isNull();
    assertThat(SpecRegistry.enumerationOf(Tag.OBJECT_TYPE).byName("SymmetricKey").value()).isEqualTo(2);
    assertThat(SpecRegistry.enumerationOf(Tag.ACTIVATION_DATE)).isNull();
  }
}
