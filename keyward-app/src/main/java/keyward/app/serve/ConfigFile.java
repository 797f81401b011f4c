package keyward.app.serve;

import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import keyward.kmip.codec.CodecLimits;
import keyward.server.crypto.RngSetting;
import keyward.server.access.AccessPolicy;
import keyward.server.batch.RequestLimits;
import keyward.server.transport.IdentityField;

/**
 * Reads a TOML config file over the defaults. Unknown keys are errors: a misspelt limit must
 * not silently fall back to its default.
 *
 * <pre>
 * host = "0.0.0.0"
 * port = 5696
 * data_dir = "/var/lib/keyward"
 * server_cert = "/etc/keyward/server.pem"    # the three TLS files go together
 * server_key = "/etc/keyward/server.key"
 * client_ca = "/etc/keyward/clients-ca.pem"
 * client_crl = "/etc/keyward/clients-ca.crl"  # CRLs of the client CAs (PEM or DER): revoked = refused
 * identity_field = "COMMON_NAME"             # or SUBJECT_DN, SAN_DNS, SAN_EMAIL, SAN_URI
 * https_port = 5697                          # KMIP over HTTPS on the same host; absent = off
 * users_file = "/etc/keyward/users"          # Username and Password credentials (keyward user add)
 * require_credentials = false                # true: every request must carry a valid one
 * rng = "drbg"                               # or "ansi-x9.31-aes-256" (legacy generator)
 * audit_log = "/var/log/keyward/audit.jsonl" # default: audit.jsonl in the data directory
 * tls_protocols = ["TLSv1.3", "TLSv1.2"]
 * cipher_suites = ["TLS_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256"]
 *
 * [limits]
 * max_message_bytes = 4194304
 * max_depth = 32
 * max_items = 100000
 * max_string_bytes = 1048576
 * max_connections = 1000
 * idle_timeout_seconds = 300
 * read_timeout_seconds = 30
 * handshake_timeout_seconds = 10
 * max_connections_per_identity = 250
 * max_batch_items = 1000
 * max_locate_items = 10000
 * requests_per_second = 0                    # per identity; 0 = no limit
 *
 * [access]
 * admins = ["ops-admin"]                     # identities that see and manage every object
 * [access.groups]
 * "app-1" = ["payments"]                     # identity = its groups (grants to "group:payments")
 *
 * [store]
 * type = "postgres"                          # or "sqlite" (the default)
 * db_url = "jdbc:postgresql://db:5432/keyward"
 * db_user = "keyward"
 * db_password_file = "/etc/keyward/db-password"
 * db_pool_size = 16
 *
 * [master_key]
 * source = "file"                            # or "passphrase", "pkcs11"
 * file = "/etc/keyward/master.key"           # default: data_dir/master.key
 * passphrase_file = "/etc/keyward/passphrase"
 * kdf_file = "/etc/keyward/master-key.kdf"   # default: data_dir/master-key.kdf
 * pkcs11_config = "/etc/keyward/pkcs11.cfg"
 * pkcs11_pin_file = "/etc/keyward/pin"
 * label = "keyward-master"
 *
 * [master_key.previous]                      # while rotating: the key being replaced
 * source = "file"
 * file = "/etc/keyward/old-master.key"
 * </pre>
 */
public final class ConfigFile {
  private static final Set<String> TOP = Set.of(
      "host", "port", "data_dir", "server_cert", "server_key", "client_ca", "identity_field", "limits",
      "https_port", "users_file", "require_credentials", "rng", "client_crl", "audit_log", "tls_protocols",
      "cipher_suites", "access", "store", "master_key");
  private static final Set<String> STORE = Set.of("type", "db_url", "db_user", "db_password_file",
      "db_pool_size");
  private static final Set<String> MASTER_KEY = Set.of("source", "file", "passphrase_file",
      "kdf_file", "pkcs11_config", "pkcs11_pin_file", "label", "previous");
  private static final Set<String> LIMITS = Set.of("max_message_bytes", "max_depth", "max_items",
      "max_string_bytes", "max_connections", "idle_timeout_seconds", "read_timeout_seconds",
      "handshake_timeout_seconds", "max_connections_per_identity", "max_batch_items",
      "max_locate_items", "requests_per_second");
  private static final Set<String> ACCESS = Set.of("admins", "groups");

  private ConfigFile() {}

  @SuppressWarnings("unchecked")
  public static ServerSettings read(Path file, ServerSettings base) throws IOException {
    Map<String, Object> map = new TomlMapper().readValue(file.toFile(), Map.class);
    unknown(map.keySet(), TOP, file, "");
    ServerSettings s = base;
    String host = str(map, "host", s.host());
    int port = num(map, "port", s.port());
    Path dataDir = path(map, "data_dir", s.dataDir(), file);
    Path cert = path(map, "server_cert", s.serverCert(), file);
    Path key = path(map, "server_key", s.serverKey(), file);
    Path ca = path(map, "client_ca", s.clientCa(), file);
    IdentityField field = map.containsKey("identity_field")
        ? IdentityField.valueOf(((String) map.get("identity_field")).toUpperCase(Locale.ROOT))
        : s.identityField();
    CodecLimits l = s.limits();
    int maxConnections = s.maxConnections();
    Duration idle = s.idleTimeout();
    Duration read = s.readTimeout();
    SecuritySettings sec = s.security();
    if (map.containsKey("client_crl")) {
      sec = sec.withClientCrl(path(map, "client_crl", null, file));
    }
    if (map.containsKey("audit_log")) {
      sec = sec.withAuditLog(path(map, "audit_log", null, file));
    }
    if (map.containsKey("tls_protocols") || map.containsKey("cipher_suites")) {
      sec = sec.withTls(strings(map, "tls_protocols", sec.tlsProtocols()),
          strings(map, "cipher_suites", sec.cipherSuites()));
    }
    if (map.get("access") instanceof Map<?, ?> am) {
      Map<String, Object> access = (Map<String, Object>) am;
      unknown(access.keySet(), ACCESS, file, "access.");
      Set<String> admins = Set.copyOf(strings(access, "admins", List.copyOf(sec.access().admins())));
      Map<String, Set<String>> groups = sec.access().groups();
      if (access.get("groups") instanceof Map<?, ?> gm) {
        Map<String, Set<String>> g = new HashMap<>();
        for (Map.Entry<?, ?> e : gm.entrySet()) {
          g.put(String.valueOf(e.getKey()),
              Set.copyOf(strings((Map<String, Object>) gm, String.valueOf(e.getKey()), List.of())));
        }
        groups = g;
      } else if (access.containsKey("groups")) {
        throw new IllegalArgumentException(file + ": access.groups must be a table: identity = [groups]");
      }
      sec = sec.withAccess(new AccessPolicy(admins, groups));
    }
    if (map.get("limits") instanceof Map<?, ?> lm) {
      Map<String, Object> limits = (Map<String, Object>) lm;
      unknown(limits.keySet(), LIMITS, file, "limits.");
      l = new CodecLimits(num(limits, "max_message_bytes", l.maxMessageBytes()),
          num(limits, "max_depth", l.maxDepth()), num(limits, "max_items", l.maxItems()),
          num(limits, "max_string_bytes", l.maxStringBytes()));
      maxConnections = num(limits, "max_connections", maxConnections);
      idle = Duration.ofSeconds(num(limits, "idle_timeout_seconds", (int) idle.toSeconds()));
      read = Duration.ofSeconds(num(limits, "read_timeout_seconds", (int) read.toSeconds()));
      RequestLimits r = sec.requestLimits();
      sec = sec.withRequestLimits(new RequestLimits(num(limits, "max_batch_items", r.maxBatchItems()),
              num(limits, "max_locate_items", r.maxLocateItems()),
              num(limits, "requests_per_second", r.requestsPerSecond())))
          .withMaxConnectionsPerIdentity(num(limits, "max_connections_per_identity",
              sec.maxConnectionsPerIdentity()))
          .withHandshakeTimeout(Duration.ofSeconds(num(limits, "handshake_timeout_seconds",
              (int) sec.handshakeTimeout().toSeconds())));
    }
    Integer httpsPort = map.containsKey("https_port")
        ? Integer.valueOf(num(map, "https_port", 0)) : s.httpsPort();
    Path users = path(map, "users_file", s.usersFile(), file);
    boolean required = s.requireCredentials();
    if (map.containsKey("require_credentials")) {
      if (!(map.get("require_credentials") instanceof Boolean b)) {
        throw new IllegalArgumentException("setting 'require_credentials' must be true or false");
      }
      required = b;
    }
    RngSetting rng = map.containsKey("rng") ? RngSetting.parse(str(map, "rng", null)) : s.rng();
    return new ServerSettings(host, port, dataDir, cert, key, ca, field, l, maxConnections, idle, read,
        httpsPort, users, required, rng, sec, storage(map, s.storage(), file));
  }

  @SuppressWarnings("unchecked")
  private static StorageSettings storage(Map<String, Object> map, StorageSettings s, Path file) {
    if (map.get("store") instanceof Map<?, ?> sm) {
      Map<String, Object> store = (Map<String, Object>) sm;
      unknown(store.keySet(), STORE, file, "store.");
      s = new StorageSettings(str(store, "type", s.store()), str(store, "db_url", s.dbUrl()),
          str(store, "db_user", s.dbUser()),
          path(store, "db_password_file", s.dbPasswordFile(), file),
          num(store, "db_pool_size", s.dbPoolSize()), s.masterKey(), s.previousMasterKey());
    }
    if (map.get("master_key") instanceof Map<?, ?> km) {
      Map<String, Object> key = (Map<String, Object>) km;
      unknown(key.keySet(), MASTER_KEY, file, "master_key.");
      s = s.withMasterKey(masterKey(key, s.masterKey(), file));
      if (key.get("previous") instanceof Map<?, ?> pm) {
        Map<String, Object> previous = (Map<String, Object>) pm;
        Set<String> allowed = new java.util.HashSet<>(MASTER_KEY);
        allowed.remove("previous");
        unknown(previous.keySet(), allowed, file, "master_key.previous.");
        MasterKeySettings base = s.previousMasterKey() != null ? s.previousMasterKey()
            : MasterKeySettings.defaults();
        s = s.withPreviousMasterKey(masterKey(previous, base, file));
      }
    }
    return s;
  }

  private static MasterKeySettings masterKey(Map<String, Object> m, MasterKeySettings k, Path file) {
    return new MasterKeySettings(str(m, "source", k.source()), path(m, "file", k.file(), file),
        path(m, "passphrase_file", k.passphraseFile(), file), path(m, "kdf_file", k.kdfFile(), file),
        path(m, "pkcs11_config", k.pkcs11Config(), file),
        path(m, "pkcs11_pin_file", k.pkcs11PinFile(), file), str(m, "label", k.label()));
  }

  private static void unknown(Set<String> keys, Set<String> known, Path file, String prefix) {
    for (String k : keys) {
      if (!known.contains(k)) {
        throw new IllegalArgumentException(file + ": unknown setting '" + prefix + k + "'");
      }
    }
  }

  private static String str(Map<String, Object> m, String k, String dflt) {
    return m.containsKey(k) ? String.valueOf(m.get(k)) : dflt;
  }

  private static List<String> strings(Map<String, Object> m, String k, List<String> dflt) {
    Object v = m.get(k);
    if (v == null) {
      return dflt;
    }
    if (v instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
      return list.stream().map(String.class::cast).toList();
    }
    throw new IllegalArgumentException("setting '" + k + "' must be a list of strings");
  }

  private static int num(Map<String, Object> m, String k, int dflt) {
    Object v = m.get(k);
    if (v == null) {
      return dflt;
    }
    if (v instanceof Number n && n.longValue() >= 0 && n.longValue() <= Integer.MAX_VALUE) {
      return n.intValue();
    }
    throw new IllegalArgumentException("setting '" + k + "' must be a whole number from 0 to 2^31-1");
  }

  /** Relative paths in the file are relative to the file's folder. */
  private static Path path(Map<String, Object> m, String k, Path dflt, Path file) {
    if (!m.containsKey(k)) {
      return dflt;
    }
    Path p = Path.of(String.valueOf(m.get(k)));
    Path dir = file.toAbsolutePath().getParent();
    return p.isAbsolute() || dir == null ? p : dir.resolve(p);
  }
}
