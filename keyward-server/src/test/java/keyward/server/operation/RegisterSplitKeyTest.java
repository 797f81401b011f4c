package keyward.server.operation;

import static keyward.server.operation.Kmip.attributes;
import static keyward.server.operation.Kmip.hex;
import static keyward.server.operation.Kmip.objectType;
import static keyward.server.operation.Kmip.ok;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import keyward.kmip.message.ResponseBatchItem;
import keyward.kmip.spec.KeyFormatType;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.ObjectType;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.SplitKeyMethod;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.ServerHarness;
import org.junit.jupiter.api.Test;

/** Register and Get of Split Key objects (1.4 §2.2.5), shaped as in TC-SJ-3-12 (1.2 test cases). */
class RegisterSplitKeyTest {
  private final ServerHarness h = new ServerHarness();

  /** TC-SJ-3-12 part 1: Split Key Parts 4, identifier 1, threshold 2, GF(2^8), Raw key block. */
  private static Item.Structure part(int parts, int identifier, int threshold, SplitKeyMethod method,
      Item... extra) {
    List<Item> items = new ArrayList<>(List.of(
        new Item.Integer(Tag.SPLIT_KEY_PARTS, parts),
        new Item.Integer(Tag.KEY_PART_IDENTIFIER, identifier),
        new Item.Integer(Tag.SPLIT_KEY_THRESHOLD, threshold),
        new Item.Enumeration(Tag.SPLIT_KEY_METHOD, method.value())));
    items.addAll(List.of(extra));
    items.add(new Item.Structure(Tag.KEY_BLOCK,
        new Item.Enumeration(Tag.KEY_FORMAT_TYPE, KeyFormatType.RAW.value()),
        new Item.Structure(Tag.KEY_VALUE,
            new Item.ByteString(Tag.KEY_MATERIAL, hex("66C46A7754F94DE420C7B1A7FFF5EC56")))));
    return new Item.Structure(Tag.SPLIT_KEY, items);
  }

  private ResponseBatchItem register(KmipVersion v, Item.Structure splitKey) throws Exception {
    return h.call(v, Operation.REGISTER, objectType(ObjectType.SPLIT_KEY), attributes(v), splitKey);
  }

  @Test
  void aSplitKeyComesBackFromGetAsRegistered() throws Exception {
    for (KmipVersion v : List.of(KmipVersion.V1_2, KmipVersion.V2_1)) {
      Item.Structure sent = part(4, 1, 2, SplitKeyMethod.POLYNOMIAL_SHARING_GF_2_8);
      String uid = Kmip.uidOf(ok(register(v, sent)));
      ResponseBatchItem get = ok(Kmip.call(h, v, Operation.GET, uid));
      assertThat(get.responsePayload().first(Tag.OBJECT_TYPE))
          .contains(new Item.Enumeration(Tag.OBJECT_TYPE, ObjectType.SPLIT_KEY.value()));
      assertThat(get.responsePayload().first(Tag.SPLIT_KEY)).as("%s", v).contains(sent);
    }
  }

  @Test
  void aThresholdAboveThePartsIsAnInvalidField() throws Exception {
    ResponseBatchItem r = register(KmipVersion.V2_1, part(2, 1, 3, SplitKeyMethod.XOR));
    assertThat(r.resultReason()).isEqualTo(ResultReason.INVALID_FIELD);
    assertThat(r.resultMessage()).contains("Split Key Threshold");
  }

  @Test
  void anIdentifierOutsideThePartsIsAnInvalidField() throws Exception {
    ResponseBatchItem r = register(KmipVersion.V2_1, part(4, 5, 2, SplitKeyMethod.POLYNOMIAL_SHARING_GF_2_8));
    assertThat(r.resultReason()).isEqualTo(ResultReason.INVALID_FIELD);
    assertThat(r.resultMessage()).contains("Key Part Identifier");
  }

  @Test
  void primeFieldSharingNeedsThePrimeFieldSize() throws Exception {
    ResponseBatchItem r = register(KmipVersion.V2_1, part(4, 1, 2, SplitKeyMethod.POLYNOMIAL_SHARING_PRIME_FIELD));
    assertThat(r.resultReason()).isEqualTo(ResultReason.INVALID_FIELD);
    assertThat(r.resultMessage()).contains("Prime Field Size");
    ok(register(KmipVersion.V2_1, part(4, 1, 2, SplitKeyMethod.POLYNOMIAL_SHARING_PRIME_FIELD,
        new Item.BigInteger(Tag.PRIME_FIELD_SIZE, java.math.BigInteger.valueOf(257)))));
  }

  @Test
  void aMissingSplitKeyMethodIsAnInvalidField() throws Exception {
    Item.Structure noMethod = new Item.Structure(Tag.SPLIT_KEY, part(4, 1, 2, SplitKeyMethod.XOR).items().stream()
        .filter(i -> i.tag() != Tag.SPLIT_KEY_METHOD).toList());
    ResponseBatchItem r = register(KmipVersion.V2_1, noMethod);
    assertThat(r.resultReason()).isEqualTo(ResultReason.INVALID_FIELD);
    assertThat(r.resultMessage()).contains("Split Key Method");
  }
}
