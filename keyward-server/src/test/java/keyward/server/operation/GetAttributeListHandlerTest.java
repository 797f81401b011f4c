package keyward.server.operation;

import static keyward.server.operation.Attrs.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.ServerHarness;
import org.junit.jupiter.api.Test;

class GetAttributeListHandlerTest {
  private final ServerHarness h = new ServerHarness();

  /** SKFF-M-9-21 / TL-M-3-21 shape: one Attribute Reference per attribute, vendor ones as structures. */
  @Test
  void listsEachAttributeOnceAsReferences() throws Exception {
    String id = aesKey(h, name("a"), name("b"), vendorText("x", "ID", "1"));
    Item.Structure p = ok(h.call(KmipVersion.V2_1, Operation.GET_ATTRIBUTE_LIST, uid(id)));
    List<Item> refs = p.all(Tag.ATTRIBUTE_REFERENCE);
    assertThat(refs).startsWith(vendorRef("x", "ID"), ref(Tag.UNIQUE_IDENTIFIER), ref(Tag.OBJECT_TYPE),
        ref(Tag.CRYPTOGRAPHIC_ALGORITHM), ref(Tag.CRYPTOGRAPHIC_LENGTH));
    assertThat(refs).containsOnlyOnce(ref(Tag.NAME)).contains(ref(Tag.STATE), ref(Tag.INITIAL_DATE));
    assertThat(refs).doesNotHaveDuplicates();
  }

  /** SKFF-M-9-14 shape: 1.x Attribute Names, custom ones as "x-" names, nothing newer than 1.2 for 1.2. */
  @Test
  void v1xListsNamesOfTheVersion() throws Exception {
    String id = aesKey(h, new Item.TextString(Tag.COMMENT, "c"), vendorText("x", "ID", "1"));
    List<Item> names14 = ok(h.call(KmipVersion.V1_4, Operation.GET_ATTRIBUTE_LIST, uid(id))).all(Tag.ATTRIBUTE_NAME);
    assertThat(names14).contains(attributeName("x-ID"), attributeName("Unique Identifier"), attributeName("Comment"));
    List<Item> names12 = ok(h.call(KmipVersion.V1_2, Operation.GET_ATTRIBUTE_LIST, uid(id))).all(Tag.ATTRIBUTE_NAME);
    assertThat(names12).contains(attributeName("State")).doesNotContain(attributeName("Comment"));
  }
}
