package keyward.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import keyward.kmip.spec.CertificateType;
import keyward.kmip.spec.CryptographicAlgorithm;
import keyward.kmip.spec.CryptographicUsageMask;
import keyward.kmip.spec.KeyFormatType;
import keyward.kmip.spec.NameType;
import keyward.kmip.spec.ObjectType;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.SecretDataType;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;

/**
 * A Create or Register being put together; {@link #execute()} sends it and returns the new
 * object's Unique Identifier. With {@link #activate()} an Activate follows in the same request
 * message as a second batch item, naming no object: the server uses the ID Placeholder the first
 * item set.
 */
public final class ObjectRequest {
  private final KmipClient client;
  private final Operation operation;
  private final ObjectType objectType;
  private final Item object; // Register only
  private final List<Item> attributes = new ArrayList<>();
  private int usage;
  private boolean activate;

  private ObjectRequest(KmipClient client, Operation operation, ObjectType type, Item object) {
    this.client = client;
    this.operation = operation;
    this.objectType = type;
    this.object = object;
  }

  static ObjectRequest create(KmipClient c, CryptographicAlgorithm alg, int lengthBits) {
    ObjectRequest r = new ObjectRequest(c, Operation.CREATE, ObjectType.SYMMETRIC_KEY, null);
    r.attributes.add(new Item.Enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, alg.value()));
    r.attributes.add(new Item.Integer(Tag.CRYPTOGRAPHIC_LENGTH, lengthBits));
    return r;
  }

  static ObjectRequest registerSymmetricKey(KmipClient c, CryptographicAlgorithm alg, byte[] key) {
    Item block = new Item.Structure(Tag.KEY_BLOCK,
        new Item.Enumeration(Tag.KEY_FORMAT_TYPE, KeyFormatType.RAW.value()),
        new Item.Structure(Tag.KEY_VALUE, new Item.ByteString(Tag.KEY_MATERIAL, key.clone())),
        new Item.Enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, alg.value()),
        new Item.Integer(Tag.CRYPTOGRAPHIC_LENGTH, key.length * 8));
    return new ObjectRequest(c, Operation.REGISTER, ObjectType.SYMMETRIC_KEY,
        new Item.Structure(Tag.SYMMETRIC_KEY, block));
  }

  static ObjectRequest registerObject(KmipClient c, ObjectType type, Item.Structure object) {
    return new ObjectRequest(c, Operation.REGISTER, type, object);
  }

  static ObjectRequest registerSecretData(KmipClient c, byte[] secret) {
    Item block = new Item.Structure(Tag.KEY_BLOCK,
        new Item.Enumeration(Tag.KEY_FORMAT_TYPE, KeyFormatType.OPAQUE.value()),
        new Item.Structure(Tag.KEY_VALUE, new Item.ByteString(Tag.KEY_MATERIAL, secret.clone())));
    return new ObjectRequest(c, Operation.REGISTER, ObjectType.SECRET_DATA,
        new Item.Structure(Tag.SECRET_DATA,
            new Item.Enumeration(Tag.SECRET_DATA_TYPE, SecretDataType.PASSWORD.value()), block));
  }

  static ObjectRequest createSecretData(KmipClient c, Integer lengthBits) {
    ObjectRequest r = new ObjectRequest(c, Operation.CREATE, ObjectType.SECRET_DATA, null);
    if (lengthBits != null) {
      r.attributes.add(new Item.Integer(Tag.CRYPTOGRAPHIC_LENGTH, lengthBits));
    }
    return r;
  }

  static ObjectRequest registerCertificate(KmipClient c, byte[] der) {
    return new ObjectRequest(c, Operation.REGISTER, ObjectType.CERTIFICATE,
        new Item.Structure(Tag.CERTIFICATE, new Item.Enumeration(Tag.CERTIFICATE_TYPE, CertificateType.X_509.value()),
            new Item.ByteString(Tag.CERTIFICATE_VALUE, der.clone())));
  }

  static ObjectRequest registerOpaqueObject(KmipClient c, int opaqueDataType, byte[] value) {
    return new ObjectRequest(c, Operation.REGISTER, ObjectType.OPAQUE_OBJECT,
        new Item.Structure(Tag.OPAQUE_OBJECT, new Item.Enumeration(Tag.OPAQUE_DATA_TYPE, opaqueDataType),
            new Item.ByteString(Tag.OPAQUE_DATA_VALUE, value.clone())));
  }

  static ObjectRequest registerPgpKey(KmipClient c, int pgpKeyVersion, byte[] key) {
    Item block = new Item.Structure(Tag.KEY_BLOCK,
        new Item.Enumeration(Tag.KEY_FORMAT_TYPE, KeyFormatType.RAW.value()),
        new Item.Structure(Tag.KEY_VALUE, new Item.ByteString(Tag.KEY_MATERIAL, key.clone())));
    return new ObjectRequest(c, Operation.REGISTER, ObjectType.PGP_KEY,
        new Item.Structure(Tag.PGP_KEY, new Item.Integer(Tag.PGP_KEY_VERSION, pgpKeyVersion), block));
  }

  static ObjectRequest registerPkcs12(KmipClient c, byte[] pfx, String passwordUniqueIdentifier) {
    Item block = new Item.Structure(Tag.KEY_BLOCK,
        new Item.Enumeration(Tag.KEY_FORMAT_TYPE, KeyFormatType.PKCS_12.value()),
        new Item.ByteString(Tag.KEY_VALUE, pfx.clone()));
    ObjectRequest r = new ObjectRequest(c, Operation.REGISTER, ObjectType.PRIVATE_KEY,
        new Item.Structure(Tag.PRIVATE_KEY, block));
    r.attributes.add(AttributeValues.link(keyward.kmip.spec.LinkType.PKCS_12_PASSWORD_LINK,
        Objects.requireNonNull(passwordUniqueIdentifier, "passwordUniqueIdentifier")));
    return r;
  }

  /** Adds a Name (Uninterpreted Text String); may be called more than once. */
  public ObjectRequest name(String name) {
    attributes.add(AttributeValues.name(Objects.requireNonNull(name, "name")));
    return this;
  }

  /**
   * Sets the Cryptographic Usage Mask. Default for a created key: Encrypt|Decrypt (servers
   * require a mask on Create); for Register none is sent.
   */
  public ObjectRequest usage(CryptographicUsageMask... bits) {
    for (CryptographicUsageMask b : bits) {
      usage |= b.value();
    }
    return this;
  }

  /** Adds any attribute in the 2.x shape (see {@link AttributeValues#parse}). */
  public ObjectRequest attribute(Item attribute) {
    attributes.add(Objects.requireNonNull(attribute, "attribute"));
    return this;
  }

  /** Activates the new object in the same request message. */
  public ObjectRequest activate() {
    this.activate = true;
    return this;
  }

  /** Sends the request; returns the new object's Unique Identifier. */
  public String execute() {
    return client.batch().add(this).execute().orThrow().item(0).uniqueIdentifier();
  }

  /** The batch items: the Create or Register, and the Activate if asked for. */
  List<Batch.Pending> pending() {
    List<Item> attrs = new ArrayList<>(attributes);
    int mask = usage;
    if (mask == 0 && operation == Operation.CREATE && objectType == ObjectType.SYMMETRIC_KEY) {
      mask = CryptographicUsageMask.ENCRYPT.value() | CryptographicUsageMask.DECRYPT.value();
    }
    if (mask != 0) {
      attrs.add(new Item.Integer(Tag.CRYPTOGRAPHIC_USAGE_MASK, mask));
    }
    List<Item> payload = new ArrayList<>();
    payload.add(new Item.Enumeration(Tag.OBJECT_TYPE, objectType.value()));
    payload.add(new Item.Structure(Tag.ATTRIBUTES, attrs));
    if (object != null) {
      payload.add(object);
    }
    List<Batch.Pending> items = new ArrayList<>();
    items.add(new Batch.Pending(operation, payload));
    if (activate) {
      items.add(new Batch.Pending(Operation.ACTIVATE, List.of()));
    }
    return items;
  }
}
