package keyward.app.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import javax.naming.ldap.LdapName;
import keyward.server.transport.TlsContexts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files DevPki writes and the certificates in them. RSA key generation is slow: one PKI. */
class DevPkiTest {

  @TempDir static Path shared;
  static Path dir;
  static DevPki pki;

  @BeforeAll
  static void make() throws Exception {
    dir = shared.resolve("pki"); // not there yet: DevPki makes it
    pki = DevPki.ensure(dir);
  }

  private static X509Certificate cert(String file) throws Exception {
    List<X509Certificate> all = TlsContexts.readCertificates(dir.resolve(file));
    assertThat(all).hasSize(1);
    return all.getFirst();
  }

  private static String cn(X509Certificate c) throws Exception {
    return new LdapName(c.getSubjectX500Principal().getName()).getRdns().stream()
        .filter(r -> r.getType().equalsIgnoreCase("CN")).findFirst().orElseThrow()
        .getValue().toString();
  }

  @Test
  void writesEveryFileWithPrivateOnesOwnerOnly() throws Exception {
    assertThat(pki.created()).isTrue();
    for (String f : List.of("ca.pem", "ca.key", "server.pem", "server.key", "client.pem",
        "client.key", "client.p12", "client.p12.password")) {
      assertThat(dir.resolve(f)).isRegularFile().isNotEmptyFile();
    }
    for (String f : List.of("ca.key", "server.key", "client.key", "client.p12",
        "client.p12.password")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(f))))
          .as(f).isEqualTo("rw-------");
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
        .isEqualTo("rwx------");
    assertThat(Files.readString(dir.resolve("server.key"))).startsWith("-----BEGIN PRIVATE KEY-----");
    assertThat(Files.readString(dir.resolve("client.key"))).startsWith("-----BEGIN PRIVATE KEY-----");
  }

  @Test
  void chainsVerifyAgainstTheCa() throws Exception {
    X509Certificate ca = cert("ca.pem");
    assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
    assertThat(ca.getKeyUsage()[5]).as("keyCertSign").isTrue();
    CertificateFactory cf = CertificateFactory.getInstance("X.509");
    PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
    params.setRevocationEnabled(false);
    for (String f : List.of("server.pem", "client.pem")) {
      X509Certificate leaf = cert(f);
      CertPathValidator.getInstance("PKIX")
          .validate(cf.generateCertPath(List.of(leaf)), params); // throws if it does not chain
      assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
    }
    assertThat(cert("server.pem").getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
    assertThat(cert("client.pem").getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
  }

  @Test
  void serverCertificateNamesThisMachineAndHasAnRsaKey() throws Exception {
    X509Certificate server = cert("server.pem");
    List<String> dns = new ArrayList<>();
    List<InetAddress> ips = new ArrayList<>();
    for (List<?> san : server.getSubjectAlternativeNames()) {
      switch ((Integer) san.get(0)) {
        case 2 -> dns.add((String) san.get(1));
        case 7 -> ips.add(InetAddress.getByName((String) san.get(1)));
        default -> throw new AssertionError("unexpected SAN " + san);
      }
    }
    assertThat(dns).containsExactly("localhost");
    assertThat(ips).containsExactlyInAnyOrder(InetAddress.getByName("127.0.0.1"),
        InetAddress.getByName("::1"));
    assertThat(server.getPublicKey()).isInstanceOf(RSAPublicKey.class);
    assertThat(((RSAPublicKey) server.getPublicKey()).getModulus().bitLength()).isEqualTo(2048);
    assertThat(cn(server)).isEqualTo("localhost");
  }

  @Test
  void validityIsTenYearsForTheCaAndTwoForLeaves() throws Exception {
    assertThat(days(cert("ca.pem"))).isBetween(3650L, 3654L);
    assertThat(days(cert("server.pem"))).isBetween(729L, 731L);
    assertThat(days(cert("client.pem"))).isBetween(729L, 731L);
  }

  private static long days(X509Certificate c) {
    return Duration.between(c.getNotBefore().toInstant(), c.getNotAfter().toInstant()).toDays();
  }

  @Test
  void clientCertificateAndPkcs12CarryTheClientIdentity() throws Exception {
    assertThat(cn(cert("client.pem"))).isEqualTo("keyward-admin");
    KeyStore p12 = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(pki.clientPkcs12())) {
      p12.load(in, pki.clientPkcs12Password());
    }
    String alias = p12.aliases().nextElement();
    assertThat(p12.isKeyEntry(alias)).isTrue();
    assertThat(p12.getCertificate(alias)).isEqualTo(cert("client.pem"));
    assertThat(p12.getCertificateChain(alias)).hasSize(2);
    assertThat(pki.clientPkcs12Password()).hasSizeGreaterThanOrEqualTo(20);
  }

  @Test
  void aSecondCallReusesTheFiles() throws Exception {
    byte[] caBefore = Files.readAllBytes(dir.resolve("ca.pem"));
    byte[] keyBefore = Files.readAllBytes(dir.resolve("server.key"));
    var modified = Files.getLastModifiedTime(dir.resolve("client.p12"));
    DevPki again = DevPki.ensure(dir, "someone-else");
    assertThat(again.created()).isFalse();
    assertThat(Files.readAllBytes(dir.resolve("ca.pem"))).isEqualTo(caBefore);
    assertThat(Files.readAllBytes(dir.resolve("server.key"))).isEqualTo(keyBefore);
    assertThat(Files.getLastModifiedTime(dir.resolve("client.p12"))).isEqualTo(modified);
    assertThat(cn(cert("client.pem"))).isEqualTo("keyward-admin");
  }

  @Test
  void theClientCnIsConfigurable(@TempDir Path other) throws Exception {
    DevPki p = DevPki.ensure(other, "backup-agent");
    Collection<? extends java.security.cert.Certificate> c;
    try (InputStream in = Files.newInputStream(p.clientCertificate())) {
      c = CertificateFactory.getInstance("X.509").generateCertificates(in);
    }
    assertThat(cn((X509Certificate) c.iterator().next())).isEqualTo("backup-agent");
  }

  @Test
  void anIncompleteDirectoryIsNotSilentlyReplaced(@TempDir Path other) throws Exception {
    DevPki.ensure(other);
    Files.delete(other.resolve("server.key"));
    byte[] ca = Files.readAllBytes(other.resolve("ca.pem"));
    assertThatThrownBy(() -> DevPki.ensure(other)).isInstanceOf(IOException.class)
        .hasMessageContaining("incomplete").hasMessageContaining("server.key");
    assertThat(other.resolve("server.key")).doesNotExist();
    assertThat(Files.readAllBytes(other.resolve("ca.pem"))).isEqualTo(ca);
  }

  @Test
  void aKeyReadableByOthersIsRefusedOnReuse(@TempDir Path other) throws Exception {
    DevPki.ensure(other);
    Files.setPosixFilePermissions(other.resolve("client.key"),
        PosixFilePermissions.fromString("rw-r--r--"));
    assertThatThrownBy(() -> DevPki.ensure(other)).isInstanceOf(IOException.class)
        .hasMessageContaining("client.key").hasMessageContaining("chmod 600");
  }
}
