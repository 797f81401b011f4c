package keyward.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserFileTest {
  @TempDir Path dir;

  @Test
  void writtenUsersReadBackAndOnlyTheOwnerCanReadTheFile() throws IOException {
    Path file = dir.resolve("users");
    UserFile.empty().with("bob", PasswordHash.of("pw-bob".toCharArray(), 1_000))
        .with("svc.db@host", PasswordHash.of("pw-db".toCharArray(), 1_000)).write(file);
    UserFile read = UserFile.read(file);
    assertThat(read.names()).containsExactly("bob", "svc.db@host");
    assertThat(read.get("bob").matches("pw-bob")).isTrue();
    assertThat(read.get("bob").matches("pw-db")).isFalse();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(Files.readString(file)).doesNotContain("pw-bob", "pw-db");
  }

  @Test
  void removingAUserAndAnAbsentFile() throws IOException {
    Path file = dir.resolve("users");
    assertThat(UserFile.read(file).isEmpty()).isTrue();
    UserFile.empty().with("bob", PasswordHash.of("x".toCharArray(), 1_000)).without("bob").write(file);
    assertThat(UserFile.read(file).isEmpty()).isTrue();
  }

  @Test
  void badLinesNameTheLineAndNotTheContent() throws IOException {
    Path file = dir.resolve("users");
    Files.writeString(file, "# comment\n\nbob:pbkdf2-sha256:notanumber:AAAA:BBBB\n");
    assertThatThrownBy(() -> UserFile.read(file)).hasMessageContaining("line 3");
    Files.writeString(file, "bob secret\n");
    assertThatThrownBy(() -> UserFile.read(file)).hasMessageContaining("line 1").hasMessageNotContaining("secret");
    String entry = "bob:" + PasswordHash.of("x".toCharArray(), 1_000).format() + "\n";
    Files.writeString(file, entry + entry);
    assertThatThrownBy(() -> UserFile.read(file)).hasMessageContaining("listed twice");
  }

  @Test
  void aFileAtTheSizeLimitIsReadAndOneByteOverIsRefused() throws IOException {
    Path file = dir.resolve("users");
    String entry = "bob:" + PasswordHash.of("x".toCharArray(), 1_000).format() + "\n";
    StringBuilder text = new StringBuilder(entry);
    String comment = "#" + "c".repeat(1022) + "\n"; // 1 KiB lines
    while (text.length() + comment.length() <= UserFile.MAX_BYTES) {
      text.append(comment);
    }
    text.append("#".repeat((int) (UserFile.MAX_BYTES - text.length() - 1))).append('\n');
    Files.writeString(file, text);
    assertThat(Files.size(file)).isEqualTo(UserFile.MAX_BYTES);
    assertThat(UserFile.read(file).names()).containsExactly("bob");
    Files.writeString(file, "#", java.nio.file.StandardOpenOption.APPEND);
    assertThatThrownBy(() -> UserFile.read(file)).hasMessageContaining("larger than");
  }

  @Test
  void namesThatCouldForgeIdentitiesAreRefused() {
    PasswordHash h = PasswordHash.of("x".toCharArray(), 1_000);
    for (String bad : new String[] {"", "a:b", "a b", "a\nb", "x".repeat(129)}) {
      assertThatThrownBy(() -> UserFile.empty().with(bad, h)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void hashFormatRoundTripsAndNeverPrintsItsBytes() {
    PasswordHash h = PasswordHash.of("pw".toCharArray(), 2_000);
    assertThat(PasswordHash.parse(h.format())).isEqualTo(h);
    assertThat(h.toString()).doesNotContain(h.format().split(":")[3]);
    assertThatThrownBy(() -> PasswordHash.parse("md5:1:a:b")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PasswordHash.parse("pbkdf2-sha256:10:AAAAAAAAAAAAAAAAAAAAAA==:AAAA"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
