package keyward.server.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.ResultReason;
import keyward.server.KmipException;
import org.junit.jupiter.api.Test;

/** The bounds on open streams: how many, how long idle, how much an AEAD decryption may hold. */
class CipherStreamsTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private final CipherStreams streams = new CipherStreams(new JcaCryptoEngine(), 2, Duration.ofSeconds(60), 100);

  private static CipherSession session(boolean authenticated) {
    return new CipherSession() {
      @Override
      public byte[] update(byte[] data) {
        return data;
      }

      @Override
      public Output finish(byte[] data, byte[] tag) {
        return new Output(data, null);
      }

      @Override
      public boolean authenticated() {
        return authenticated;
      }
    };
  }

  private static CipherStreams.Stream stream(Operation op, boolean authenticated) {
    return new CipherStreams.Stream("alice", "k1", op, session(authenticated), 0);
  }

  private static ResultReason reason(ThrowingCall c) {
    try {
      c.run();
    } catch (KmipException e) {
      return e.reason();
    }
    return null;
  }

  @FunctionalInterface
  interface ThrowingCall {
    void run() throws KmipException;
  }

  @Test
  void noMoreThanMaxStreamsAreOpenUntilOneIdlesOut() throws Exception {
    byte[] first = streams.open(stream(Operation.ENCRYPT, false), T0);
    streams.open(stream(Operation.ENCRYPT, false), T0.plusSeconds(30));
    assertThat(reason(() -> streams.open(stream(Operation.ENCRYPT, false), T0.plusSeconds(59))))
        .isEqualTo(ResultReason.PERMISSION_DENIED);
    // the first has been idle for 60 s: it is gone, and its place is free
    streams.open(stream(Operation.ENCRYPT, false), T0.plusSeconds(60));
    assertThat(reason(() -> streams.take(first, "alice", "k1", Operation.ENCRYPT, T0.plusSeconds(60), true)))
        .isEqualTo(ResultReason.INVALID_CORRELATION_VALUE);
    assertThat(streams.size()).isEqualTo(2);
  }

  @Test
  void anAeadDecryptionMayHoldOnlyMaxBytes() throws Exception {
    CipherStreams.Stream aead = stream(Operation.DECRYPT, true);
    byte[] c = streams.open(aead, T0);
    CipherStreams.Stream taken = streams.take(c, "alice", "k1", Operation.DECRYPT, T0, true);
    streams.putBack(c, taken, 100, T0);
    CipherStreams.Stream again = streams.take(c, "alice", "k1", Operation.DECRYPT, T0, false);
    assertThat(reason(() -> streams.putBack(c, again, 1, T0))).isEqualTo(ResultReason.INVALID_FIELD);
    // an encryption (or a non-AEAD decryption) holds nothing: its parts are not counted
    CipherStreams.Stream plain = stream(Operation.ENCRYPT, true);
    byte[] p = streams.open(plain, T0);
    for (int i = 0; i < 3; i++) {
      streams.putBack(p, streams.take(p, "alice", "k1", Operation.ENCRYPT, T0, true), 100, T0);
    }
  }

  @Test
  void aStreamInUseCannotBeTakenTwice() throws Exception {
    byte[] c = streams.open(stream(Operation.ENCRYPT, false), T0);
    streams.take(c, "alice", "k1", Operation.ENCRYPT, T0, true);
    assertThat(reason(() -> streams.take(c, "alice", "k1", Operation.ENCRYPT, T0, true)))
        .isEqualTo(ResultReason.INVALID_CORRELATION_VALUE);
    assertThat(reason(() -> streams.take(c, "alice", "k1", Operation.ENCRYPT, T0, false)))
        .isEqualTo(ResultReason.INVALID_FIELD);
  }
}
