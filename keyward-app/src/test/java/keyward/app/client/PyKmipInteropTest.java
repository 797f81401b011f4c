package keyward.app.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import keyward.client.AttributeValues;
import keyward.client.BatchResult;
import keyward.client.KmipClient;
import keyward.client.KmipClientException;
import keyward.client.TlsFiles;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.ObjectType;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.RevocationReasonCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Keyward's client against PyKMIP 0.10's server, an independent implementation, started by the
 * test (see {@link PyKmipServer}), for every operation both support: Discover Versions, Query,
 * Create, Register (symmetric key, secret data, opaque object, certificate), Get, Get
 * Attributes, Get Attribute List, Locate, Activate, Modify/Set/Delete Attribute, Revoke, Destroy,
 * and batches; in KMIP 1.2, 1.4 and 2.0 (PyKMIP's highest). PyKMIP has no ID Placeholder for Activate, and
 * no Add/Adjust Attribute, Check, Re-key, Archive/Recover, Obtain Lease, Get Usage Allocation or
 * Ping; its 2.0 Delete Attribute does not work (see changeAttributes).
 */
class PyKmipInteropTest {
  @TempDir static Path dir;
  static PyKmipServer pykmip;

  @BeforeAll
  static void start() throws Exception {
    pykmip = PyKmipServer.start(dir);
  }

  @AfterAll
  static void stop() throws Exception {
    if (pykmip != null) {
      pykmip.close();
    }
  }

  static KmipClient.Builder builder() throws Exception {
    Path pki = pykmip.pki;
    // PyKMIP's certificate names "localhost" (127.0.0.1 too); its identity for us is alice's CN
    return KmipClient.builder().server("localhost", pykmip.port)
        .tls(TlsFiles.pem(pki.resolve("alice.crt"), pki.resolve("alice.key"), pki.resolve("ca.crt")));
  }

  static KmipClient client(KmipVersion v) throws Exception {
    return builder().version(v).build();
  }

  @Test
  void negotiatesKmip20AndQueries() throws Exception {
    try (KmipClient c = builder().build()) {
      assertThat(c.version()).isEqualTo(KmipVersion.V2_0);
      assertThat(c.discoverVersions()).contains(KmipVersion.V2_0, KmipVersion.V1_4, KmipVersion.V1_2);
      assertThat(c.query().operations()).contains(Operation.CREATE, Operation.REGISTER, Operation.GET,
          Operation.LOCATE, Operation.DESTROY);
    }
  }

  @ParameterizedTest
  @EnumSource(names = {"V1_2", "V1_4", "V2_0"})
  void keyLifecycle(KmipVersion v) throws Exception {
    try (KmipClient c = client(v)) {
      String name = "interop-" + v + "-" + System.nanoTime();
      String id = c.createSymmetricKey("AES", 256).name(name).execute();
      byte[] key = c.get(id);
      assertThat(key).hasSize(32);
      assertThat(c.locate().name(name).objectType(ObjectType.SYMMETRIC_KEY).execute()).containsExactly(id);
      assertThat(c.getAttributes(id).display()).containsEntry("Cryptographic Algorithm", "AES")
          .containsEntry("Cryptographic Length", "256").containsEntry("State", "Pre-Active");
      assertThat(c.getAttributeList(id)).contains("Cryptographic Algorithm", "State");

      assertThatThrownBy(() -> c.revoke("no-such-" + v, RevocationReasonCode.CESSATION_OF_OPERATION, null))
          .isInstanceOf(KmipClientException.class);
      c.activate(id);
      assertThat(c.getAttributes(id, "State").display()).containsEntry("State", "Active");
      assertThatThrownBy(() -> c.destroy(id)).isInstanceOfSatisfying(KmipClientException.class,
          e -> assertThat(e.resultReason()).isNotNull());
      c.revoke(id, RevocationReasonCode.CESSATION_OF_OPERATION, "interop");
      assertThat(c.getAttributes(id, "State").display()).containsEntry("State", "Deactivated");
      c.destroy(id);
      assertThatThrownBy(() -> c.get(id)).isInstanceOfSatisfying(KmipClientException.class,
          e -> assertThat(e.resultReason()).isEqualTo(ResultReason.ITEM_NOT_FOUND));
    }
  }

  @ParameterizedTest
  @EnumSource(names = {"V1_2", "V1_4", "V2_0"})
  void registeredObjectsComeBackByteForByte(KmipVersion v) throws Exception {
    try (KmipClient c = client(v)) {
      byte[] key = new byte[16];
      for (int i = 0; i < key.length; i++) {
        key[i] = (byte) (i * 13 + 5);
      }
      String kid = c.registerSymmetricKey("AES", key).name("reg-" + v + "-" + System.nanoTime()).execute();
      assertThat(c.get(kid)).isEqualTo(key);
      byte[] secret = ("secret " + v).getBytes(StandardCharsets.UTF_8);
      String sid = c.registerSecretData(secret).execute();
      assertThat(c.get(sid)).isEqualTo(secret);
      byte[] blob = {9, 8, 7, 0, 1};
      // PyKMIP knows one Opaque Data Type, its own extension value 0x80000000 ("None")
      String oid = c.registerOpaqueObject(0x80000000, blob).execute();
      assertThat(c.get(oid)).isEqualTo(blob);
      assertThat(c.getAttributes(oid, "Object Type").display()).containsEntry("Object Type", "Opaque Object");
      byte[] der;
      try (var pem = java.nio.file.Files.newInputStream(pykmip.pki.resolve("bob.crt"))) {
        der = java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(pem).getEncoded();
      }
      String cid = c.registerCertificate(der).execute();
      assertThat(c.get(cid)).isEqualTo(der);
    }
  }

  @ParameterizedTest
  @EnumSource(names = {"V1_2", "V1_4", "V2_0"})
  void changeAttributes(KmipVersion v) throws Exception {
    try (KmipClient c = client(v)) {
      String first = "attr-" + v + "-" + System.nanoTime();
      String id = c.createSymmetricKey("AES", 128).name(first).execute();
      if (v.atLeast(KmipVersion.V2_0)) {
        // Name may have several values: 2.0 names the one to replace (PyKMIP insists)
        c.modifyAttribute(id, AttributeValues.name(first), AttributeValues.name(first + "-renamed"));
      } else {
        c.modifyAttribute(id, AttributeValues.name(first + "-renamed"));
      }
      assertThat(c.getAttributes(id, "Name").display()).containsEntry("Name", first + "-renamed");
      if (v.atLeast(KmipVersion.V2_0)) {
        // of the attributes a client may set, PyKMIP stores few: Sensitive is one
        c.setAttribute(id, AttributeValues.parse("Sensitive", "true"));
        assertThat(c.getAttributes(id, "Sensitive").display()).containsEntry("Sensitive", "true");
      }
      if (!v.atLeast(KmipVersion.V2_0)) {
        // 2.0 Delete Attribute does not work against PyKMIP 0.10: it reads an Attribute Reference
        // only as a structure (the 2.x cases send an enumeration), and a delete by Current
        // Attribute ends in its General Failure
        c.deleteAttribute(id, "Name");
        assertThat(c.getAttributes(id).display()).doesNotContainKey("Name");
      }
    }
  }

  @ParameterizedTest
  @EnumSource(names = {"V1_2", "V2_0"})
  void batchesOfItemsWithTheirOwnIdentifiers(KmipVersion v) throws Exception {
    try (KmipClient c = client(v)) {
      String a = c.createSymmetricKey("AES", 128).execute();
      String b = c.createSymmetricKey("AES", 256).execute();
      BatchResult r = c.batch().get(a).get(b).getAttributes(b, "Cryptographic Length").activate(a).execute();
      assertThat(r.succeeded()).as(r.items() + " " + r.items().stream().map(i -> String.valueOf(i.resultMessage())).toList()).isTrue();
      assertThat(r.item(0).objectBytes()).hasSize(16);
      assertThat(r.item(1).objectBytes()).hasSize(32);
      assertThat(r.item(2).attributes().display()).containsEntry("Cryptographic Length", "256");
      assertThat(r.item(3).uniqueIdentifier()).isEqualTo(a);
    }
  }
}
