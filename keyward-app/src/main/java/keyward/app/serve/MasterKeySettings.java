package keyward.app.serve;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Where the master key of encryption at rest comes from (see README "Encryption at rest").
 *
 * @param source {@code file} (default), {@code passphrase} or {@code pkcs11}
 * @param file the key file; null = {@code <data_dir>/master.key}, made on first start (0600)
 * @param passphraseFile a file whose first line is the passphrase (source passphrase)
 * @param kdfFile Argon2id salt and costs; null = {@code <data_dir>/master-key.kdf}, made on
 *     first start (every node on one database needs the same copy)
 * @param pkcs11Config SunPKCS11 configuration file naming the token (source pkcs11)
 * @param pkcs11PinFile a file whose first line is the token's user PIN
 * @param label the label of the AES key on the token (made on first start when absent)
 */
public record MasterKeySettings(String source, Path file, Path passphraseFile, Path kdfFile,
    Path pkcs11Config, Path pkcs11PinFile, String label) {
  public static final String DEFAULT_LABEL = "keyward-master";

  public MasterKeySettings {
    source = source == null ? "file" : source.toLowerCase(Locale.ROOT);
    switch (source) {
      case "file", "passphrase", "pkcs11" -> { }
      default -> throw new IllegalArgumentException(
          "master key source must be file, passphrase or pkcs11, not '" + source + "'");
    }
    label = label == null ? DEFAULT_LABEL : label;
  }

  public static MasterKeySettings defaults() {
    return new MasterKeySettings("file", null, null, null, null, null, null);
  }

  /** These settings with every non-null argument replacing the current value. */
  public MasterKeySettings override(String source, Path file, Path passphraseFile, Path kdfFile,
      Path pkcs11Config, Path pkcs11PinFile, String label) {
    return new MasterKeySettings(source != null ? source : this.source,
        file != null ? file : this.file,
        passphraseFile != null ? passphraseFile : this.passphraseFile,
        kdfFile != null ? kdfFile : this.kdfFile,
        pkcs11Config != null ? pkcs11Config : this.pkcs11Config,
        pkcs11PinFile != null ? pkcs11PinFile : this.pkcs11PinFile,
        label != null ? label : this.label);
  }
}
