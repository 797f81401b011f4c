package keyward.server.operation;

import static keyward.server.operation.Kmip.hex;
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
import keyward.kmip.spec.BlockCipherMode;
import keyward.kmip.spec.CryptographicAlgorithm;
import keyward.kmip.spec.CryptographicUsageMask;
import keyward.kmip.spec.DerivationMethod;
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

/**
 * The cryptographic operations keep key bytes to themselves: not in a log line or a Result
 * Message, even when they refuse; and wiping the request's copy of the key after use leaves the
 * stored key whole, also when the operation saved the object (Usage Limits spent).
 */
class CryptoSecrecyTest {
  private static final byte[] KEY = hex("0123456789abcdef0123456789abcdef");
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

  private static Item ecb() {
    return new Item.Structure(Tag.CRYPTOGRAPHIC_PARAMETERS,
        new Item.Enumeration(Tag.BLOCK_CIPHER_MODE, BlockCipherMode.ECB.value()));
  }

  private static Item data(String hex) {
    return new Item.ByteString(Tag.DATA, hex(hex));
  }

  @Test
  void keyBytesStayOutOfLogsAndMessagesAndTheStoredKeyStaysWhole() throws Exception {
    KmipVersion v = KmipVersion.V2_1;
    String uid = Kmip.uidOf(ok(h.call(v, Operation.REGISTER, Kmip.objectType(ObjectType.SYMMETRIC_KEY),
        Kmip.attributes(v, Kmip.mask(CryptographicUsageMask.ENCRYPT, CryptographicUsageMask.DECRYPT,
                CryptographicUsageMask.MAC_GENERATE, CryptographicUsageMask.DERIVE_KEY),
            Kmip.date(Tag.ACTIVATION_DATE, h.clock.instant()),
            new Item.Structure(Tag.USAGE_LIMITS, new Item.LongInteger(Tag.USAGE_LIMITS_TOTAL, 1000),
                new Item.Enumeration(Tag.USAGE_LIMITS_UNIT, keyward.kmip.spec.UsageLimitsUnit.BYTE.value()))),
        Kmip.rawKey(KEY, CryptographicAlgorithm.AES, 128))));
    List<ResponseBatchItem> answers = new ArrayList<>();
    // CS-BC-M-4's known answer twice: each Encrypt spends Usage Limits (saves the object) and wipes its copy
    for (int i = 0; i < 2; i++) {
      ResponseBatchItem r = ok(Kmip.call(h, v, Operation.ENCRYPT, uid, ecb(), data("01020304050607080910111213141516")));
      assertThat(r.responsePayload().first(Tag.DATA))
          .contains(new Item.ByteString(Tag.DATA, hex("d9bcce11b0b437b90239552df3a360c9")));
      answers.add(r);
    }
    assertThat(KeyBlocks.symmetricKeyBytes(KeyBlocks.keyBlock(Kmip.stored(h, uid).object()).orElseThrow()))
        .hasValueSatisfying(k -> assertThat(k).isEqualTo(KEY));
    // refusals that have the key in hand
    Item gcm = new Item.Structure(Tag.CRYPTOGRAPHIC_PARAMETERS,
        new Item.Enumeration(Tag.BLOCK_CIPHER_MODE, BlockCipherMode.GCM.value()));
    answers.add(Kmip.call(h, v, Operation.DECRYPT, uid, gcm, data("00112233"),
        new Item.ByteString(Tag.IV_COUNTER_NONCE, new byte[12]),
        new Item.ByteString(Tag.AUTHENTICATED_ENCRYPTION_TAG, new byte[16])));
    answers.add(Kmip.call(h, v, Operation.ENCRYPT, uid, ecb(), data("0102")));
    answers.add(Kmip.call(h, v, Operation.DECRYPT, uid, new Item.Structure(Tag.CRYPTOGRAPHIC_PARAMETERS,
        new Item.Enumeration(Tag.BLOCK_CIPHER_MODE, BlockCipherMode.CBC.value()),
        new Item.Enumeration(Tag.PADDING_METHOD, keyward.kmip.spec.PaddingMethod.PKCS5.value())),
        data("00112233445566778899aabbccddeeff"), new Item.ByteString(Tag.IV_COUNTER_NONCE, new byte[16])));
    answers.add(Kmip.call(h, v, Operation.MAC, uid, new Item.Structure(Tag.CRYPTOGRAPHIC_PARAMETERS,
        new Item.Enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.HMAC_MD5.value())), data("00")));
    answers.add(h.call(v, Operation.DERIVE_KEY, Kmip.objectType(ObjectType.SYMMETRIC_KEY), Kmip.uid(uid),
        new Item.Enumeration(Tag.DERIVATION_METHOD, DerivationMethod.HASH.value()),
        new Item.Structure(Tag.DERIVATION_PARAMETERS),
        Kmip.attributes(v, Kmip.alg(CryptographicAlgorithm.AES), Kmip.len(512))));
    for (ResponseBatchItem r : answers.subList(2, answers.size())) {
      assertThat(r.resultStatus()).as("refused: %s", r.resultMessage())
          .isEqualTo(keyward.kmip.spec.ResultStatus.OPERATION_FAILED);
    }
    // a Log request, so the capture is shown to work (the refusals themselves log nothing)
    ok(h.call(v, Operation.LOG, new Item.TextString(Tag.LOG_MESSAGE, "done")));
    List<String> texts = new ArrayList<>();
    for (ILoggingEvent e : logs.list) {
      texts.add(e.getFormattedMessage());
      if (e.getThrowableProxy() != null) {
        texts.add(ThrowableProxyUtil.asString(e.getThrowableProxy()));
      }
    }
    answers.forEach(r -> texts.add(String.valueOf(r.resultMessage())));
    assertThat(logs.list).as("the scenario logged something to inspect").isNotEmpty();
    for (String t : texts) {
      assertThat(t).doesNotContainIgnoringCase(HexFormat.of().formatHex(KEY));
    }
  }
}
