package keyward.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import keyward.kmip.spec.CryptographicUsageMask;
import keyward.kmip.spec.DerivationMethod;
import keyward.kmip.spec.HashingAlgorithm;
import keyward.kmip.spec.ObjectType;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;

/**
 * A Derive Key being put together (KMIP 1.4 §4.6, 2.1 §6.1.12): a new Symmetric Key or Secret
 * Data derived from a base object (which must be Active and may Derive Key) by a Derivation
 * Method with its Derivation Parameters (Hashing Algorithm, Derivation Data, Salt, Iteration
 * Count: which ones a method needs is the server's rule, e.g. PBKDF2 needs Salt and Iteration
 * Count). {@link #execute()} returns the new object's Unique Identifier; the new object links
 * to its base (Derivation Base Object Link).
 *
 * <pre>{@code
 * String id = client.deriveKey(baseId, DerivationMethod.HKDF).symmetricKey("AES", 256)
 *     .hashingAlgorithm(HashingAlgorithm.SHA_256).salt(salt).derivationData(info).execute();
 * }</pre>
 */
public final class DeriveKeyRequest {
  private final KmipClient client;
  private final String baseUniqueIdentifier;
  private final DerivationMethod method;
  private final List<Item> attributes = new ArrayList<>();
  private ObjectType objectType;
  private HashingAlgorithm hashing;
  private byte[] initializationVector;
  private byte[] derivationData;
  private byte[] salt;
  private Integer iterationCount;
  private int usage;

  DeriveKeyRequest(KmipClient client, String baseUniqueIdentifier, DerivationMethod method) {
    this.client = client;
    this.baseUniqueIdentifier = baseUniqueIdentifier;
    this.method = Objects.requireNonNull(method, "method");
  }

  /** Derive a Symmetric Key of this algorithm and length (default usage Encrypt|Decrypt). */
  public DeriveKeyRequest symmetricKey(String algorithm, int lengthBits) {
    objectType = ObjectType.SYMMETRIC_KEY;
    attributes.add(new Item.Enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, KmipClient.algorithm(algorithm).value()));
    attributes.add(new Item.Integer(Tag.CRYPTOGRAPHIC_LENGTH, lengthBits));
    return this;
  }

  /** Derive Secret Data of this many bits. */
  public DeriveKeyRequest secretData(int lengthBits) {
    objectType = ObjectType.SECRET_DATA;
    attributes.add(new Item.Integer(Tag.CRYPTOGRAPHIC_LENGTH, lengthBits));
    return this;
  }

  /** The hash of the method (in the Derivation Parameters' Cryptographic Parameters). */
  public DeriveKeyRequest hashingAlgorithm(HashingAlgorithm h) {
    this.hashing = h;
    return this;
  }

  /** Derivation Data: HMAC/HASH input, the fixed input of SP 800-108, HKDF's info. */
  public DeriveKeyRequest derivationData(byte[] data) {
    this.derivationData = data.clone();
    return this;
  }

  /** Salt (PBKDF2, HKDF). */
  public DeriveKeyRequest salt(byte[] salt) {
    this.salt = salt.clone();
    return this;
  }

  /** Iteration Count (PBKDF2). */
  public DeriveKeyRequest iterationCount(int count) {
    this.iterationCount = count;
    return this;
  }

  /** Initialization Vector (for methods that encrypt). */
  public DeriveKeyRequest initializationVector(byte[] iv) {
    this.initializationVector = iv.clone();
    return this;
  }

  /** A Name for the new object. */
  public DeriveKeyRequest name(String name) {
    attributes.add(AttributeValues.name(Objects.requireNonNull(name, "name")));
    return this;
  }

  /** The new object's Cryptographic Usage Mask. */
  public DeriveKeyRequest usage(CryptographicUsageMask... bits) {
    usage |= Batch.mask(List.of(bits));
    return this;
  }

  /** Any attribute of the new object, in the 2.x shape. */
  public DeriveKeyRequest attribute(Item attribute) {
    attributes.add(Objects.requireNonNull(attribute, "attribute"));
    return this;
  }

  /** Sends the request; returns the new object's Unique Identifier. */
  public String execute() {
    return client.batch().deriveKey(this).execute().item(0).uniqueIdentifier();
  }

  /** The request payload, 2.x shape. */
  List<Item> payload() {
    if (objectType == null) {
      throw new IllegalStateException("say what to derive: symmetricKey(algorithm, length) or secretData(length)");
    }
    List<Item> parameters = new ArrayList<>();
    if (hashing != null) {
      parameters.add(CryptographicParameters.hashing(hashing).toItem());
    }
    if (initializationVector != null) {
      parameters.add(new Item.ByteString(Tag.INITIALIZATION_VECTOR, initializationVector.clone()));
    }
    if (derivationData != null) {
      parameters.add(new Item.ByteString(Tag.DERIVATION_DATA, derivationData.clone()));
    }
    if (salt != null) {
      parameters.add(new Item.ByteString(Tag.SALT, salt.clone()));
    }
    if (iterationCount != null) {
      parameters.add(new Item.Integer(Tag.ITERATION_COUNT, iterationCount));
    }
    List<Item> attrs = new ArrayList<>(attributes);
    int mask = usage;
    if (mask == 0 && objectType == ObjectType.SYMMETRIC_KEY) {
      mask = CryptographicUsageMask.ENCRYPT.value() | CryptographicUsageMask.DECRYPT.value();
    }
    if (mask != 0) {
      attrs.add(new Item.Integer(Tag.CRYPTOGRAPHIC_USAGE_MASK, mask));
    }
    List<Item> p = new ArrayList<>();
    p.add(new Item.Enumeration(Tag.OBJECT_TYPE, objectType.value()));
    if (baseUniqueIdentifier != null) {
      p.add(new Item.TextString(Tag.UNIQUE_IDENTIFIER, baseUniqueIdentifier));
    }
    p.add(new Item.Enumeration(Tag.DERIVATION_METHOD, method.value()));
    p.add(new Item.Structure(Tag.DERIVATION_PARAMETERS, parameters));
    p.add(new Item.Structure(Tag.ATTRIBUTES, attrs));
    return p;
  }
}
