package keyward.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Base64;
import keyward.kmip.spec.KeyFormatType;
import keyward.kmip.spec.ObjectType;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;

/**
 * Object bytes to and from files: written to a new file only (mode 0600, never over an existing
 * file, never to the terminal), read with a size bound.
 */
final class ObjectFiles {
  /** The most a registered file may hold (KMIP objects are keys, secrets and small blobs). */
  static final int MAX_BYTES = 1 << 20;

  private ObjectFiles() {}

  /** Writes the bytes to a new 0600 file, then clears the array. */
  static void writeNew(Path file, byte[] bytes) throws IOException {
    try {
      try {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException e) {
        Files.createFile(file);
      }
    } catch (FileAlreadyExistsException e) {
      throw new UsageException(file + " exists; object bytes are not written over a file (choose another name)");
    }
    try {
      Files.write(file, bytes, StandardOpenOption.TRUNCATE_EXISTING);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  /** The file's bytes; "-" reads standard input. At most {@link #MAX_BYTES}. */
  static byte[] read(Path file) throws IOException {
    return read(file, false);
  }

  /**
   * As {@link #read(Path)}; {@code emptyOk}: an empty file is data too (Encrypt: an empty
   * plaintext, or nothing when an ML-KEM public key encapsulates).
   */
  static byte[] read(Path file, boolean emptyOk) throws IOException {
    try (InputStream in = file.toString().equals("-") ? System.in : Files.newInputStream(file)) {
      byte[] b = in.readNBytes(MAX_BYTES + 1);
      if (b.length > MAX_BYTES) {
        throw new UsageException(file + " is larger than " + MAX_BYTES + " bytes");
      }
      if (b.length == 0 && !emptyOk) {
        throw new UsageException(file + " is empty");
      }
      return b;
    } catch (NoSuchFileException e) {
      throw new UsageException(file + " does not exist");
    }
  }

  /**
   * The PEM label for the object in a Get answer, when PEM means something for it: certificates
   * (DER), private keys in PKCS#8 or PKCS#1, public keys in X.509 (SubjectPublicKeyInfo) or PKCS#1.
   */
  static String pemLabel(Item.Structure getPayload) {
    ObjectType type = getPayload.first(Tag.OBJECT_TYPE).filter(Item.Enumeration.class::isInstance)
        .map(i -> ObjectType.fromValue(((Item.Enumeration) i).value())).orElse(null);
    if (type == ObjectType.CERTIFICATE) {
      return "CERTIFICATE";
    }
    KeyFormatType format = null;
    for (Item o : getPayload.items()) {
      if (o instanceof Item.Structure s && s.first(Tag.KEY_BLOCK).orElse(null) instanceof Item.Structure block) {
        format = block.first(Tag.KEY_FORMAT_TYPE).filter(Item.Enumeration.class::isInstance)
            .map(i -> KeyFormatType.fromValue(((Item.Enumeration) i).value())).orElse(null);
      }
    }
    String label = format == null ? null : switch (format) {
      case PKCS_8 -> "PRIVATE KEY";
      case X_509 -> "PUBLIC KEY";
      case PKCS_1 -> type == ObjectType.PRIVATE_KEY ? "RSA PRIVATE KEY" : "RSA PUBLIC KEY";
      default -> null;
    };
    if (label == null) {
      throw new UsageException("PEM is for certificates and public/private keys in PKCS#1, PKCS#8 or"
          + " X.509 format; this " + (type == null ? "object" : type.specName()) + " is written raw (omit --pem)");
    }
    return label;
  }

  /** DER bytes as PEM text (the DER array is cleared). */
  static byte[] pem(String label, byte[] der) {
    String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    Arrays.fill(der, (byte) 0);
    return ("-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n")
        .getBytes(StandardCharsets.US_ASCII);
  }
}
