package keyward.server.object;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import keyward.kmip.compat.PayloadShapes;
import keyward.kmip.message.RequestBatchItem;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.ObjectType;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.ResultStatus;
import keyward.kmip.spec.State;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.KmipException;
import keyward.server.OasisCases;
import org.junit.jupiter.api.Test;

class AttributeRulesTest {

  @Test
  void serverSetAttributesAreReadOnlyForClients() {
    assertThatThrownBy(() -> AttributeRules.checkClientMaySet(
        new Item.Enumeration(Tag.STATE, State.ACTIVE.value()), ObjectType.SYMMETRIC_KEY, KmipVersion.V2_1))
        .isInstanceOfSatisfying(KmipException.class,
            e -> assertThat(e.reason()).isEqualTo(ResultReason.ATTRIBUTE_READ_ONLY));
    assertThatThrownBy(() -> AttributeRules.checkClientMaySet(
        new Item.Integer(Tag.CERTIFICATE_LENGTH, 12), ObjectType.CERTIFICATE, KmipVersion.V2_1))
        .isInstanceOfSatisfying(KmipException.class,
            e -> assertThat(e.reason()).isEqualTo(ResultReason.ATTRIBUTE_READ_ONLY));
  }

  @Test
  void nonAttributesAndForeignVersionsAreInvalidAttributes() {
    // Key Block is a tag but no attribute; Comment is no attribute before 1.4
    assertThatThrownBy(() -> AttributeRules.checkClientMaySet(
        new Item.Structure(Tag.KEY_BLOCK), ObjectType.SYMMETRIC_KEY, KmipVersion.V2_1))
        .isInstanceOfSatisfying(KmipException.class,
            e -> assertThat(e.reason()).isEqualTo(ResultReason.INVALID_ATTRIBUTE));
    assertThatThrownBy(() -> AttributeRules.checkClientMaySet(
        new Item.TextString(Tag.COMMENT, "c"), ObjectType.SYMMETRIC_KEY, KmipVersion.V1_2))
        .isInstanceOfSatisfying(KmipException.class,
            e -> assertThat(e.reason()).isEqualTo(ResultReason.INVALID_ATTRIBUTE));
    assertThat(AttributeRules.isAttribute(Tag.KEY_FORMAT_TYPE, KmipVersion.V1_4)).isFalse();
    assertThat(AttributeRules.isAttribute(Tag.KEY_FORMAT_TYPE, KmipVersion.V2_0)).isTrue();
    assertThat(AttributeRules.isAttribute(Tag.OPERATION_POLICY_NAME, KmipVersion.V2_0)).isFalse();
  }

  @Test
  void wrongItemTypeIsAnInvalidAttributeValue() {
    assertThatThrownBy(() -> AttributeRules.checkClientMaySet(
        new Item.TextString(Tag.CRYPTOGRAPHIC_LENGTH, "128"), ObjectType.SYMMETRIC_KEY, KmipVersion.V2_1))
        .isInstanceOfSatisfying(KmipException.class,
            e -> assertThat(e.reason()).isEqualTo(ResultReason.INVALID_ATTRIBUTE_VALUE));
  }

  /** A value that would be stored and later sent back must be well formed for the version. */
  @Test
  void malformedStructuredValuesAreInvalidAttributeValues() {
    Item badName = new Item.Structure(Tag.NAME, new Item.Integer(Tag.NAME_VALUE, 1),
        new Item.Enumeration(Tag.NAME_TYPE, 1));
    Item linkWithoutTarget = new Item.Structure(Tag.LINK, new Item.Enumeration(Tag.LINK_TYPE, 0x103));
    Item unknownObjectType = new Item.Enumeration(Tag.CERTIFICATE_TYPE, 0x7777);
    for (Item bad : List.of(badName, linkWithoutTarget, unknownObjectType)) {
      assertThatThrownBy(() -> AttributeRules.checkClientMaySet(bad, ObjectType.CERTIFICATE, KmipVersion.V2_1))
          .as(bad.toString())
          .isInstanceOfSatisfying(KmipException.class,
              e -> assertThat(e.reason()).isEqualTo(ResultReason.INVALID_ATTRIBUTE_VALUE));
    }
  }

  @Test
  void vendorAttributesAreClientsExceptY1x() throws Exception {
    AttributeRules.checkClientMaySet(vendor("x", "a"), ObjectType.SYMMETRIC_KEY, KmipVersion.V1_4);
    assertThatThrownBy(() -> AttributeRules.checkClientMaySet(vendor("y", "a"), ObjectType.SYMMETRIC_KEY,
        KmipVersion.V1_4)).isInstanceOf(KmipException.class);
    AttributeRules.checkClientMaySet(vendor("y", "a"), ObjectType.SYMMETRIC_KEY, KmipVersion.V2_1);
    assertThat(AttributeRules.multiValued(Tag.ATTRIBUTE)).isTrue();
  }

  @Test
  void stateRulesForDates() {
    assertThat(AttributeRules.clientModifiable(Tag.ACTIVATION_DATE, State.PRE_ACTIVE)).isTrue();
    assertThat(AttributeRules.clientModifiable(Tag.ACTIVATION_DATE, State.ACTIVE)).isFalse();
    assertThat(AttributeRules.clientModifiable(Tag.DEACTIVATION_DATE, State.ACTIVE)).isTrue();
    assertThat(AttributeRules.clientModifiable(Tag.DEACTIVATION_DATE, State.DEACTIVATED)).isFalse();
    assertThat(AttributeRules.clientModifiable(Tag.NAME, State.DESTROYED)).isTrue();
    assertThat(AttributeRules.clientModifiable(Tag.STATE, State.PRE_ACTIVE)).isFalse();
    assertThat(AttributeRules.clientDeletable(Tag.NAME)).isTrue();
    assertThat(AttributeRules.clientDeletable(Tag.CRYPTOGRAPHIC_ALGORITHM)).isFalse();
    assertThat(AttributeRules.multiValued(Tag.NAME)).isTrue();
    assertThat(AttributeRules.multiValued(Tag.CONTACT_INFORMATION)).isFalse();
  }

  @Test
  void expressibleInFiltersVersionForeignAttributesAndValues() {
    assertThat(AttributeRules.expressibleIn(new Item.TextString(Tag.DESCRIPTION, "d"), KmipVersion.V1_2)).isFalse();
    assertThat(AttributeRules.expressibleIn(new Item.TextString(Tag.DESCRIPTION, "d"), KmipVersion.V1_4)).isTrue();
    // Certificate Request (0x0A) is an Object Type value from 2.0
    assertThat(AttributeRules.expressibleIn(new Item.Enumeration(Tag.OBJECT_TYPE, 0x0A), KmipVersion.V1_4)).isFalse();
    assertThat(AttributeRules.expressibleIn(new Item.Enumeration(Tag.OBJECT_TYPE, 0x02), KmipVersion.V1_2)).isTrue();
  }

  /**
   * Every attribute a successful OASIS Create/Register/Create Key Pair request (1.3, 1.4, 2.1)
   * carries must pass the client check: the table must not refuse what the profiles use.
   */
  @Test
  void everyAttributeTheProfilesSetOnCreationPasses() throws Exception {
    int checked = 0;
    List<String> refused = new ArrayList<>();
    List<String> templates = new ArrayList<>();
    for (String v : List.of("1.3", "1.4", "2.1")) {
      for (OasisCases.Step step : OasisCases.steps(v)) {
        KmipVersion version = step.version();
        for (int b = 0; b < step.request().batchItems().size() && b < step.response().batchItems().size(); b++) {
          RequestBatchItem item = step.request().batchItems().get(b);
          Operation op = item.operation();
          if (step.response().batchItems().get(b).resultStatus() != ResultStatus.SUCCESS
              || (op != Operation.CREATE && op != Operation.REGISTER && op != Operation.CREATE_KEY_PAIR)) {
            continue;
          }
          Item.Structure payload = version.atLeast(KmipVersion.V2_0)
              ? item.requestPayload() : PayloadShapes.requestToV2(op, item.requestPayload());
          ObjectType type = payload.first(Tag.OBJECT_TYPE)
              .map(t -> ObjectType.fromValue(((Item.Enumeration) t).value())).orElse(null);
          for (Item child : payload.items()) {
            ObjectType t = child.tag() == Tag.PRIVATE_KEY_ATTRIBUTES ? ObjectType.PRIVATE_KEY
                : child.tag() == Tag.PUBLIC_KEY_ATTRIBUTES ? ObjectType.PUBLIC_KEY
                : op == Operation.CREATE_KEY_PAIR ? null : type;
            if (child.tag() != Tag.ATTRIBUTES && child.tag() != Tag.COMMON_ATTRIBUTES
                && child.tag() != Tag.PRIVATE_KEY_ATTRIBUTES && child.tag() != Tag.PUBLIC_KEY_ATTRIBUTES) {
              continue;
            }
            for (Item a : ((Item.Structure) child).items()) {
              if (a.tag() == Tag.TEMPLATE_ATTRIBUTE) {
                templates.add(step.file()); // names of 1.x Templates, resolved by the server (TemplatesTest)
                continue;
              }
              try {
                AttributeRules.checkClientMaySet(a, t, version);
              } catch (KmipException e) {
                refused.add(step.file() + ": " + e.getMessage());
              }
              checked++;
            }
          }
        }
      }
    }
    assertThat(refused).isEmpty();
    assertThat(templates).hasSizeLessThan(5);
    assertThat(checked).isGreaterThan(500);
  }

  private static Item vendor(String vendor, String name) {
    return new Item.Structure(Tag.ATTRIBUTE,
        new Item.TextString(Tag.VENDOR_IDENTIFICATION, vendor),
        new Item.TextString(Tag.ATTRIBUTE_NAME, name),
        new Item.TextString(Tag.ATTRIBUTE_VALUE, "v"));
  }
}
