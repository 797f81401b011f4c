package keyward.server.operation;

import static keyward.server.operation.Kmip.ok;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Date;
import keyward.kmip.spec.CertificateType;
import keyward.kmip.spec.CryptographicAlgorithm;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.ObjectType;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.ServerHarness;
import keyward.server.crypto.Providers;
import keyward.server.object.ManagedObject;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Registering X.509 certificates of Edwards and post-quantum keys: the key's algorithm and length become attributes. */
class CertificateKeysTest {
  private final ServerHarness h = new ServerHarness();

  /** BL-M-10-21's certificate registered by a 1.4 client: the X.509 attributes come back in the 1.x shape. */
  @org.junit.jupiter.api.Test
  void x509AttributesInThe1xShape() throws Exception {
    KmipVersion v = KmipVersion.V1_4;
    Item cert = OasisRequests.payload("2.1", "BL-M-10-21.xml", Operation.REGISTER).first(Tag.CERTIFICATE).orElseThrow();
    String uid = Kmip.uidOf(ok(h.call(v, Operation.REGISTER,
        new Item.Enumeration(Tag.OBJECT_TYPE, ObjectType.CERTIFICATE.value()), Kmip.attributes(v), cert)));
    java.util.List<String> names = java.util.List.of("X.509 Certificate Identifier", "X.509 Certificate Subject",
        "X.509 Certificate Issuer", "Certificate Type", "Certificate Length", "Digital Signature Algorithm",
        "Cryptographic Algorithm", "Cryptographic Length");
    java.util.List<Item> ask = new java.util.ArrayList<>(java.util.List.of(Kmip.uid(uid)));
    names.forEach(n -> ask.add(new Item.TextString(Tag.ATTRIBUTE_NAME, n)));
    var r = ok(h.call(v, Operation.GET_ATTRIBUTES, ask.toArray(Item[]::new)));
    java.util.List<String> got = r.responsePayload().all(Tag.ATTRIBUTE).stream()
        .map(a -> ((Item.TextString) ((Item.Structure) a).first(Tag.ATTRIBUTE_NAME).orElseThrow()).value()).toList();
    assertThat(got).containsExactlyInAnyOrderElementsOf(names);
    Item subject = r.responsePayload().all(Tag.ATTRIBUTE).stream()
        .filter(a -> ((Item.Structure) a).items().contains(new Item.TextString(Tag.ATTRIBUTE_NAME, "X.509 Certificate Subject")))
        .findFirst().orElseThrow();
    assertThat(((Item.Structure) ((Item.Structure) subject).first(Tag.ATTRIBUTE_VALUE).orElseThrow())
        .first(Tag.SUBJECT_DISTINGUISHED_NAME)).isPresent();
  }

  @ParameterizedTest
  @CsvSource({"Ed25519, Ed25519, ED25519, 256", "Ed448, Ed448, ED448, 448", "ML-DSA, ML-DSA-65, ML_DSA_65, 192"})
  void certifiedKeyAttributes(String keyAlg, String params, CryptographicAlgorithm expected, int bits) throws Exception {
    // Bouncy Castle's keys, which its certificate signer takes; the server parses them with the JDK
    KeyPairGenerator g = KeyPairGenerator.getInstance(params, Providers.BC);
    KeyPair kp = g.generateKeyPair();
    X500Name name = new X500Name("CN=keyward test, O=Keyward");
    byte[] der = new JcaX509v3CertificateBuilder(name, BigInteger.TEN, new Date(1_700_000_000_000L),
        new Date(1_900_000_000_000L), name, kp.getPublic())
        .build(new JcaContentSignerBuilder(params).setProvider(Providers.BC).build(kp.getPrivate())).getEncoded();
    String uid = Kmip.uidOf(ok(h.call(KmipVersion.V2_1, Operation.REGISTER,
        new Item.Enumeration(Tag.OBJECT_TYPE, ObjectType.CERTIFICATE.value()), Kmip.attributes(KmipVersion.V2_1),
        new Item.Structure(Tag.CERTIFICATE, new Item.Enumeration(Tag.CERTIFICATE_TYPE, CertificateType.X_509.value()),
            new Item.ByteString(Tag.CERTIFICATE_VALUE, der)))));
    ManagedObject mo = Kmip.stored(h, uid);
    assertThat(mo.attributes().first(Tag.CRYPTOGRAPHIC_ALGORITHM))
        .contains(new Item.Enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, expected.value()));
    assertThat(mo.attributes().first(Tag.CRYPTOGRAPHIC_LENGTH)).contains(new Item.Integer(Tag.CRYPTOGRAPHIC_LENGTH, bits));
    assertThat(mo.attributes().first(Tag.CERTIFICATE_SUBJECT_CN))
        .contains(new Item.TextString(Tag.CERTIFICATE_SUBJECT_CN, "keyward test"));
  }
}
