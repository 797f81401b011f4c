package keyward.app.pki;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.net.ssl.SSLContext;
import keyward.server.transport.TlsContexts;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A development PKI, so a fresh checkout can serve KMIP over mutual TLS with no setup: on the
 * first call it makes, in one directory, a CA, a server certificate for this machine and one
 * client certificate; on later calls it reuses them.
 *
 * <p>Files (PEM unless said otherwise; "0600" = owner read/write only):
 *
 * <ul>
 *   <li>{@code ca.pem}, {@code ca.key} (0600): the CA, RSA 3072, 10 years. Its key is kept so
 *       more client certificates can be issued later from the same CA.
 *   <li>{@code server.pem}, {@code server.key} (0600): RSA 2048 (PyKMIP offers only
 *       ECDHE-RSA / RSA suites, JAVA-STACK.md §8), 2 years, serverAuth, subjectAltName
 *       localhost, 127.0.0.1 and ::1.
 *   <li>{@code client.pem}, {@code client.key} (0600): RSA 2048, 2 years, clientAuth, CN as
 *       given (default {@value #DEFAULT_CLIENT_CN}).
 *   <li>{@code client.p12} (0600): the client key and chain as PKCS#12, protected by a random
 *       password stored beside it in {@code client.p12.password} (0600). There is no fixed
 *       password.
 * </ul>
 *
 * <p>Private keys are PKCS#8 ("PRIVATE KEY"), unencrypted and protected by their file mode,
 * since the server starts unattended. This is for development and tests: a production server
 * uses certificates from the operator's own CA.
 */
public final class DevPki {

  public static final String DEFAULT_CLIENT_CN = "keyward-admin";
  public static final Duration CA_VALIDITY = Duration.ofDays(3652);
  public static final Duration LEAF_VALIDITY = Duration.ofDays(730);

  public static final String CA_CERT = "ca.pem";
  public static final String CA_KEY = "ca.key";
  public static final String SERVER_CERT = "server.pem";
  public static final String SERVER_KEY = "server.key";
  public static final String CLIENT_CERT = "client.pem";
  public static final String CLIENT_KEY = "client.key";
  public static final String CLIENT_P12 = "client.p12";
  public static final String CLIENT_P12_PASSWORD = "client.p12.password";

  private static final List<String> ALL = List.of(CA_CERT, CA_KEY, SERVER_CERT, SERVER_KEY,
      CLIENT_CERT, CLIENT_KEY, CLIENT_P12, CLIENT_P12_PASSWORD);
  private static final List<String> SECRET = List.of(CA_KEY, SERVER_KEY, CLIENT_KEY, CLIENT_P12,
      CLIENT_P12_PASSWORD);
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path dir;
  private final boolean created;

  private DevPki(Path dir, boolean created) {
    this.dir = dir;
    this.created = created;
  }

  /** {@link #ensure(Path, String)} with the client CN {@value #DEFAULT_CLIENT_CN}. */
  public static DevPki ensure(Path dir) throws IOException, GeneralSecurityException {
    return ensure(dir, DEFAULT_CLIENT_CN);
  }

  /**
   * Makes the PKI in {@code dir} unless it is there already, in which case it is checked and
   * reused: nothing is regenerated, and {@code clientCn} is ignored.
   *
   * @throws IOException when the directory holds only some of the files (a half-made or
   *     half-deleted PKI is not silently replaced: its keys may be in use), when a private key
   *     file is readable by others, or when a certificate has expired
   */
  public static synchronized DevPki ensure(Path dir, String clientCn)
      throws IOException, GeneralSecurityException {
    Objects.requireNonNull(clientCn, "clientCn");
    if (clientCn.isBlank()) {
      throw new IllegalArgumentException("client CN must not be blank");
    }
    List<String> present = new ArrayList<>();
    for (String f : ALL) {
      if (Files.exists(dir.resolve(f))) {
        present.add(f);
      }
    }
    if (present.size() == ALL.size()) {
      DevPki pki = new DevPki(dir, false);
      pki.check();
      return pki;
    }
    if (!present.isEmpty()) {
      throw new IOException("incomplete development PKI in " + dir + ": has " + present
          + " but not all of " + ALL + "; remove those files to make a new one");
    }
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir, ownerOnlyDirectory());
    }
    new Generator(dir, clientCn).run();
    return new DevPki(dir, true);
  }

  /** Whether this call made the files (false: they were there and are reused). */
  public boolean created() {
    return created;
  }

  public Path directory() {
    return dir;
  }

  public Path caCertificate() {
    return dir.resolve(CA_CERT);
  }

  public Path serverCertificate() {
    return dir.resolve(SERVER_CERT);
  }

  public Path serverKey() {
    return dir.resolve(SERVER_KEY);
  }

  public Path clientCertificate() {
    return dir.resolve(CLIENT_CERT);
  }

  public Path clientKey() {
    return dir.resolve(CLIENT_KEY);
  }

  public Path clientPkcs12() {
    return dir.resolve(CLIENT_P12);
  }

  public Path clientPkcs12PasswordFile() {
    return dir.resolve(CLIENT_P12_PASSWORD);
  }

  /** The password of {@code client.p12}, read from its file. */
  public char[] clientPkcs12Password() throws IOException {
    return Files.readString(clientPkcs12PasswordFile(), StandardCharsets.US_ASCII).strip()
        .toCharArray();
  }

  /** The server's TLS context: server.pem and server.key, accepting clients of ca.pem. */
  public SSLContext serverContext() throws IOException, GeneralSecurityException {
    return TlsContexts.serverFromPem(serverCertificate(), serverKey(), caCertificate());
  }

  /** A client's TLS context: client.p12, trusting servers of ca.pem. */
  public SSLContext clientContext() throws IOException, GeneralSecurityException {
    return TlsContexts.clientFromPkcs12(clientPkcs12(), clientPkcs12Password(), caCertificate());
  }

  /** Reuse check: secrets not exposed, certificates parse and are in date. */
  private void check() throws IOException, GeneralSecurityException {
    if (posix()) {
      for (String f : SECRET) {
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(dir.resolve(f));
        if (!OWNER_ONLY.containsAll(perms)) {
          throw new IOException(dir.resolve(f) + " is readable by others ("
              + PosixFilePermissions.toString(perms) + "); chmod 600 it");
        }
      }
    }
    for (String f : List.of(CA_CERT, SERVER_CERT, CLIENT_CERT)) {
      X509Certificate c = TlsContexts.readCertificates(dir.resolve(f)).getFirst();
      try {
        c.checkValidity();
      } catch (CertificateExpiredException | CertificateNotYetValidException e) {
        throw new IOException(dir.resolve(f) + " is not valid now (" + c.getNotBefore() + " to "
            + c.getNotAfter() + "); remove the PKI files in " + dir + " to make a new one");
      }
    }
  }

  private static boolean posix() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }

  private static FileAttribute<?>[] ownerOnlyDirectory() {
    return posix()
        ? new FileAttribute<?>[] {
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))}
        : new FileAttribute<?>[0];
  }

  /** Makes the keys and certificates and writes them, secrets first and certificates last. */
  private static final class Generator {
    private final Path dir;
    private final String clientCn;
    private final Instant now = Instant.now();
    private final JcaX509ExtensionUtils ext;

    Generator(Path dir, String clientCn) throws GeneralSecurityException {
      this.dir = dir;
      this.clientCn = clientCn;
      this.ext = new JcaX509ExtensionUtils();
    }

    void run() throws IOException, GeneralSecurityException {
      try {
        KeyPair caKeys = rsa(3072);
        // A random suffix, so two developers' CAs never share a name in one trust store.
        byte[] id = new byte[4];
        RANDOM.nextBytes(id);
        X500Name caName = name("Keyward Development CA " + HexFormat.of().formatHex(id));
        X509Certificate ca = ca(caName, caKeys);

        KeyPair serverKeys = rsa(2048);
        X509Certificate server = leaf(ca, caKeys.getPrivate(), name("localhost"), serverKeys,
            KeyPurposeId.id_kp_serverAuth, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                new GeneralName(GeneralName.iPAddress, "::1")}));

        KeyPair clientKeys = rsa(2048);
        X509Certificate client = leaf(ca, caKeys.getPrivate(), name(clientCn), clientKeys,
            KeyPurposeId.id_kp_clientAuth, null);

        char[] password = password();
        writeSecret(CA_KEY, pkcs8(caKeys.getPrivate()));
        writeSecret(SERVER_KEY, pkcs8(serverKeys.getPrivate()));
        writeSecret(CLIENT_KEY, pkcs8(clientKeys.getPrivate()));
        writeSecret(CLIENT_P12_PASSWORD, new String(password).getBytes(StandardCharsets.US_ASCII));
        writeSecret(CLIENT_P12, pkcs12(clientKeys.getPrivate(), List.of(client, ca), password));
        writePublic(SERVER_CERT, pem(server));
        writePublic(CLIENT_CERT, pem(client));
        writePublic(CA_CERT, pem(ca));
      } catch (OperatorCreationException | CertIOException e) {
        throw new GeneralSecurityException("cannot issue a development certificate", e);
      }
    }

    private static KeyPair rsa(int bits) throws GeneralSecurityException {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(bits, RANDOM);
      return g.generateKeyPair();
    }

    private static X500Name name(String cn) {
      return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, cn).build();
    }

    private static char[] password() {
      byte[] b = new byte[18];
      RANDOM.nextBytes(b);
      return Base64.getUrlEncoder().withoutPadding().encodeToString(b).toCharArray();
    }

    private X509Certificate ca(X500Name name, KeyPair keys)
        throws GeneralSecurityException, OperatorCreationException, CertIOException {
      X509v3CertificateBuilder b = builder(name, name, keys, CA_VALIDITY);
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
      b.addExtension(Extension.keyUsage, true,
          new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      b.addExtension(Extension.subjectKeyIdentifier, false,
          ext.createSubjectKeyIdentifier(keys.getPublic()));
      return sign(b, keys.getPrivate());
    }

    private X509Certificate leaf(X509Certificate ca, PrivateKey caKey, X500Name subject,
        KeyPair keys, KeyPurposeId purpose, GeneralNames san)
        throws GeneralSecurityException, OperatorCreationException, CertIOException {
      X509v3CertificateBuilder b = builder(
          X500Name.getInstance(ca.getSubjectX500Principal().getEncoded()), subject, keys,
          LEAF_VALIDITY);
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      // keyEncipherment: the TLS_RSA_* suites KMIP 1.x names encrypt the premaster to this key.
      b.addExtension(Extension.keyUsage, true,
          new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
      b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
      b.addExtension(Extension.subjectKeyIdentifier, false,
          ext.createSubjectKeyIdentifier(keys.getPublic()));
      b.addExtension(Extension.authorityKeyIdentifier, false,
          ext.createAuthorityKeyIdentifier(ca));
      if (san != null) {
        b.addExtension(Extension.subjectAlternativeName, false, san);
      }
      return sign(b, caKey);
    }

    private X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keys,
        Duration validity) {
      // An hour back, so a client whose clock is a little behind still accepts a new cert.
      Instant from = now.minus(Duration.ofHours(1));
      BigInteger serial = new BigInteger(127, RANDOM).setBit(126); // positive, 16 bytes
      return new JcaX509v3CertificateBuilder(issuer, serial, Date.from(from),
          Date.from(now.plus(validity)), subject, keys.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey key)
        throws GeneralSecurityException, OperatorCreationException {
      return new JcaX509CertificateConverter().getCertificate(
          b.build(new JcaContentSignerBuilder("SHA256withRSA").build(key)));
    }

    private static byte[] pkcs8(PrivateKey key) throws IOException {
      return pemBytes(new JcaPKCS8Generator(key, null).generate());
    }

    private static byte[] pem(X509Certificate cert) throws IOException {
      return pemBytes(cert);
    }

    private static byte[] pemBytes(Object o) throws IOException {
      StringWriter sw = new StringWriter();
      try (JcaPEMWriter w = new JcaPEMWriter(sw)) {
        w.writeObject(o);
      }
      return sw.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] pkcs12(PrivateKey key, List<X509Certificate> chain, char[] password)
        throws IOException, GeneralSecurityException {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      ks.setKeyEntry("client", key, password,
          chain.toArray(new Certificate[0]));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ks.store(out, password);
      return out.toByteArray();
    }

    /** Created 0600 from the start: there is no moment at which the key is world-readable. */
    private void writeSecret(String file, byte[] content) throws IOException {
      Path p = dir.resolve(file);
      if (posix()) {
        Files.createFile(p, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
      } else {
        Files.createFile(p);
      }
      try (OutputStream out = Files.newOutputStream(p, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING)) {
        out.write(content);
      }
    }

    private void writePublic(String file, byte[] content) throws IOException {
      Files.write(dir.resolve(file), content, StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE);
    }
  }
}
