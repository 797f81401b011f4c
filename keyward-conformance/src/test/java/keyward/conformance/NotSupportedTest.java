package keyward.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import keyward.kmip.spec.ObjectType;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.ResultStatus;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import org.junit.jupiter.api.Test;

/** How a failing step is classified: lacking (not-supported) versus answering differently (fail). */
class NotSupportedTest {
  private static Item.Structure request(Operation op, Item... payload) {
    return new Item.Structure(Tag.REQUEST_MESSAGE, new Item.Structure(Tag.BATCH_ITEM,
        new Item.Enumeration(Tag.OPERATION, op.value()), new Item.Structure(Tag.REQUEST_PAYLOAD, payload)));
  }

  private static Item.Structure response(Operation op, ResultStatus status, ResultReason reason, String message) {
    Item.Structure bi = reason == null
        ? new Item.Structure(Tag.BATCH_ITEM, new Item.Enumeration(Tag.OPERATION, op.value()),
            new Item.Enumeration(Tag.RESULT_STATUS, status.value()))
        : new Item.Structure(Tag.BATCH_ITEM, new Item.Enumeration(Tag.OPERATION, op.value()),
            new Item.Enumeration(Tag.RESULT_STATUS, status.value()),
            new Item.Enumeration(Tag.RESULT_REASON, reason.value()),
            new Item.TextString(Tag.RESULT_MESSAGE, message));
    return new Item.Structure(Tag.RESPONSE_MESSAGE, bi);
  }

  private static final Item.Structure ENCRYPT_OK = response(Operation.ENCRYPT, ResultStatus.SUCCESS, null, null);

  @Test
  void anOperationOutsideTheDispatchTableIsNotImplemented() {
    assertThat(NotSupported.explain(request(Operation.ENCRYPT), ENCRYPT_OK, ENCRYPT_OK, Set.of(Operation.CREATE)))
        .contains("operation Encrypt not implemented");
  }

  @Test
  void withoutTheTableTheServersOperationNotSupportedSaysIt() {
    Item actual = response(Operation.ENCRYPT, ResultStatus.OPERATION_FAILED, ResultReason.OPERATION_NOT_SUPPORTED, "no");
    assertThat(NotSupported.explain(request(Operation.ENCRYPT), ENCRYPT_OK, actual, null))
        .contains("operation Encrypt not implemented");
  }

  @Test
  void aNotSupportedReasonNamesTheOperationAndTheServersMessage() {
    Item expected = response(Operation.GET, ResultStatus.SUCCESS, null, null);
    Item actual = response(Operation.GET, ResultStatus.OPERATION_FAILED, ResultReason.FEATURE_NOT_SUPPORTED, "no wrapping");
    assertThat(NotSupported.explain(request(Operation.GET), expected, actual, Set.of(Operation.GET)))
        .contains("Get: Feature Not Supported: no wrapping");
  }

  @Test
  void theExpectedNotSupportedAnswerIsNoLack() {
    Item both = response(Operation.GET, ResultStatus.OPERATION_FAILED, ResultReason.FEATURE_NOT_SUPPORTED, "x");
    assertThat(NotSupported.explain(request(Operation.GET), both, both, Set.of(Operation.GET))).isEmpty();
  }

  @Test
  void anObjectTypeTheServerCannotCreateIsNamed() {
    Item expected = response(Operation.CREATE, ResultStatus.SUCCESS, null, null);
    Item actual = response(Operation.CREATE, ResultStatus.OPERATION_FAILED, ResultReason.INVALID_OBJECT_TYPE, "");
    Item.Structure req = request(Operation.CREATE, new Item.Enumeration(Tag.OBJECT_TYPE, ObjectType.SPLIT_KEY.value()));
    assertThat(NotSupported.explain(req, expected, actual, Set.of(Operation.CREATE)))
        .contains("Create of Split Key objects not supported");
  }

  @Test
  void otherFailuresAndSuccessfulDifferencesAreFailures() {
    Item expected = response(Operation.GET, ResultStatus.SUCCESS, null, null);
    Item notFound = response(Operation.GET, ResultStatus.OPERATION_FAILED, ResultReason.ITEM_NOT_FOUND, "x");
    assertThat(NotSupported.explain(request(Operation.GET), expected, notFound, Set.of(Operation.GET))).isEmpty();
    assertThat(NotSupported.explain(request(Operation.GET), expected, expected, Set.of(Operation.GET))).isEmpty();
  }
}
