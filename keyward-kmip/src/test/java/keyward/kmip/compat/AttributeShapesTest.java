package keyward.kmip.compat;

import static org.assertj.core.api.Assertions.assertThat;

import keyward.kmip.spec.CryptographicAlgorithm;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import org.junit.jupiter.api.Test;

class AttributeShapesTest {

  private static Item.Structure v1Attribute(String name, Item value) {
    return new Item.Structure(Tag.ATTRIBUTE,
        new Item.TextString(Tag.ATTRIBUTE_NAME, name), value);
  }

  private static final Item.Structure TEMPLATE = new Item.Structure(Tag.TEMPLATE_ATTRIBUTE,
      v1Attribute("Cryptographic Algorithm",
          new Item.Enumeration(Tag.ATTRIBUTE_VALUE, CryptographicAlgorithm.AES.value())),
      v1Attribute("Cryptographic Length", new Item.Integer(Tag.ATTRIBUTE_VALUE, 256)),
      v1Attribute("Name", new Item.Structure(Tag.ATTRIBUTE_VALUE,
          new Item.TextString(Tag.NAME_VALUE, "k1"), new Item.Enumeration(Tag.NAME_TYPE, 1))),
      v1Attribute("Name", new Item.Structure(Tag.ATTRIBUTE_VALUE,
          new Item.TextString(Tag.NAME_VALUE, "k2"), new Item.Enumeration(Tag.NAME_TYPE, 1))),
      v1Attribute("x-Barcode", new Item.TextString(Tag.ATTRIBUTE_VALUE, "XXA012A1")));

  private static final Item.Structure ATTRIBUTES = new Item.Structure(Tag.ATTRIBUTES,
      new Item.Enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.AES.value()),
      new Item.Integer(Tag.CRYPTOGRAPHIC_LENGTH, 256),
      new Item.Structure(Tag.NAME,
          new Item.TextString(Tag.NAME_VALUE, "k1"), new Item.Enumeration(Tag.NAME_TYPE, 1)),
      new Item.Structure(Tag.NAME,
          new Item.TextString(Tag.NAME_VALUE, "k2"), new Item.Enumeration(Tag.NAME_TYPE, 1)),
      new Item.Structure(Tag.ATTRIBUTE,
          new Item.TextString(Tag.VENDOR_IDENTIFICATION, "x"),
          new Item.TextString(Tag.ATTRIBUTE_NAME, "Barcode"),
          new Item.TextString(Tag.ATTRIBUTE_VALUE, "XXA012A1")));

  @Test
  void templateAttributeBecomesAttributes() {
    AttributeShapes.Converted c = AttributeShapes.toAttributes(TEMPLATE);
    assertThat(c.templateNames()).isEmpty();
    assertThat(c.attributes()).isEqualTo(ATTRIBUTES);
  }

  @Test
  void attributesBecomeTemplateAttributeWithIndices() {
    Item.Structure t = AttributeShapes.toTemplateAttribute(ATTRIBUTES);
    assertThat(t.tag()).isEqualTo(Tag.TEMPLATE_ATTRIBUTE);
    // the second Name carries Attribute Index 1; index 0 is omitted
    Item.Structure secondName = (Item.Structure) t.items().get(3);
    assertThat(secondName.first(Tag.ATTRIBUTE_INDEX)).contains(new Item.Integer(Tag.ATTRIBUTE_INDEX, 1));
    assertThat(((Item.Structure) t.items().get(2)).first(Tag.ATTRIBUTE_INDEX)).isEmpty();
    // and back again gives the same 2.x attributes
    assertThat(AttributeShapes.toAttributes(t).attributes()).isEqualTo(ATTRIBUTES);
  }

  @Test
  void getAttributesRequestNamesBecomeReferences() {
    Item.Structure v1 = new Item.Structure(Tag.REQUEST_PAYLOAD,
        new Item.TextString(Tag.UNIQUE_IDENTIFIER, "id"),
        new Item.TextString(Tag.ATTRIBUTE_NAME, "State"),
        new Item.TextString(Tag.ATTRIBUTE_NAME, "x-Barcode"));
    Item.Structure v2 = PayloadShapes.requestToV2(Operation.GET_ATTRIBUTES, v1);
    assertThat(v2.items().get(1)).isEqualTo(new Item.Enumeration(Tag.ATTRIBUTE_REFERENCE, Tag.STATE));
    assertThat(PayloadShapes.referenceName(v2.items().get(2))).isEqualTo("x-Barcode");
  }

  @Test
  void getAttributesResponseBecomesAttributeList() {
    Item.Structure v2 = new Item.Structure(Tag.RESPONSE_PAYLOAD,
        new Item.TextString(Tag.UNIQUE_IDENTIFIER, "id"), ATTRIBUTES);
    Item.Structure v1 = PayloadShapes.responseToV1(Operation.GET_ATTRIBUTES, v2);
    assertThat(v1.all(Tag.ATTRIBUTE)).hasSize(5);
    assertThat(v1.first(Tag.ATTRIBUTES)).isEmpty();
  }

  @Test
  void internalFieldsNeverReachA2xClient() {
    Item.Structure internal = new Item.Structure(Tag.RESPONSE_PAYLOAD,
        new Item.TextString(Tag.UNIQUE_IDENTIFIER, "id"),
        new Item.Structure(Tag.NEW_ATTRIBUTE, new Item.Integer(Tag.CRYPTOGRAPHIC_LENGTH, 128)),
        new Item.Integer(Tag.ATTRIBUTE_INDEX, 0));
    assertThat(PayloadShapes.responseToV2(Operation.ADD_ATTRIBUTE, internal).items())
        .containsExactly(new Item.TextString(Tag.UNIQUE_IDENTIFIER, "id"));
    assertThat(PayloadShapes.responseToV1(Operation.ADD_ATTRIBUTE, internal).first(Tag.ATTRIBUTE))
        .isPresent();
  }
}
