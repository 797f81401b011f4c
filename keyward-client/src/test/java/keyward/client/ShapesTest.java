package keyward.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import keyward.kmip.compat.PayloadShapes;
import keyward.kmip.spec.CryptographicAlgorithm;
import keyward.kmip.spec.ObjectType;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import org.junit.jupiter.api.Test;

/** The 1.x requests the client sends are what the server's edge turns back into the 2.x shape. */
class ShapesTest {
  static Item.Structure payload(Item... items) {
    return new Item.Structure(Tag.REQUEST_PAYLOAD, items);
  }

  @Test
  void createRoundTripsThroughTheServersConversion() {
    Item.Structure v2 = payload(
        new Item.Enumeration(Tag.OBJECT_TYPE, ObjectType.SYMMETRIC_KEY.value()),
        new Item.Structure(Tag.ATTRIBUTES,
            new Item.Enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.AES.value()),
            new Item.Integer(Tag.CRYPTOGRAPHIC_LENGTH, 256),
            AttributeValues.name("k1"),
            AttributeValues.parse("x-owner", "team")));
    Item.Structure v1 = Shapes.requestToV1(Operation.CREATE, v2);
    assertThat(v1.first(Tag.TEMPLATE_ATTRIBUTE)).isPresent();
    assertThat(v1.first(Tag.ATTRIBUTES)).isEmpty();
    assertThat(PayloadShapes.requestToV2(Operation.CREATE, v1)).isEqualTo(v2);
  }

  @Test
  void locateListsAttributesDirectlyIn1x() {
    Item.Structure v2 = payload(new Item.Structure(Tag.ATTRIBUTES, AttributeValues.name("k1"),
        new Item.Enumeration(Tag.OBJECT_TYPE, ObjectType.SYMMETRIC_KEY.value())));
    Item.Structure v1 = Shapes.requestToV1(Operation.LOCATE, v2);
    assertThat(v1.all(Tag.ATTRIBUTE)).hasSize(2);
    assertThat(PayloadShapes.requestToV2(Operation.LOCATE, v1)).isEqualTo(v2);
  }

  @Test
  void attributeReferencesBecomeNames() {
    Item.Structure v2 = payload(new Item.TextString(Tag.UNIQUE_IDENTIFIER, "1"),
        Shapes.reference("Cryptographic Algorithm"), Shapes.reference("x-owner"));
    Item.Structure v1 = Shapes.requestToV1(Operation.GET_ATTRIBUTES, v2);
    assertThat(v1.all(Tag.ATTRIBUTE_NAME)).containsExactly(
        new Item.TextString(Tag.ATTRIBUTE_NAME, "Cryptographic Algorithm"),
        new Item.TextString(Tag.ATTRIBUTE_NAME, "x-owner"));
    assertThat(PayloadShapes.requestToV2(Operation.GET_ATTRIBUTES, v1)).isEqualTo(v2);
    assertThatThrownBy(() -> Shapes.reference("Colour")).hasMessageContaining("unknown attribute name: Colour");
  }

  @Test
  void a1xGetAttributesAnswerComesBackIn2xShape() {
    Item.Structure answer = new Item.Structure(Tag.RESPONSE_PAYLOAD,
        new Item.TextString(Tag.UNIQUE_IDENTIFIER, "1"),
        new Item.Structure(Tag.ATTRIBUTE, new Item.TextString(Tag.ATTRIBUTE_NAME, "Cryptographic Length"),
            new Item.Integer(Tag.ATTRIBUTE_VALUE, 128)));
    Item.Structure v2 = Shapes.responseToV2(Operation.GET_ATTRIBUTES, answer);
    ObjectAttributes a = ObjectAttributes.fromResponse(v2);
    assertThat(a.uniqueIdentifier()).isEqualTo("1");
    assertThat(a.attributes()).containsExactly(new Item.Integer(Tag.CRYPTOGRAPHIC_LENGTH, 128));
  }

  @Test
  void attributeTextParsesByTheAttributesType() {
    assertThat(AttributeValues.parse("Cryptographic Usage Mask", "Encrypt|Decrypt"))
        .isEqualTo(new Item.Integer(Tag.CRYPTOGRAPHIC_USAGE_MASK, 4 | 8));
    assertThat(AttributeValues.parse("Cryptographic Algorithm", "AES"))
        .isEqualTo(new Item.Enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.AES.value()));
    assertThat(AttributeValues.display(new Item.Integer(Tag.CRYPTOGRAPHIC_USAGE_MASK, 12))).isEqualTo("Encrypt|Decrypt");
    assertThatThrownBy(() -> AttributeValues.parse("Cryptographic Length", "long"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad value");
    assertThatThrownBy(() -> AttributeValues.parse("Cryptographic Algorithm", "ROT13"))
        .hasMessageContaining("ROT13");
    assertThat(List.of(AttributeValues.nameOf(AttributeValues.parse("x-owner", "a")))).containsExactly("x-owner");
  }
}
