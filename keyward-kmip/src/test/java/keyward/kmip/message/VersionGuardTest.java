package keyward.kmip.message;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import org.junit.jupiter.api.Test;

class VersionGuardTest {

  @Test
  void tagFromANewerVersionIsRefused() {
    // Attributes (0x420125) exists from 2.0
    Item tree = new Item.Structure(Tag.RESPONSE_PAYLOAD, new Item.Structure(Tag.ATTRIBUTES));
    assertThatThrownBy(() -> VersionGuard.check(tree, KmipVersion.V1_4))
        .isInstanceOf(VersionGuard.VersionViolation.class)
        .hasMessage("/ResponsePayload/Attributes: tag not defined in KMIP 1.4");
    assertThatCode(() -> VersionGuard.check(tree, KmipVersion.V2_0)).doesNotThrowAnyException();
  }

  @Test
  void tagDroppedInANewerVersionIsRefusedThere() {
    // Template-Attribute exists up to 1.4
    Item tree = new Item.Structure(Tag.REQUEST_PAYLOAD, new Item.Structure(Tag.TEMPLATE_ATTRIBUTE));
    assertThatCode(() -> VersionGuard.check(tree, KmipVersion.V1_4)).doesNotThrowAnyException();
    assertThatThrownBy(() -> VersionGuard.check(tree, KmipVersion.V2_1))
        .isInstanceOf(VersionGuard.VersionViolation.class);
  }

  @Test
  void enumerationValueFromANewerVersionIsRefused() {
    Item tree = new Item.Enumeration(Tag.OPERATION, Operation.PING.value());
    assertThatThrownBy(() -> VersionGuard.check(tree, KmipVersion.V1_4))
        .isInstanceOf(VersionGuard.VersionViolation.class);
    // Ping first appears in the 2.1 Operation table
    assertThatCode(() -> VersionGuard.check(tree, KmipVersion.V2_1)).doesNotThrowAnyException();
  }

  @Test
  void theMessageGivesThePathOfANestedViolation() {
    Item tree = new Item.Structure(Tag.RESPONSE_MESSAGE, new Item.Structure(Tag.BATCH_ITEM,
        new Item.Enumeration(Tag.OPERATION, Operation.PING.value())));
    assertThatThrownBy(() -> VersionGuard.check(tree, KmipVersion.V1_4))
        .hasMessageStartingWith("/ResponseMessage/BatchItem/Operation: value 0x");
  }

  @Test
  void wrongItemTypeForTheTagIsRefused() {
    Item tree = new Item.TextString(Tag.BATCH_COUNT, "1");
    assertThatThrownBy(() -> VersionGuard.check(tree, KmipVersion.V1_4))
        .isInstanceOf(VersionGuard.VersionViolation.class);
  }

  @Test
  void extensionTagsAndValuesPass() {
    Item tree = new Item.Structure(Tag.RESPONSE_PAYLOAD,
        new Item.TextString(0x540001, "vendor data"),
        new Item.Enumeration(Tag.OPERATION, 0x80000001));
    assertThatCode(() -> VersionGuard.check(tree, KmipVersion.V1_0)).doesNotThrowAnyException();
  }
}
