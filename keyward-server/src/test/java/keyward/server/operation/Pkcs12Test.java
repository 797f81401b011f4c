package keyward.server.operation;

import static keyward.server.operation.Kmip.alg;
import static keyward.server.operation.Kmip.len;
import static keyward.server.operation.Kmip.mask;
import static keyward.server.operation.Kmip.ok;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import keyward.kmip.message.ResponseBatchItem;
import keyward.kmip.spec.CryptographicAlgorithm;
import keyward.kmip.spec.CryptographicUsageMask;
import keyward.kmip.spec.KeyFormatType;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.LinkType;
import keyward.kmip.spec.ObjectType;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.SecretDataType;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.ServerHarness;
import keyward.server.object.AsymmetricKeyBlocks;
import keyward.server.object.KeyBlocks;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Private keys as PKCS#12 (1.4+), as TC-PKCS12-1-14 exchanges them: the password in a Secret Data
 * named by the key's PKCS#12 Password Link, the chain through certificate links. Checked by
 * opening the PFX with the JDK's PKCS12 KeyStore.
 */
class Pkcs12Test {
  private static final String PASSWORD = "correct horse battery staple";
  private final ServerHarness h = new ServerHarness();

  private String secret(KmipVersion v, String password) throws Exception {
    return Kmip.uidOf(ok(h.call(v, Operation.REGISTER, Kmip.objectType(ObjectType.SECRET_DATA), Kmip.attributes(v),
        new Item.Structure(Tag.SECRET_DATA, new Item.Enumeration(Tag.SECRET_DATA_TYPE, SecretDataType.PASSWORD.value()),
            new Item.Structure(Tag.KEY_BLOCK, new Item.Enumeration(Tag.KEY_FORMAT_TYPE, KeyFormatType.OPAQUE.value()),
                new Item.Structure(Tag.KEY_VALUE,
                    new Item.ByteString(Tag.KEY_MATERIAL, password.getBytes(StandardCharsets.UTF_8))))))));
  }

  /** A pair whose private key carries the given attributes; returns {private, public}. */
  private String[] pair(KmipVersion v, List<Item> privateAttributes, CryptographicUsageMask... usage) throws Exception {
    List<Item> priv = new ArrayList<>(privateAttributes);
    priv.add(mask(usage));
    ResponseBatchItem r = ok(h.call(v, Operation.CREATE_KEY_PAIR, CreateKeyPairHandlerTest.request(v,
        List.of(alg(CryptographicAlgorithm.RSA), len(2048)), priv, List.of(mask(CryptographicUsageMask.VERIFY)))));
    return new String[] {text(r, Tag.PRIVATE_KEY_UNIQUE_IDENTIFIER), text(r, Tag.PUBLIC_KEY_UNIQUE_IDENTIFIER)};
  }

  private static String text(ResponseBatchItem r, int tag) {
    return ((Item.TextString) r.responsePayload().first(tag).orElseThrow()).value();
  }

  private byte[] certificateValue(KmipVersion v, String uid) throws Exception {
    Item.Structure c = (Item.Structure) ok(Kmip.call(h, v, Operation.GET, uid)).responsePayload()
        .first(Tag.CERTIFICATE).orElseThrow();
    return ((Item.ByteString) c.first(Tag.CERTIFICATE_VALUE).orElseThrow()).value();
  }

  private ResponseBatchItem getPkcs12(KmipVersion v, String uid) throws Exception {
    return Kmip.call(h, v, Operation.GET, uid, new Item.Enumeration(Tag.KEY_FORMAT_TYPE, KeyFormatType.PKCS_12.value()));
  }

  private static byte[] pfx(ResponseBatchItem r) {
    Item.Structure block = (Item.Structure) ((Item.Structure) r.responsePayload().first(Tag.PRIVATE_KEY).orElseThrow())
        .first(Tag.KEY_BLOCK).orElseThrow();
    assertThat(block.first(Tag.KEY_FORMAT_TYPE))
        .contains(new Item.Enumeration(Tag.KEY_FORMAT_TYPE, KeyFormatType.PKCS_12.value()));
    return ((Item.ByteString) block.first(Tag.KEY_VALUE).orElseThrow()).value();
  }

  private static KeyStore open(byte[] pfx, String password) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(new ByteArrayInputStream(pfx), password.toCharArray());
    return ks;
  }

  @ParameterizedTest
  @EnumSource(names = {"V1_4", "V2_1"})
  void getAsPkcs12ThenRegisterItBack(KmipVersion v) throws Exception {
    String password = secret(v, PASSWORD);
    // a CA and a leaf certified here: the chain is found through the public key's Certificate Link
    String[] ca = pair(v, List.of(), CryptographicUsageMask.SIGN, CryptographicUsageMask.CERTIFICATE_SIGN);
    ok(Kmip.call(h, v, Operation.ACTIVATE, ca[0]));
    String root = Kmip.uidOf(ok(Kmip.call(h, v, Operation.CERTIFY, ca[1],
        Kmip.attributes(v, KeyPairs.link(LinkType.PRIVATE_KEY_LINK, ca[0])))));
    String[] leaf = pair(v, List.of(KeyPairs.link(LinkType.PKCS_12_PASSWORD_LINK, password),
        new Item.TextString(Tag.PKCS_12_FRIENDLY_NAME, "device key")), CryptographicUsageMask.SIGN);
    String leafCert = Kmip.uidOf(ok(Kmip.call(h, v, Operation.CERTIFY, leaf[1], Kmip.attributes(v,
        KeyPairs.link(LinkType.PRIVATE_KEY_LINK, ca[0]), KeyPairs.link(LinkType.CERTIFICATE_LINK, root)))));

    byte[] pfx = pfx(ok(getPkcs12(v, leaf[0])));
    KeyStore ks = open(pfx, PASSWORD);
    assertThat(Collections.list(ks.aliases())).containsExactly("device key");
    Key key = ks.getKey("device key", PASSWORD.toCharArray());
    byte[] stored = AsymmetricKeyBlocks.privateKey(KeyBlocks.keyBlock(Kmip.stored(h, leaf[0]).object()).orElseThrow())
        .getEncoded();
    assertThat(key.getEncoded()).isEqualTo(stored);
    Certificate[] chain = ks.getCertificateChain("device key");
    assertThat(chain).hasSize(2);
    assertThat(chain[0].getEncoded()).isEqualTo(certificateValue(v, leafCert));
    assertThat(chain[1].getEncoded()).isEqualTo(certificateValue(v, root));
    // the wrong password does not open it
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> open(pfx, "wrong")).isInstanceOf(java.io.IOException.class);

    // Register it back: kept as PKCS#8, the certificates registered and linked, the same PFX contents from Get
    Item.Structure registered = new Item.Structure(Tag.PRIVATE_KEY, new Item.Structure(Tag.KEY_BLOCK,
        new Item.Enumeration(Tag.KEY_FORMAT_TYPE, KeyFormatType.PKCS_12.value()), new Item.ByteString(Tag.KEY_VALUE, pfx)));
    String copy = Kmip.uidOf(ok(h.call(v, Operation.REGISTER, Kmip.objectType(ObjectType.PRIVATE_KEY),
        Kmip.attributes(v, KeyPairs.link(LinkType.PKCS_12_PASSWORD_LINK, password)), registered)));
    var block = KeyBlocks.keyBlock(Kmip.stored(h, copy).object()).orElseThrow();
    assertThat(KeyBlocks.format(block)).contains(KeyFormatType.PKCS_8);
    assertThat(AsymmetricKeyBlocks.privateKey(block).getEncoded()).isEqualTo(stored);
    assertThat(Kmip.stored(h, copy).attributes().first(Tag.CRYPTOGRAPHIC_ALGORITHM)).contains(alg(CryptographicAlgorithm.RSA));
    String firstCert = ReCertifyHandler.link(Kmip.stored(h, copy), LinkType.PKCS_12_CERTIFICATE_LINK).orElseThrow();
    assertThat(certificateValue(v, firstCert)).isEqualTo(chain[0].getEncoded());
    String secondCert = ReCertifyHandler.link(Kmip.stored(h, firstCert), LinkType.PKCS_12_CERTIFICATE_LINK).orElseThrow();
    assertThat(certificateValue(v, secondCert)).isEqualTo(chain[1].getEncoded());
    KeyStore again = open(pfx(ok(getPkcs12(v, copy))), PASSWORD);
    String alias = Collections.list(again.aliases()).getFirst();
    assertThat(again.getCertificateChain(alias)).containsExactly(chain);

    // a PFX that the linked password does not open, or no password link: Invalid Field
    String other = secret(v, "another password");
    assertThat(h.call(v, Operation.REGISTER, Kmip.objectType(ObjectType.PRIVATE_KEY),
        Kmip.attributes(v, KeyPairs.link(LinkType.PKCS_12_PASSWORD_LINK, other)), registered).resultReason())
        .isEqualTo(ResultReason.INVALID_FIELD);
    assertThat(h.call(v, Operation.REGISTER, Kmip.objectType(ObjectType.PRIVATE_KEY), Kmip.attributes(v), registered)
        .resultReason()).isEqualTo(ResultReason.INVALID_FIELD);
    // a Register refused after the PFX opened (a Name already taken) registers none of its certificates
    int certificates = certificateCount();
    assertThat(h.call(v, Operation.REGISTER, Kmip.objectType(ObjectType.PRIVATE_KEY), Kmip.attributes(v,
        KeyPairs.link(LinkType.PKCS_12_PASSWORD_LINK, password), Kmip.name("taken")), registered).resultStatus())
        .isEqualTo(keyward.kmip.spec.ResultStatus.SUCCESS);
    assertThat(certificateCount()).isEqualTo(certificates + 2);
    assertThat(h.call(v, Operation.REGISTER, Kmip.objectType(ObjectType.PRIVATE_KEY), Kmip.attributes(v,
        KeyPairs.link(LinkType.PKCS_12_PASSWORD_LINK, password), Kmip.name("taken")), registered).resultStatus())
        .isEqualTo(keyward.kmip.spec.ResultStatus.OPERATION_FAILED);
    assertThat(certificateCount()).isEqualTo(certificates + 2);
  }

  private int certificateCount() throws Exception {
    return ok(h.call(KmipVersion.V2_1, Operation.LOCATE, new Item.Structure(Tag.ATTRIBUTES,
        new Item.Enumeration(Tag.OBJECT_TYPE, ObjectType.CERTIFICATE.value())))).responsePayload()
        .all(Tag.UNIQUE_IDENTIFIER).size();
  }

  /** Where a PKCS#12 cannot be made: Key Format Type Not Supported, with the reason in the message. */
  @ParameterizedTest
  @EnumSource(names = {"V1_4", "V2_1"})
  void refusals(KmipVersion v) throws Exception {
    String password = secret(v, PASSWORD);
    // no certificate for the key
    String[] lone = pair(v, List.of(KeyPairs.link(LinkType.PKCS_12_PASSWORD_LINK, password)), CryptographicUsageMask.SIGN);
    ResponseBatchItem r = getPkcs12(v, lone[0]);
    assertThat(r.resultReason()).isEqualTo(ResultReason.KEY_FORMAT_TYPE_NOT_SUPPORTED);
    assertThat(r.resultMessage()).contains("certificate");
    // no password link
    String[] noPassword = pair(v, List.of(), CryptographicUsageMask.SIGN, CryptographicUsageMask.CERTIFICATE_SIGN);
    ok(Kmip.call(h, v, Operation.ACTIVATE, noPassword[0]));
    ok(Kmip.call(h, v, Operation.CERTIFY, noPassword[1],
        Kmip.attributes(v, KeyPairs.link(LinkType.PRIVATE_KEY_LINK, noPassword[0]))));
    r = getPkcs12(v, noPassword[0]);
    assertThat(r.resultReason()).isEqualTo(ResultReason.KEY_FORMAT_TYPE_NOT_SUPPORTED);
    assertThat(r.resultMessage()).contains("Password Link");
    // a public key is not served as PKCS#12
    assertThat(getPkcs12(v, lone[1]).resultReason()).isEqualTo(ResultReason.KEY_FORMAT_TYPE_NOT_SUPPORTED);
  }
}
