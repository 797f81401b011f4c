package keyward.server.operation;

import static keyward.server.operation.Kmip.ok;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import keyward.kmip.message.ResponseBatchItem;
import keyward.kmip.spec.CryptographicAlgorithm;
import keyward.kmip.spec.KeyFormatType;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.ObjectType;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.ServerHarness;
import keyward.server.object.KeyBlocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Key bytes never appear in a log line, a Result Message or a toString. */
class KeySecrecyTest {
  private final ServerHarness h = new ServerHarness();
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private Level was;

  @BeforeEach
  void capture() {
    was = root.getLevel();
    root.setLevel(Level.DEBUG);
    logs.start();
    root.addAppender(logs);
  }

  @AfterEach
  void release() {
    root.detachAppender(logs);
    root.setLevel(was);
  }

  @Test
  void keyBytesStayOutOfLogsMessagesAndToString() throws Exception {
    byte[] registered = Kmip.hex("5ec7e75ec7e75ec7e75ec7e75ec7e75e");
    List<ResponseBatchItem> answers = new ArrayList<>();
    String reg = Kmip.uidOf(ok(h.call(KmipVersion.V2_1, Operation.REGISTER, Kmip.objectType(ObjectType.SYMMETRIC_KEY),
        Kmip.attributes(KmipVersion.V2_1), Kmip.rawKey(registered, CryptographicAlgorithm.AES, 128))));
    String created = Kmip.createAes(h, KmipVersion.V1_4);
    byte[] generated = KeyBlocks.symmetricKeyBytes(KeyBlocks.keyBlock(Kmip.stored(h, created).object()).orElseThrow())
        .orElseThrow();
    // refusals that look at the key: wrong length, wrong format, then a re-key and a destroy
    answers.add(h.call(KmipVersion.V2_1, Operation.REGISTER, Kmip.objectType(ObjectType.SYMMETRIC_KEY),
        Kmip.attributes(KmipVersion.V2_1), Kmip.rawKey(registered, CryptographicAlgorithm.AES, 256)));
    answers.add(Kmip.call(h, KmipVersion.V2_1, Operation.GET, reg,
        new Item.Enumeration(Tag.KEY_FORMAT_TYPE, KeyFormatType.PKCS_1.value())));
    answers.add(Kmip.call(h, KmipVersion.V1_4, Operation.GET, created));
    answers.add(Kmip.call(h, KmipVersion.V1_4, Operation.RE_KEY, created));
    answers.add(Kmip.call(h, KmipVersion.V2_1, Operation.DESTROY, reg));
    answers.add(h.call(KmipVersion.V2_1, Operation.LOG, new Item.TextString(Tag.LOG_MESSAGE, "done")));

    List<String> secrets = List.of(HexFormat.of().formatHex(registered), HexFormat.of().formatHex(generated),
        HexFormat.of().withUpperCase().formatHex(registered));
    List<String> texts = new ArrayList<>();
    for (ILoggingEvent e : logs.list) {
      texts.add(e.getFormattedMessage());
      if (e.getThrowableProxy() != null) {
        texts.add(ThrowableProxyUtil.asString(e.getThrowableProxy()));
      }
    }
    for (ResponseBatchItem r : answers) {
      texts.add(String.valueOf(r.resultMessage()));
      texts.add(String.valueOf(r.responsePayload()));
    }
    texts.add(Kmip.stored(h, created).toString());
    texts.add(Kmip.stored(h, created).object().toString());
    assertThat(logs.list).as("the scenario logged something to inspect").isNotEmpty();
    for (String t : texts) {
      for (String s : secrets) {
        assertThat(t).doesNotContainIgnoringCase(s);
      }
    }
  }
}
