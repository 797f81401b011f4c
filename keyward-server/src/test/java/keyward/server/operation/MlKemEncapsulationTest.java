package keyward.server.operation;

import static keyward.server.operation.Kmip.alg;
import static keyward.server.operation.Kmip.ok;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import keyward.kmip.message.ResponseBatchItem;
import keyward.kmip.spec.BlockCipherMode;
import keyward.kmip.spec.CryptographicAlgorithm;
import keyward.kmip.spec.CryptographicUsageMask;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.LinkType;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.ServerHarness;
import keyward.server.object.KeyBlocks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * ML-KEM encapsulation through Encrypt (public key) and decapsulation through Decrypt (private
 * key), the Keyward extension {@link KeyEncapsulation} documents: both sides end with a new
 * Symmetric Key holding the same secret, which never travels in the answers.
 */
class MlKemEncapsulationTest {
  private static final KmipVersion V = KmipVersion.V2_1;
  private final ServerHarness h = new ServerHarness();

  /** Private, public: an active ML-KEM pair whose keys may decrypt and encrypt. */
  private String[] pair(CryptographicAlgorithm a) throws Exception {
    ResponseBatchItem r = ok(h.call(V, Operation.CREATE_KEY_PAIR, CreateKeyPairHandlerTest.request(V, List.of(alg(a)),
        List.of(Kmip.mask(CryptographicUsageMask.DECRYPT)), List.of(Kmip.mask(CryptographicUsageMask.ENCRYPT)))));
    String priv = ((Item.TextString) r.responsePayload().first(Tag.PRIVATE_KEY_UNIQUE_IDENTIFIER).orElseThrow()).value();
    String pub = ((Item.TextString) r.responsePayload().first(Tag.PUBLIC_KEY_UNIQUE_IDENTIFIER).orElseThrow()).value();
    ok(Kmip.call(h, V, Operation.ACTIVATE, priv));
    ok(Kmip.call(h, V, Operation.ACTIVATE, pub));
    return new String[] {priv, pub};
  }

  private static byte[] data(ResponseBatchItem r) {
    return ((Item.ByteString) r.responsePayload().first(Tag.DATA).orElseThrow()).value();
  }

  private byte[] keyMaterial(String uid) throws Exception {
    Item.Structure key = (Item.Structure) ok(Kmip.call(h, V, Operation.GET, uid)).responsePayload()
        .first(Tag.SYMMETRIC_KEY).orElseThrow();
    return ((Item.ByteString) KeyBlocks.keyMaterial(KeyBlocks.keyBlock(key).orElseThrow()).orElseThrow()).value();
  }

  @ParameterizedTest
  @CsvSource({"ML_KEM_512, 768", "ML_KEM_768, 1088", "ML_KEM_1024, 1568"})
  void bothSidesEndWithTheSameSecret(CryptographicAlgorithm a, int encapsulationBytes) throws Exception {
    String[] ids = pair(a);
    ResponseBatchItem enc = ok(Kmip.call(h, V, Operation.ENCRYPT, ids[1]));
    String sender = Kmip.uidOf(enc);
    byte[] encapsulation = data(enc);
    assertThat(sender).isNotIn(ids[0], ids[1]);
    assertThat(encapsulation).hasSize(encapsulationBytes);
    ResponseBatchItem dec = ok(Kmip.call(h, V, Operation.DECRYPT, ids[0], new Item.ByteString(Tag.DATA, encapsulation)));
    String receiver = Kmip.uidOf(dec);
    assertThat(receiver).isNotIn(ids[0], ids[1], sender);
    assertThat(data(dec)).isEmpty(); // the secret is never in the answer
    byte[] secret = keyMaterial(sender);
    assertThat(secret).hasSize(32).isEqualTo(keyMaterial(receiver));
    assertThat(Kmip.stored(h, sender).attributes().all(Tag.LINK)).contains(link(LinkType.DERIVATION_BASE_OBJECT_LINK, ids[1]));
    assertThat(Kmip.stored(h, ids[0]).attributes().all(Tag.LINK)).contains(link(LinkType.DERIVED_KEY_LINK, receiver));
    // a second encapsulation is a new secret
    assertThat(keyMaterial(Kmip.uidOf(ok(Kmip.call(h, V, Operation.ENCRYPT, ids[1]))))).isNotEqualTo(secret);
  }

  /** The two secrets are AES-256 keys that work together: what one side encrypts the other decrypts. */
  @Test
  void theSharedKeysEncryptAndDecryptForEachOther() throws Exception {
    String[] ids = pair(CryptographicAlgorithm.ML_KEM_768);
    ResponseBatchItem enc = ok(Kmip.call(h, V, Operation.ENCRYPT, ids[1]));
    String sender = Kmip.uidOf(enc);
    String receiver = Kmip.uidOf(ok(Kmip.call(h, V, Operation.DECRYPT, ids[0], new Item.ByteString(Tag.DATA, data(enc)))));
    ok(Kmip.call(h, V, Operation.ACTIVATE, sender));
    ok(Kmip.call(h, V, Operation.ACTIVATE, receiver));
    Item gcm = new Item.Structure(Tag.CRYPTOGRAPHIC_PARAMETERS,
        new Item.Enumeration(Tag.BLOCK_CIPHER_MODE, BlockCipherMode.GCM.value()), new Item.Boolean(Tag.RANDOM_IV, true));
    byte[] message = "post-quantum hello".getBytes();
    ResponseBatchItem c = ok(Kmip.call(h, V, Operation.ENCRYPT, sender, gcm, new Item.ByteString(Tag.DATA, message)));
    ResponseBatchItem p = ok(Kmip.call(h, V, Operation.DECRYPT, receiver, gcm, new Item.ByteString(Tag.DATA, data(c)),
        c.responsePayload().first(Tag.IV_COUNTER_NONCE).orElseThrow(),
        c.responsePayload().first(Tag.AUTHENTICATED_ENCRYPTION_TAG).orElseThrow()));
    assertThat(data(p)).isEqualTo(message);
  }

  @Test
  void refusals() throws Exception {
    String[] ids = pair(CryptographicAlgorithm.ML_KEM_768);
    ResponseBatchItem withData = Kmip.call(h, V, Operation.ENCRYPT, ids[1], new Item.ByteString(Tag.DATA, new byte[] {1}));
    assertThat(withData.resultReason()).isEqualTo(ResultReason.INVALID_FIELD);
    assertThat(Kmip.call(h, V, Operation.DECRYPT, ids[0], new Item.ByteString(Tag.DATA, new byte[1087])).resultReason())
        .isEqualTo(ResultReason.INVALID_FIELD);
    assertThat(Kmip.call(h, V, Operation.DECRYPT, ids[0]).resultReason()).isEqualTo(ResultReason.INVALID_FIELD);
    // the private key does not encapsulate, the public key does not decapsulate
    assertThat(Kmip.call(h, V, Operation.ENCRYPT, ids[0]).resultReason()).isEqualTo(ResultReason.INVALID_OBJECT_TYPE);
    // a pair made to sign and verify may not encrypt or decrypt
    String[] signing = CreateKeyPairHandlerTest.createPair(h, V, alg(CryptographicAlgorithm.ML_KEM_768));
    ok(Kmip.call(h, V, Operation.ACTIVATE, signing[1]));
    assertThat(Kmip.call(h, V, Operation.ENCRYPT, signing[1]).resultReason())
        .isEqualTo(ResultReason.INCOMPATIBLE_CRYPTOGRAPHIC_USAGE_MASK);
    // nothing was stored by the refused requests: only the two pairs exist
    assertThat(Kmip.stored(h, ids[1]).attributes().all(Tag.LINK)).noneMatch(
        l -> ((Item.Structure) l).items().contains(new Item.Enumeration(Tag.LINK_TYPE, LinkType.DERIVED_KEY_LINK.value())));
  }

  /** A ciphertext not made for the key decapsulates to an unrelated secret (FIPS 203 implicit rejection). */
  @Test
  void aTamperedEncapsulationGivesAnotherSecret() throws Exception {
    String[] ids = pair(CryptographicAlgorithm.ML_KEM_768);
    ResponseBatchItem enc = ok(Kmip.call(h, V, Operation.ENCRYPT, ids[1]));
    byte[] tampered = data(enc).clone();
    tampered[0] ^= 1;
    String receiver = Kmip.uidOf(ok(Kmip.call(h, V, Operation.DECRYPT, ids[0], new Item.ByteString(Tag.DATA, tampered))));
    assertThat(keyMaterial(receiver)).hasSize(32).isNotEqualTo(keyMaterial(Kmip.uidOf(enc)));
  }

  private static Item link(LinkType t, String target) {
    return new Item.Structure(Tag.LINK, new Item.Enumeration(Tag.LINK_TYPE, t.value()),
        new Item.TextString(Tag.LINKED_OBJECT_IDENTIFIER, target));
  }
}
