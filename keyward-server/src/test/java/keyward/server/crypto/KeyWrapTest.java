package keyward.server.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import keyward.kmip.spec.ResultReason;
import keyward.server.KmipException;
import org.junit.jupiter.api.Test;

/** Known answers for the wrap algorithms: RFC 3394 §4, RFC 5649 §6, GCM (McGrew-Viega test cases 2 and 3). */
class KeyWrapTest {
  private static byte[] hex(String s) {
    return HexFormat.of().parseHex(s);
  }

  @Test
  void rfc3394Vectors() throws Exception {
    // §4.1: 128-bit key data with a 128-bit KEK (also TC-141-12's answer)
    byte[] kek = hex("000102030405060708090A0B0C0D0E0F");
    byte[] wrapped = KeyWrap.wrap(KeyWrap.Mode.KW, kek, hex("00112233445566778899AABBCCDDEEFF"));
    assertThat(wrapped).isEqualTo(hex("1FA68B0A8112B447AEF34BD8FB5A7B829D3E862371D2CFE5"));
    assertThat(KeyWrap.unwrap(KeyWrap.Mode.KW, kek, wrapped)).isEqualTo(hex("00112233445566778899AABBCCDDEEFF"));
    // §4.6: 256-bit key data with a 256-bit KEK
    byte[] kek256 = hex("000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F");
    byte[] data = hex("00112233445566778899AABBCCDDEEFF000102030405060708090A0B0C0D0E0F");
    assertThat(KeyWrap.wrap(KeyWrap.Mode.KW, kek256, data)).isEqualTo(
        hex("28C9F404C4B810F4CBCCB35CFB87F8263F5786E2D80ED326CBC7F0E71A99F43BFB988B9B7A02DD21"));
  }

  @Test
  void rfc5649Vectors() throws Exception {
    byte[] kek = hex("5840df6e29b02af1ab493b705bf16ea1ae8338f4dcc176a8");
    assertThat(KeyWrap.wrap(KeyWrap.Mode.KWP, kek, hex("c37b7e6492584340bed12207808941155068f738")))
        .isEqualTo(hex("138bdeaa9b8fa7fc61f97742e72248ee5ae6ae5360d1ae6a5f54f373fa543b6a"));
    assertThat(KeyWrap.wrap(KeyWrap.Mode.KWP, kek, hex("466f7250617369"))).isEqualTo(hex("afbeb0f07dfbf5419200f2ccb50bb24f"));
    assertThat(KeyWrap.unwrap(KeyWrap.Mode.KWP, kek, hex("afbeb0f07dfbf5419200f2ccb50bb24f"))).isEqualTo(hex("466f7250617369"));
  }

  @Test
  void gcmVectors() throws Exception {
    // test case 2: zero key, zero IV, one zero block -> C || T
    byte[] sealed = KeyWrap.gcmWrap(new byte[16], new byte[12], 16, new byte[16]);
    assertThat(sealed).isEqualTo(hex("0388dace60b6a392f328c2b971b2fe78" + "ab6e47d42cec13bdf53a67b21257bddf"));
    assertThat(KeyWrap.gcmUnwrap(new byte[16], new byte[12], 16, sealed)).isEqualTo(new byte[16]);
    // test case 3
    byte[] key = hex("feffe9928665731c6d6a8f9467308308");
    byte[] iv = hex("cafebabefacedbaddecaf888");
    byte[] plain = hex("d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
        + "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255");
    assertThat(KeyWrap.gcmWrap(key, iv, 16, plain)).isEqualTo(hex("42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
        + "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091473f5985" + "4d5c2af327cd64a62cf35abd2ba6fab4"));
  }

  @Test
  void alteredOrMisusedWrapsAreCryptographicFailures() throws Exception {
    byte[] kek = hex("000102030405060708090A0B0C0D0E0F");
    byte[] sealed = KeyWrap.gcmWrap(kek, new byte[12], 16, new byte[16]);
    sealed[3] ^= 1;
    assertThatThrownBy(() -> KeyWrap.gcmUnwrap(kek, new byte[12], 16, sealed)).isInstanceOf(KmipException.class)
        .extracting(e -> ((KmipException) e).reason()).isEqualTo(ResultReason.CRYPTOGRAPHIC_FAILURE);
    byte[] kw = KeyWrap.wrap(KeyWrap.Mode.KW, kek, new byte[16]);
    kw[0] ^= 1;
    assertThatThrownBy(() -> KeyWrap.unwrap(KeyWrap.Mode.KW, kek, kw))
        .extracting(e -> ((KmipException) e).reason()).isEqualTo(ResultReason.CRYPTOGRAPHIC_FAILURE);
    // a KEK of a length AES does not have, and KW input that is not whole semiblocks
    assertThatThrownBy(() -> KeyWrap.wrap(KeyWrap.Mode.KW, new byte[20], new byte[16]))
        .extracting(e -> ((KmipException) e).reason()).isEqualTo(ResultReason.CRYPTOGRAPHIC_FAILURE);
    assertThatThrownBy(() -> KeyWrap.gcmWrap(new byte[20], new byte[12], 16, new byte[16]))
        .extracting(e -> ((KmipException) e).reason()).isEqualTo(ResultReason.CRYPTOGRAPHIC_FAILURE);
    assertThatThrownBy(() -> KeyWrap.wrap(KeyWrap.Mode.KW, kek, new byte[15]))
        .extracting(e -> ((KmipException) e).reason()).isEqualTo(ResultReason.CRYPTOGRAPHIC_FAILURE);
  }
}
