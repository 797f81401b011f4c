package keyward.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import keyward.kmip.spec.KeyFormatType;
import keyward.kmip.spec.ObjectType;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Object bytes to files: PEM only where it means something, new 0600 files only. */
class ObjectFilesTest {
  @TempDir Path dir;

  static Item.Structure getAnswer(ObjectType type, Item object) {
    return new Item.Structure(Tag.RESPONSE_PAYLOAD, new Item.Enumeration(Tag.OBJECT_TYPE, type.value()),
        new Item.TextString(Tag.UNIQUE_IDENTIFIER, "1"), object);
  }

  static Item keyObject(int tag, KeyFormatType format) {
    return new Item.Structure(tag, new Item.Structure(Tag.KEY_BLOCK,
        new Item.Enumeration(Tag.KEY_FORMAT_TYPE, format.value()),
        new Item.Structure(Tag.KEY_VALUE, new Item.ByteString(Tag.KEY_MATERIAL, new byte[] {1, 2, 3}))));
  }

  @Test
  void pemLabelsFollowTheObjectAndItsKeyFormat() {
    assertThat(ObjectFiles.pemLabel(getAnswer(ObjectType.CERTIFICATE,
        new Item.Structure(Tag.CERTIFICATE, new Item.ByteString(Tag.CERTIFICATE_VALUE, new byte[] {1})))))
        .isEqualTo("CERTIFICATE");
    assertThat(ObjectFiles.pemLabel(getAnswer(ObjectType.PRIVATE_KEY, keyObject(Tag.PRIVATE_KEY, KeyFormatType.PKCS_8))))
        .isEqualTo("PRIVATE KEY");
    assertThat(ObjectFiles.pemLabel(getAnswer(ObjectType.PRIVATE_KEY, keyObject(Tag.PRIVATE_KEY, KeyFormatType.PKCS_1))))
        .isEqualTo("RSA PRIVATE KEY");
    assertThat(ObjectFiles.pemLabel(getAnswer(ObjectType.PUBLIC_KEY, keyObject(Tag.PUBLIC_KEY, KeyFormatType.X_509))))
        .isEqualTo("PUBLIC KEY");
    assertThatThrownBy(() -> ObjectFiles.pemLabel(getAnswer(ObjectType.SYMMETRIC_KEY,
        keyObject(Tag.SYMMETRIC_KEY, KeyFormatType.RAW)))).isInstanceOf(UsageException.class)
        .hasMessageContaining("Symmetric Key").hasMessageContaining("omit --pem");
  }

  @Test
  void pemWrapsTheDerIn64ColumnBase64AndClearsIt() {
    byte[] der = new byte[100];
    for (int i = 0; i < der.length; i++) {
      der[i] = (byte) i;
    }
    byte[] copy = der.clone();
    String pem = new String(ObjectFiles.pem("CERTIFICATE", der), StandardCharsets.US_ASCII);
    assertThat(pem).startsWith("-----BEGIN CERTIFICATE-----\n").endsWith("\n-----END CERTIFICATE-----\n");
    String body = pem.lines().filter(l -> !l.startsWith("-----")).reduce("", String::concat);
    assertThat(pem.lines().filter(l -> !l.startsWith("-----"))).allMatch(l -> l.length() <= 64);
    assertThat(Base64.getDecoder().decode(body)).isEqualTo(copy);
    assertThat(der).containsOnly(0);
  }

  @Test
  void writesANew0600FileOnlyAndClearsTheBytes() throws Exception {
    Path f = dir.resolve("k.bin");
    byte[] b = {7, 7, 7};
    ObjectFiles.writeNew(f, b);
    assertThat(Files.readAllBytes(f)).containsExactly(7, 7, 7);
    assertThat(b).containsOnly(0);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-------");
    assertThatThrownBy(() -> ObjectFiles.writeNew(f, new byte[] {1})).isInstanceOf(UsageException.class)
        .hasMessageContaining("exists");
    assertThat(Files.readAllBytes(f)).containsExactly(7, 7, 7);
  }

  @Test
  void readRefusesTooLargeFiles() throws Exception {
    Path big = dir.resolve("big");
    Files.write(big, new byte[ObjectFiles.MAX_BYTES + 1]);
    assertThatThrownBy(() -> ObjectFiles.read(big)).isInstanceOf(UsageException.class).hasMessageContaining("larger");
    Path ok = dir.resolve("ok");
    Files.write(ok, new byte[ObjectFiles.MAX_BYTES]);
    assertThat(ObjectFiles.read(ok)).hasSize(ObjectFiles.MAX_BYTES);
  }
}
