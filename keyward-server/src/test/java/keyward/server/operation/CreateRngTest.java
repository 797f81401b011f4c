package keyward.server.operation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import keyward.kmip.spec.CryptographicAlgorithm;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.RNGAlgorithm;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.ServerHarness;
import keyward.server.crypto.JcaCryptoEngine;
import keyward.server.crypto.RngSetting;
import keyward.server.object.KeyBlocks;
import keyward.server.object.ManagedObject;
import keyward.spi.crypto.CryptoEngine;
import keyward.spi.crypto.RngParameters;
import org.junit.jupiter.api.Test;

/**
 * Create takes the key from the configured generator and says which one it was: with
 * rng=ansi-x9.31-aes-256 the key bytes are the X9.31 generator's output and the Random Number
 * Generator attribute is ANSI X9.31 / AES / 256, as SKFF-M-10..12 and SKLC-O-1 (1.4, 2.1) expect.
 */
class CreateRngTest {

  /** The engine, recording every random byte it hands out. */
  private static final class Recording implements CryptoEngine {
    final CryptoEngine inner;
    final ByteArrayOutputStream handedOut = new ByteArrayOutputStream();

    Recording(CryptoEngine inner) {
      this.inner = inner;
    }

    @Override
    public byte[] randomBytes(int length) {
      byte[] b = inner.randomBytes(length);
      handedOut.writeBytes(b);
      return b;
    }

    @Override
    public byte[] digest(String algorithm, byte[] data) {
      return inner.digest(algorithm, data);
    }

    @Override
    public String rngName() {
      return inner.rngName();
    }

    @Override
    public RngParameters rng() {
      return inner.rng();
    }
  }

  @Test
  void anX931ServerMakesKeysWithX931AndSaysSo() throws Exception {
    Recording engine = new Recording(new JcaCryptoEngine(RngSetting.ANSI_X931_AES_256));
    ServerHarness h = new ServerHarness(engine);
    ManagedObject mo = Kmip.stored(h, Kmip.createAes(h, KmipVersion.V2_1));
    byte[] key = KeyBlocks.symmetricKeyBytes(KeyBlocks.keyBlock(mo.object()).orElseThrow()).orElseThrow();
    assertThat(engine.handedOut.toByteArray()).isEqualTo(key);
    assertThat(mo.attributes().first(Tag.RANDOM_NUMBER_GENERATOR)).contains(new Item.Structure(Tag.RANDOM_NUMBER_GENERATOR,
        new Item.Enumeration(Tag.RNG_ALGORITHM, RNGAlgorithm.ANSI_X9_31.value()),
        new Item.Enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.AES.value()),
        new Item.Integer(Tag.CRYPTOGRAPHIC_LENGTH, 256)));
  }

  @Test
  void theDefaultServerReportsItsDrbg() throws Exception {
    ServerHarness h = new ServerHarness();
    ManagedObject mo = Kmip.stored(h, Kmip.createAes(h, KmipVersion.V2_1));
    Item.Structure rng = (Item.Structure) mo.attributes().first(Tag.RANDOM_NUMBER_GENERATOR).orElseThrow();
    assertThat(rng.first(Tag.RNG_ALGORITHM)).contains(new Item.Enumeration(Tag.RNG_ALGORITHM, RNGAlgorithm.DRBG.value()));
    assertThat(rng.first(Tag.PREDICTION_RESISTANCE)).contains(new Item.Boolean(Tag.PREDICTION_RESISTANCE, false));
  }
}
