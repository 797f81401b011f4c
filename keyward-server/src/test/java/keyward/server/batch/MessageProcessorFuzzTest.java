package keyward.server.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import keyward.kmip.codec.DecodeException;
import keyward.kmip.codec.TtlvCodec;
import keyward.kmip.message.ProtocolVersion;
import keyward.kmip.message.RequestBatchItem;
import keyward.kmip.message.RequestHeader;
import keyward.kmip.message.RequestMessage;
import keyward.kmip.message.ResponseBatchItem;
import keyward.kmip.message.ResponseMessage;
import keyward.kmip.spec.BatchErrorContinuationOption;
import keyward.kmip.spec.CryptographicAlgorithm;
import keyward.kmip.spec.CryptographicUsageMask;
import keyward.kmip.spec.EnumInfo;
import keyward.kmip.spec.EnumValue;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.ObjectType;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.ResultStatus;
import keyward.kmip.spec.SpecRegistry;
import keyward.kmip.spec.Tag;
import keyward.kmip.spec.TagInfo;
import keyward.kmip.ttlv.Item;
import keyward.kmip.ttlv.ItemType;
import keyward.server.ServerHarness;

/**
 * The whole message processing over the in-memory store, fed by the fuzzer. Whatever comes in,
 * {@link MessageProcessor#process(byte[], keyward.server.Caller)} must answer a Response Message
 * (the Invalid Message one for what does not decode) and never throw; and no batch item may
 * fail with General Failure, which only an unexpected exception in a handler (or a response the
 * version cannot carry) produces: a server bug.
 *
 * <p>{@code bytes} feeds raw TTLV; {@code requests} builds well-formed Request Messages (random
 * version, error continuation option, operations and payload items with the tags and types of
 * the spec) so that the fuzzer gets past the decoder into the handlers, and checks the batch
 * shape: one response item per request item with its Unique Batch Item ID, or the Stop / Undo
 * shapes (KMIP 1.4 §7.10 / 2.1 §8.10: processing ends at the first failure; under Undo the
 * items before it are Operation Undone).
 *
 * <p>In the normal test run this replays the inputs in
 * src/test/resources/keyward/server/batch/MessageProcessorFuzzTestInputs/. To fuzz: {@code
 * JAZZER_FUZZ=1 mvn -pl keyward-server -am test -Dtest=MessageProcessorFuzzTest
 * -Dsurefire.failIfNoSpecifiedTests=false}; a crash is written to that directory, where it stays
 * as a regression input.
 */
class MessageProcessorFuzzTest {
  private static final TtlvCodec TTLV = new TtlvCodec();

  /** The tags payloads are made of, so that most generated items mean something to a handler. */
  private static final int[] PAYLOAD_TAGS = {
    Tag.UNIQUE_IDENTIFIER, Tag.OBJECT_TYPE, Tag.ATTRIBUTES, Tag.ATTRIBUTE, Tag.ATTRIBUTE_NAME,
    Tag.ATTRIBUTE_VALUE, Tag.ATTRIBUTE_INDEX, Tag.ATTRIBUTE_REFERENCE, Tag.TEMPLATE_ATTRIBUTE,
    Tag.CRYPTOGRAPHIC_ALGORITHM, Tag.CRYPTOGRAPHIC_LENGTH, Tag.CRYPTOGRAPHIC_USAGE_MASK, Tag.NAME,
    Tag.NAME_VALUE, Tag.NAME_TYPE, Tag.SYMMETRIC_KEY, Tag.SECRET_DATA, Tag.SECRET_DATA_TYPE,
    Tag.KEY_BLOCK, Tag.KEY_FORMAT_TYPE, Tag.KEY_VALUE, Tag.KEY_MATERIAL, Tag.REVOCATION_REASON,
    Tag.REVOCATION_REASON_CODE, Tag.ACTIVATION_DATE, Tag.DEACTIVATION_DATE, Tag.STATE, Tag.LINK,
    Tag.LINK_TYPE, Tag.LINKED_OBJECT_IDENTIFIER, Tag.QUERY_FUNCTION, Tag.PROTOCOL_VERSION,
    Tag.PROTOCOL_VERSION_MAJOR, Tag.PROTOCOL_VERSION_MINOR, Tag.MAXIMUM_ITEMS, Tag.OFFSET_ITEMS,
    Tag.STORAGE_STATUS_MASK, Tag.NEW_ATTRIBUTE, Tag.CURRENT_ATTRIBUTE, Tag.OBJECT_GROUP,
    Tag.COMPROMISE_OCCURRENCE_DATE, Tag.USAGE_LIMITS, Tag.USAGE_LIMITS_COUNT, Tag.OFFSET,
    Tag.CERTIFICATE, Tag.CERTIFICATE_TYPE, Tag.CERTIFICATE_VALUE, Tag.PRIVATE_KEY, Tag.PUBLIC_KEY,
    Tag.KEY_COMPRESSION_TYPE, Tag.CONTACT_INFORMATION, Tag.PROCESS_START_DATE,
    Tag.PROTECT_STOP_DATE, Tag.INITIAL_DATE, Tag.LEASE_TIME, Tag.DATA_LENGTH,
  };

  private static final ItemType[] VALUE_TYPES = {
    ItemType.STRUCTURE, ItemType.INTEGER, ItemType.LONG_INTEGER, ItemType.BIG_INTEGER,
    ItemType.ENUMERATION, ItemType.BOOLEAN, ItemType.TEXT_STRING, ItemType.BYTE_STRING,
    ItemType.DATE_TIME, ItemType.INTERVAL,
  };

  private static final TagInfo[] ALL_TAGS = SpecRegistry.tags().toArray(TagInfo[]::new);

  @FuzzTest(maxDuration = "60s")
  void bytes(byte[] input) throws Exception {
    ServerHarness h = new ServerHarness();
    byte[] answer = h.server.processor().process(input, h.caller);
    List<ResponseBatchItem> items = response(answer);
    assertThat(items).isNotEmpty();
    boolean decodes;
    try {
      TTLV.decode(input);
      decodes = true;
    } catch (DecodeException e) {
      decodes = false;
    }
    if (!decodes) {
      assertThat(items).singleElement()
          .satisfies(r -> assertThat(r.resultReason()).isEqualTo(ResultReason.INVALID_MESSAGE));
    }
  }

  @FuzzTest(maxDuration = "60s")
  void requests(FuzzedDataProvider data) throws Exception {
    ServerHarness h = new ServerHarness();
    List<String> identifiers = new ArrayList<>();
    int messages = data.consumeInt(1, 3);
    for (int m = 0; m < messages && data.remainingBytes() > 0; m++) {
      KmipVersion version = data.pickValue(KmipVersion.values());
      BatchErrorContinuationOption option =
          data.consumeBoolean() ? null : data.pickValue(BatchErrorContinuationOption.values());
      int n = data.consumeInt(1, 4);
      List<RequestBatchItem> sent = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        // the message encoder refuses an operation the version lacks; bytes() covers that case
        Operation op = data.pickValue(
            Arrays.stream(Operation.values()).filter(o -> o.definedIn(version)).toList());
        List<Item> payload = new ArrayList<>();
        if (op == Operation.CREATE && data.consumeBoolean()) {
          // random items alone almost never make a valid Create; most handlers need an object
          payload.addAll(createAes(version, data.pickValue(new int[] {128, 256})));
        }
        int count = data.consumeInt(0, 5);
        for (int k = 0; k < count; k++) {
          payload.add(item(data, version, identifiers, 0));
        }
        sent.add(new RequestBatchItem(op, null, new byte[] {(byte) i},
            new Item.Structure(Tag.REQUEST_PAYLOAD, payload), List.of()));
      }
      RequestHeader plain = RequestHeader.of(ProtocolVersion.of(version), n);
      RequestHeader header = new RequestHeader(plain.protocolVersion(), null, null, null, null, null,
          List.of(), null, option, null, null, plain.batchCount());
      byte[] wire = TTLV.encode(new RequestMessage(header, sent).toItem(version));
      List<ResponseBatchItem> got = response(h.server.processor().process(wire, h.caller));
      if (version == KmipVersion.V3_0) {
        // not served: the one Invalid Message answer
        assertThat(got).singleElement()
            .satisfies(r -> assertThat(r.resultReason()).isEqualTo(ResultReason.INVALID_MESSAGE));
        continue;
      }
      checkBatch(sent, got, option);
      for (ResponseBatchItem r : got) {
        if (r.responsePayload() != null) {
          r.responsePayload().all(Tag.UNIQUE_IDENTIFIER).forEach(id -> {
            if (id instanceof Item.TextString t) {
              identifiers.add(t.value());
            }
          });
        }
      }
    }
  }

  private static void checkBatch(
      List<RequestBatchItem> sent, List<ResponseBatchItem> got, BatchErrorContinuationOption option) {
    boolean stops = option == BatchErrorContinuationOption.STOP
        || (option == BatchErrorContinuationOption.UNDO && sent.size() > 1);
    if (!stops) {
      assertThat(got).hasSameSizeAs(sent);
    } else {
      assertThat(got).isNotEmpty().hasSizeLessThanOrEqualTo(sent.size());
      ResultStatus expectedBefore = option == BatchErrorContinuationOption.UNDO
          && got.getLast().resultStatus() != ResultStatus.SUCCESS
          ? ResultStatus.OPERATION_UNDONE : ResultStatus.SUCCESS;
      for (int i = 0; i < got.size() - 1; i++) {
        assertThat(got.get(i).resultStatus()).as("item %d before the last", i).isEqualTo(expectedBefore);
      }
      if (got.size() < sent.size()) {
        assertThat(got.getLast().resultStatus()).isEqualTo(ResultStatus.OPERATION_FAILED);
      }
    }
    for (int i = 0; i < got.size(); i++) {
      ResponseBatchItem r = got.get(i);
      assertThat(r.uniqueBatchItemID()).as("Unique Batch Item ID of item %d", i)
          .isEqualTo(sent.get(i).uniqueBatchItemID());
      if (r.operation() != null) {
        assertThat(r.operation()).isEqualTo(sent.get(i).operation());
      }
    }
  }

  /**
   * Decodes a response and checks it is a Response Message in the version its header names, with
   * no General Failure in it.
   */
  private static List<ResponseBatchItem> response(byte[] answer) throws Exception {
    Item.Structure tree = (Item.Structure) TTLV.decode(answer);
    assertThat(tree.tag()).isEqualTo(Tag.RESPONSE_MESSAGE);
    Item.Structure header = (Item.Structure) tree.first(Tag.RESPONSE_HEADER).orElseThrow();
    Item.Structure pv = (Item.Structure) header.first(Tag.PROTOCOL_VERSION).orElseThrow();
    KmipVersion version = KmipVersion.of(
        ((Item.Integer) pv.first(Tag.PROTOCOL_VERSION_MAJOR).orElseThrow()).value(),
        ((Item.Integer) pv.first(Tag.PROTOCOL_VERSION_MINOR).orElseThrow()).value());
    assertThat(version).isNotNull();
    List<ResponseBatchItem> items = ResponseMessage.fromItem(tree, version).batchItems();
    for (ResponseBatchItem r : items) {
      assertThat(r.resultReason())
          .as("result of %s: %s", r.operation(), r.resultMessage())
          .isNotEqualTo(ResultReason.GENERAL_FAILURE);
    }
    return items;
  }

  /** A valid Create of an AES key (2.x Attributes, or the 1.x Template-Attribute). */
  private static List<Item> createAes(KmipVersion version, int length) {
    Item type = new Item.Enumeration(Tag.OBJECT_TYPE, ObjectType.SYMMETRIC_KEY.value());
    Item algorithm = new Item.Enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.AES.value());
    Item bits = new Item.Integer(Tag.CRYPTOGRAPHIC_LENGTH, length);
    Item usage = new Item.Integer(Tag.CRYPTOGRAPHIC_USAGE_MASK,
        CryptographicUsageMask.ENCRYPT.value() | CryptographicUsageMask.DECRYPT.value());
    if (version.atLeast(KmipVersion.V2_0)) {
      return List.of(type, new Item.Structure(Tag.ATTRIBUTES, algorithm, bits, usage));
    }
    return List.of(type, new Item.Structure(Tag.TEMPLATE_ATTRIBUTE,
        attribute("Cryptographic Algorithm", algorithm), attribute("Cryptographic Length", bits),
        attribute("Cryptographic Usage Mask", usage)));
  }

  private static Item attribute(String name, Item value) {
    Item v = switch (value) {
      case Item.Enumeration e -> new Item.Enumeration(Tag.ATTRIBUTE_VALUE, e.value());
      case Item.Integer i -> new Item.Integer(Tag.ATTRIBUTE_VALUE, i.value());
      default -> throw new IllegalArgumentException();
    };
    return new Item.Structure(Tag.ATTRIBUTE, new Item.TextString(Tag.ATTRIBUTE_NAME, name), v);
  }

  /** One item with a spec tag and that tag's type, mostly from the payload tags. */
  private static Item item(FuzzedDataProvider data, KmipVersion version, List<String> ids, int depth) {
    int tag;
    if (data.consumeInt(0, 9) < 7) {
      tag = data.pickValue(PAYLOAD_TAGS);
    } else {
      tag = data.pickValue(ALL_TAGS).tag();
    }
    TagInfo info = SpecRegistry.tag(tag, version);
    if (info == null) {
      info = SpecRegistry.tag(tag);
    }
    ItemType type = info.type();
    if (type == null) {
      // Attribute Value and the like take the type of the attribute they carry
      type = data.pickValue(VALUE_TYPES);
    }
    return switch (type) {
      case STRUCTURE -> {
        List<Item> children = new ArrayList<>();
        int count = depth >= 3 ? 0 : data.consumeInt(0, 4);
        for (int k = 0; k < count; k++) {
          children.add(item(data, version, ids, depth + 1));
        }
        yield new Item.Structure(tag, children);
      }
      case INTEGER -> new Item.Integer(tag, enumOrInt(data, tag));
      case ENUMERATION -> new Item.Enumeration(tag, enumOrInt(data, tag));
      case LONG_INTEGER -> new Item.LongInteger(tag, data.consumeLong());
      case BIG_INTEGER -> new Item.BigInteger(tag, java.math.BigInteger.valueOf(data.consumeLong()));
      case BOOLEAN -> new Item.Boolean(tag, data.consumeBoolean());
      case TEXT_STRING -> new Item.TextString(tag, text(data, ids));
      case BYTE_STRING -> new Item.ByteString(tag, data.consumeBytes(data.consumeInt(0, 40)));
      case DATE_TIME -> new Item.DateTime(tag, 1767225600L + data.consumeInt(-100_000, 100_000));
      case INTERVAL -> new Item.Interval(tag, data.consumeLong(0, 0xFFFFFFFFL));
      case DATE_TIME_EXTENDED -> new Item.DateTimeExtended(tag, data.consumeLong());
      case IDENTIFIER -> new Item.Identifier(tag, text(data, ids));
      case REFERENCE -> new Item.Reference(tag, text(data, ids));
      case NAME_REFERENCE -> new Item.NameReference(tag, text(data, ids));
    };
  }

  /** A known enumeration value (or mask of them) most of the time, else any number. */
  private static int enumOrInt(FuzzedDataProvider data, int tag) {
    EnumInfo e = SpecRegistry.enumerationOf(tag);
    if (e == null || data.consumeInt(0, 9) == 0) {
      return data.consumeInt(-2, 300);
    }
    EnumValue[] values = e.values().toArray(EnumValue[]::new);
    if (!e.mask()) {
      return data.pickValue(values).value();
    }
    int mask = 0;
    for (EnumValue v : data.pickValues(values, data.consumeInt(1, Math.min(3, values.length)))) {
      mask |= v.value();
    }
    return mask;
  }

  /** An identifier the server handed out, an attribute name, or any short text. */
  private static String text(FuzzedDataProvider data, List<String> ids) {
    int choice = data.consumeInt(0, 3);
    if (choice == 0 && !ids.isEmpty()) {
      return ids.get(data.consumeInt(0, ids.size() - 1));
    }
    if (choice == 1) {
      return data.pickValue(ALL_TAGS).name();
    }
    return data.consumeString(data.consumeInt(0, 24));
  }
}
