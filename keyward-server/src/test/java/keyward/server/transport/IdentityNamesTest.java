package keyward.server.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.Test;

class IdentityNamesTest {

  private static X509Certificate cert(String subject, GeneralName... san) throws Exception {
    return Fixture.CA.issue(subject, TestPki.ec(), KeyPurposeId.id_kp_clientAuth,
        san.length == 0 ? null : new GeneralNames(san)).cert();
  }

  @Test
  void commonName() throws Exception {
    assertThat(IdentityNames.name(cert("C=FR,O=Acme,CN=backup-agent"), IdentityField.COMMON_NAME))
        .isEqualTo("backup-agent");
  }

  @Test
  void commonNameIsTakenUnescaped() throws Exception {
    assertThat(IdentityNames.name(cert("O=Acme,CN=Doe\\, Jane"), IdentityField.COMMON_NAME))
        .isEqualTo("Doe, Jane");
  }

  @Test
  void aSubjectWithoutCommonNameHasNoIdentity() throws Exception {
    assertThatThrownBy(() -> IdentityNames.name(cert("O=Acme,OU=ops"), IdentityField.COMMON_NAME))
        .isInstanceOf(IdentityNames.NoIdentityException.class)
        .hasMessageContaining("no Common Name");
  }

  @Test
  void twoCommonNamesAreAmbiguousAndRefused() throws Exception {
    assertThatThrownBy(
        () -> IdentityNames.name(cert("O=Acme,CN=alice,CN=admin"), IdentityField.COMMON_NAME))
        .isInstanceOf(IdentityNames.NoIdentityException.class)
        .hasMessageContaining("2 Common Names");
  }

  @Test
  void subjectDnInRfc2253Form() throws Exception {
    assertThat(IdentityNames.name(cert("C=FR,O=Acme,CN=agent"), IdentityField.SUBJECT_DN))
        .isEqualTo("CN=agent,O=Acme,C=FR");
  }

  @Test
  void subjectAltNamesByType() throws Exception {
    X509Certificate c = cert("CN=agent",
        new GeneralName(GeneralName.iPAddress, "10.0.0.1"),
        new GeneralName(GeneralName.dNSName, "agent.example"),
        new GeneralName(GeneralName.rfc822Name, "agent@example.org"),
        new GeneralName(GeneralName.uniformResourceIdentifier, "spiffe://example.org/agent"));
    assertThat(IdentityNames.name(c, IdentityField.SAN_DNS)).isEqualTo("agent.example");
    assertThat(IdentityNames.name(c, IdentityField.SAN_EMAIL)).isEqualTo("agent@example.org");
    assertThat(IdentityNames.name(c, IdentityField.SAN_URI))
        .isEqualTo("spiffe://example.org/agent");
  }

  @Test
  void aMissingSubjectAltNameHasNoIdentity() throws Exception {
    X509Certificate c = cert("CN=agent", new GeneralName(GeneralName.dNSName, "agent.example"));
    assertThatThrownBy(() -> IdentityNames.name(c, IdentityField.SAN_URI))
        .isInstanceOf(IdentityNames.NoIdentityException.class)
        .hasMessageContaining("uniformResourceIdentifier");
    assertThatThrownBy(() -> IdentityNames.name(cert("CN=x"), IdentityField.SAN_EMAIL))
        .isInstanceOf(IdentityNames.NoIdentityException.class);
  }
}
