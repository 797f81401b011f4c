package keyward.server.operation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import keyward.kmip.spec.CryptographicAlgorithm;
import keyward.kmip.spec.CryptographicUsageMask;
import keyward.kmip.spec.DerivationMethod;
import keyward.kmip.spec.HashingAlgorithm;
import keyward.kmip.spec.KeyFormatType;
import keyward.kmip.spec.LinkType;
import keyward.kmip.spec.ObjectType;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.SecretDataType;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.KmipException;
import keyward.server.crypto.CipherAlgorithm;
import keyward.server.crypto.CipherParameters;
import keyward.server.crypto.Ciphers;
import keyward.server.crypto.Derivations;
import keyward.server.crypto.Hashes;
import keyward.server.object.AttributeSet;
import keyward.server.object.ManagedObject;
import keyward.server.object.Names;
import keyward.server.object.ServerAttributes;
import keyward.spi.crypto.CryptoEngine;

/**
 * Derive Key (1.4 §4.6, 2.1 §6.1): a new Symmetric Key or Secret Data derived from one base
 * object (a key or Secret Data that is Active, may Derive Key and is in the clear). Methods:
 * PBKDF2 (Salt and Iteration Count required), HASH, HMAC, NIST SP 800-108 counter, feedback and
 * double-pipeline modes (HMAC PRF, 32-bit counter; the Derivation Data is the fixed input, the
 * feedback mode's IV is the Initialization Vector) and HKDF, the hash from the Derivation
 * Parameters' Cryptographic Parameters (SHA-256 when absent); ENCRYPT, the Derivation Data
 * encrypted with the base key; the others (asymmetric, AWS Signature Version 4) are Feature Not
 * Supported. The new object's Cryptographic Algorithm and Length come from the request's
 * attributes, checked as Create checks them. Links both ways: the new object's Derivation Base
 * Object link names the base, the base gets a Derived Key link. The new identifier becomes the
 * ID Placeholder.
 */
public final class DeriveKeyHandler implements OperationHandler {
  private final CryptoEngine crypto;

  public DeriveKeyHandler(CryptoEngine crypto) {
    this.crypto = crypto;
  }

  @Override
  public Operation operation() {
    return Operation.DERIVE_KEY;
  }

  @Override
  public Item.Structure handle(OperationContext context, Item.Structure payload) throws Exception {
    ObjectType type = Payloads.objectType(payload);
    if (type != ObjectType.SYMMETRIC_KEY && type != ObjectType.SECRET_DATA) {
      throw new KmipException(ResultReason.INVALID_OBJECT_TYPE, "Derive Key makes Symmetric Keys and Secret Data");
    }
    if (payload.all(Tag.UNIQUE_IDENTIFIER).size() > 1) {
      throw new KmipException(ResultReason.FEATURE_NOT_SUPPORTED, "derivation from one base object only");
    }
    String baseUid = Payloads.uniqueIdentifier(context, payload);
    DerivationMethod method = Payloads.enumeration(payload, Tag.DERIVATION_METHOD).map(DerivationMethod::fromValue)
        .orElseThrow(() -> KmipException.invalidField("a known Derivation Method is required"));
    Item dp = payload.first(Tag.DERIVATION_PARAMETERS).orElse(null);
    if (dp != null && !(dp instanceof Item.Structure)) {
      throw KmipException.invalidField("Derivation Parameters must be a structure");
    }
    Item.Structure parameters = dp == null ? new Item.Structure(Tag.DERIVATION_PARAMETERS) : (Item.Structure) dp;
    List<Item> client = Payloads.clientAttributes(Payloads.attributes(payload), type, context);
    AttributeSet given = new AttributeSet(client);
    Integer length = given.first(Tag.CRYPTOGRAPHIC_LENGTH).filter(Item.Integer.class::isInstance)
        .map(i -> ((Item.Integer) i).value()).orElse(null);
    KeyGeneration.Spec spec = null;
    int bytes;
    if (type == ObjectType.SYMMETRIC_KEY) {
      spec = KeyGeneration.symmetric(given.first(Tag.CRYPTOGRAPHIC_ALGORITHM).filter(Item.Enumeration.class::isInstance)
          .map(i -> ((Item.Enumeration) i).value()).orElse(null), length);
      bytes = spec.bytes();
    } else {
      bytes = KeyGeneration.secretDataBytes(length);
    }
    ManagedObject base = null;
    byte[] material = null;
    try {
      base = CryptoKeys.usable(context, baseUid, CryptographicUsageMask.DERIVE_KEY, true);
      material = method == DerivationMethod.ENCRYPT ? encrypt(base, parameters, bytes)
          : derive(method, parameters, CryptoKeys.secretBytes(base), bytes);
      if (spec != null && spec.algorithm() == CryptographicAlgorithm.DES3) {
        for (int i = 0; i < material.length; i++) {
          material[i] = KeyGeneration.oddParity(material[i]);
        }
      }
      List<Item> attributes = new ArrayList<>(client);
      Item.Structure object;
      if (spec != null) {
        object = new Item.Structure(Tag.SYMMETRIC_KEY, CreateHandler.keyBlock(KeyFormatType.RAW, material,
            new Item.Enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, spec.algorithm().value()),
            new Item.Integer(Tag.CRYPTOGRAPHIC_LENGTH, spec.length())));
        attributes.removeIf(a -> a.tag() == Tag.CRYPTOGRAPHIC_LENGTH);
        attributes.add(new Item.Integer(Tag.CRYPTOGRAPHIC_LENGTH, spec.length()));
      } else {
        object = new Item.Structure(Tag.SECRET_DATA,
            new Item.Enumeration(Tag.SECRET_DATA_TYPE, SecretDataType.SEED.value()),
            CreateHandler.keyBlock(KeyFormatType.OPAQUE, material));
      }
      Names.checkUnique(context.objects(), given.all(Tag.NAME), null);
      String uid = context.objects().newUniqueIdentifier();
      attributes.add(link(LinkType.DERIVATION_BASE_OBJECT_LINK, baseUid));
      AttributeSet set = ServerAttributes.forNewObject(uid, type, object, attributes, List.of(),
          ServerAttributes.Origin.DERIVED, context.now(), crypto);
      context.objects().insert(uid, type, object, set);
      base.attributes().add(link(LinkType.DERIVED_KEY_LINK, uid));
      context.objects().save(base);
      context.batch().setIdPlaceholder(uid);
      return Payloads.response(Payloads.uid(uid));
    } finally {
      if (material != null) {
        Arrays.fill(material, (byte) 0); // the store holds its own encoding
      }
      CryptoKeys.wipe(base);
    }
  }

  private static byte[] derive(DerivationMethod method, Item.Structure p, byte[] base, int length) throws Exception {
    Item cp = p.first(Tag.CRYPTOGRAPHIC_PARAMETERS).orElse(null);
    HashingAlgorithm hashing = cp instanceof Item.Structure s ? CipherParameters.of(s).hashing() : null;
    if (hashing == null) {
      hashing = HashingAlgorithm.SHA_256;
    }
    byte[] data = CryptoKeys.bytes(p, Tag.DERIVATION_DATA);
    byte[] salt = CryptoKeys.bytes(p, Tag.SALT);
    return switch (method) {
      case PBKDF2 -> {
        if (salt == null) {
          throw KmipException.invalidField("PBKDF2 needs a Salt");
        }
        int iterations = Payloads.integer(p, Tag.ITERATION_COUNT)
            .orElseThrow(() -> KmipException.invalidField("PBKDF2 needs an Iteration Count"));
        yield Derivations.pbkdf2(Hashes.hmacName(hashing), base, salt, iterations, length);
      }
      case HASH -> Derivations.hash(Hashes.jcaName(hashing), base, data, length);
      case HMAC -> Derivations.hmac(Hashes.hmacName(hashing), base, required(data, method), length);
      case NIST800_108_C -> Derivations.counterMode(Hashes.hmacName(hashing), base, required(data, method), length);
      case NIST800_108_F -> Derivations.feedbackMode(Hashes.jcaName(hashing), base,
          CryptoKeys.bytes(p, Tag.INITIALIZATION_VECTOR), required(data, method), length);
      case NIST800_108_DPI -> Derivations.doublePipelineMode(Hashes.jcaName(hashing), base, required(data, method),
          length);
      case HKDF -> Derivations.hkdf(Hashes.hmacName(hashing), base, salt, data, length);
      default -> throw new KmipException(ResultReason.FEATURE_NOT_SUPPORTED,
          "this server does not derive with " + method.specName());
    };
  }

  /**
   * ENCRYPT derivation: the Derivation Data encrypted with the base key under the Derivation
   * Parameters' Cryptographic Parameters (and Initialization Vector), through the cipher table;
   * the derived bytes are the first bytes of the ciphertext, which must be long enough.
   */
  private static byte[] encrypt(ManagedObject base, Item.Structure p, int length) throws Exception {
    byte[] data = required(CryptoKeys.bytes(p, Tag.DERIVATION_DATA), DerivationMethod.ENCRYPT);
    Item cp = p.first(Tag.CRYPTOGRAPHIC_PARAMETERS).orElse(null);
    CipherParameters params = CipherParameters.of(cp instanceof Item.Structure s ? s : null);
    CryptographicAlgorithm algorithm = CryptoKeys.algorithm(base);
    CipherAlgorithm cipher = Ciphers.forAlgorithm(algorithm).orElseThrow(() -> new KmipException(
        ResultReason.FEATURE_NOT_SUPPORTED, "this server does not encrypt with " + algorithm.specName()));
    byte[] out = cipher.start(true, cipher.key(CryptoKeys.block(base)), params,
        CryptoKeys.bytes(p, Tag.INITIALIZATION_VECTOR), null).finish(data, null).data();
    if (out.length < length) {
      Arrays.fill(out, (byte) 0);
      throw KmipException.invalidField("the encrypted Derivation Data is shorter than the key to derive");
    }
    byte[] key = Arrays.copyOf(out, length);
    Arrays.fill(out, (byte) 0);
    return key;
  }

  private static byte[] required(byte[] data, DerivationMethod method) throws KmipException {
    if (data == null) {
      throw KmipException.invalidField(method.specName() + " derivation needs Derivation Data");
    }
    return data;
  }

  private static Item link(LinkType type, String target) {
    return new Item.Structure(Tag.LINK, new Item.Enumeration(Tag.LINK_TYPE, type.value()),
        new Item.TextString(Tag.LINKED_OBJECT_IDENTIFIER, target));
  }
}
