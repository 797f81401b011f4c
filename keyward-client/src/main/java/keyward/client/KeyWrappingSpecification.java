package keyward.client;

import java.util.ArrayList;
import java.util.List;
import keyward.kmip.spec.EncodingOption;
import keyward.kmip.spec.Tag;
import keyward.kmip.spec.WrappingMethod;
import keyward.kmip.ttlv.Item;

/**
 * How Get should wrap the key it returns (KMIP 1.4/2.1 §2.1.6 Key Wrapping Specification): the
 * Wrapping Method, the key that encrypts and/or the key that MACs or signs (by Unique Identifier,
 * each with optional Cryptographic Parameters, e.g. Block Cipher Mode GCM or AES Key Wrap
 * Padding), the Encoding Option (the server's default is TTLV Encoding of the Key Value) and the
 * names of attributes to carry inside the wrapped Key Value.
 *
 * <pre>{@code
 * client.getWrapped(id, KeyWrappingSpecification.encrypt(kekId)
 *     .encryptionParameters(CryptographicParameters.NONE.blockCipherMode(BlockCipherMode.GCM)));
 * }</pre>
 */
public record KeyWrappingSpecification(WrappingMethod method, String encryptionKey,
    CryptographicParameters encryptionParameters, String macSignatureKey, CryptographicParameters macSignatureParameters,
    EncodingOption encoding, List<String> attributeNames) {

  public KeyWrappingSpecification {
    attributeNames = List.copyOf(attributeNames);
  }

  /** Encrypt with the key (an AES key, NIST Key Wrap unless parameters say otherwise, or an RSA public key). */
  public static KeyWrappingSpecification encrypt(String encryptionKey) {
    return new KeyWrappingSpecification(WrappingMethod.ENCRYPT, encryptionKey, null, null, null, null, List.of());
  }

  /** MAC (HMAC or CMAC key) or sign (RSA/EC private key) the Key Value, which stays in the clear. */
  public static KeyWrappingSpecification macSign(String macSignatureKey) {
    return new KeyWrappingSpecification(WrappingMethod.MAC_SIGN, null, null, macSignatureKey, null, null, List.of());
  }

  public static KeyWrappingSpecification encryptThenMacSign(String encryptionKey, String macSignatureKey) {
    return new KeyWrappingSpecification(WrappingMethod.ENCRYPT_THEN_MAC_SIGN, encryptionKey, null, macSignatureKey,
        null, null, List.of());
  }

  public static KeyWrappingSpecification macSignThenEncrypt(String encryptionKey, String macSignatureKey) {
    return new KeyWrappingSpecification(WrappingMethod.MAC_SIGN_THEN_ENCRYPT, encryptionKey, null, macSignatureKey,
        null, null, List.of());
  }

  public KeyWrappingSpecification encryptionParameters(CryptographicParameters p) {
    return new KeyWrappingSpecification(method, encryptionKey, p, macSignatureKey, macSignatureParameters, encoding,
        attributeNames);
  }

  public KeyWrappingSpecification macSignatureParameters(CryptographicParameters p) {
    return new KeyWrappingSpecification(method, encryptionKey, encryptionParameters, macSignatureKey, p, encoding,
        attributeNames);
  }

  /** No Encoding wraps the bare key bytes (RFC 3394 interop); TTLV Encoding the encoded Key Value. */
  public KeyWrappingSpecification encoding(EncodingOption e) {
    return new KeyWrappingSpecification(method, encryptionKey, encryptionParameters, macSignatureKey,
        macSignatureParameters, e, attributeNames);
  }

  /** Attributes (by spec name, e.g. "Cryptographic Usage Mask") wrapped with the key material. */
  public KeyWrappingSpecification attributes(String... names) {
    return new KeyWrappingSpecification(method, encryptionKey, encryptionParameters, macSignatureKey,
        macSignatureParameters, encoding, List.of(names));
  }

  /** The Key Wrapping Specification structure, fields in the spec's order. */
  public Item.Structure toItem() {
    List<Item> s = new ArrayList<>();
    s.add(new Item.Enumeration(Tag.WRAPPING_METHOD, method.value()));
    if (encryptionKey != null) {
      s.add(keyInformation(Tag.ENCRYPTION_KEY_INFORMATION, encryptionKey, encryptionParameters));
    }
    if (macSignatureKey != null) {
      s.add(keyInformation(Tag.MAC_SIGNATURE_KEY_INFORMATION, macSignatureKey, macSignatureParameters));
    }
    for (String n : attributeNames) {
      s.add(new Item.TextString(Tag.ATTRIBUTE_NAME, n));
    }
    if (encoding != null) {
      s.add(new Item.Enumeration(Tag.ENCODING_OPTION, encoding.value()));
    }
    return new Item.Structure(Tag.KEY_WRAPPING_SPECIFICATION, s);
  }

  private static Item keyInformation(int tag, String uid, CryptographicParameters p) {
    List<Item> i = new ArrayList<>();
    i.add(new Item.TextString(Tag.UNIQUE_IDENTIFIER, uid));
    if (p != null && !p.isEmpty()) {
      i.add(p.toItem());
    }
    return new Item.Structure(tag, i);
  }
}
