package keyward.app.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import keyward.app.Main;
import keyward.kmip.message.RequestBatchItem;
import keyward.kmip.message.ResponseBatchItem;
import keyward.kmip.spec.CryptographicAlgorithm;
import keyward.kmip.spec.ObjectType;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.ResultStatus;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;

/** The 2.x requests and the command runs that the server tests of this package share. */
final class TestRequests {
  private TestRequests() {}

  /** Create of a named AES-256 key for Encrypt and Decrypt. */
  static RequestBatchItem createAes(String name) {
    return RequestBatchItem.of(Operation.CREATE, new Item.Structure(Tag.REQUEST_PAYLOAD, List.of(
        new Item.Enumeration(Tag.OBJECT_TYPE, ObjectType.SYMMETRIC_KEY.value()),
        new Item.Structure(Tag.ATTRIBUTES, List.of(
            new Item.Enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.AES.value()),
            new Item.Integer(Tag.CRYPTOGRAPHIC_LENGTH, 256),
            new Item.Integer(Tag.CRYPTOGRAPHIC_USAGE_MASK, 12),
            new Item.Structure(Tag.NAME, List.of(new Item.TextString(Tag.NAME_VALUE, name),
                new Item.Enumeration(Tag.NAME_TYPE, 1))))))));
  }

  static RequestBatchItem get(String uid) {
    return RequestBatchItem.of(Operation.GET, new Item.Structure(Tag.REQUEST_PAYLOAD,
        List.of(new Item.TextString(Tag.UNIQUE_IDENTIFIER, uid))));
  }

  /** The Unique Identifier of a successful answer (fails the test, with the reason, otherwise). */
  static String uid(ResponseBatchItem r) {
    assertThat(r.resultStatus()).as("%s %s", r.resultReason(), r.resultMessage()).isEqualTo(ResultStatus.SUCCESS);
    return r.responsePayload().items().stream().filter(i -> i.tag() == Tag.UNIQUE_IDENTIFIER)
        .map(i -> ((Item.TextString) i).value()).findFirst().orElseThrow();
  }

  /** Runs `keyward ARGS...` in-process, asserts exit code 0, returns what it printed. */
  static String runMain(String... args) {
    PrintStream old = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true));
    try {
      assertThat(Main.commandLine().execute(args)).as("exit code of keyward %s", String.join(" ", args)).isZero();
    } finally {
      System.setOut(old);
    }
    return out.toString();
  }
}
