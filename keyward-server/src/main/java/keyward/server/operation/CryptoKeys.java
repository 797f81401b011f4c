package keyward.server.operation;

import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import keyward.kmip.spec.CryptographicAlgorithm;
import keyward.kmip.spec.CryptographicUsageMask;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.ObjectType;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.State;
import keyward.kmip.spec.Tag;
import keyward.kmip.spec.UsageLimitsUnit;
import keyward.kmip.ttlv.Item;
import keyward.server.KmipException;
import keyward.server.crypto.CipherParameters;
import keyward.server.object.KeyBlocks;
import keyward.server.object.Lifecycle;
import keyward.server.object.ManagedObject;

/**
 * The key a cryptographic operation uses (2.1 §6.1: Encrypt, Decrypt, MAC, MAC Verify): may it
 * be used now, with which parameters, and what it costs.
 *
 * <ul>
 *   <li>It is a key with a key block in the clear (Invalid Object Type; Cryptographic Failure
 *       when it is stored wrapped).
 *   <li>Its state (2.1 §4.57, NIST SP 800-57): applying protection (Encrypt, MAC) needs an Active
 *       key before its Protect Stop Date; processing (Decrypt, MAC Verify) an Active, Deactivated
 *       or Compromised key from its Process Start Date on. Otherwise Wrong Key Lifecycle State
 *       (CS-BC-M-14-21; 1.x: Permission Denied, CS-BC-M-14-14).
 *   <li>Its Cryptographic Usage Mask has the operation's bit (Incompatible Cryptographic Usage
 *       Mask; 1.x has no such reason and gets Permission Denied, as Check answers).
 *   <li>Applying protection spends Usage Limits: bytes of data or one object per operation;
 *       what exceeds the count is Permission Denied (CS-BC-M-7-21 and -14 expect that reason).
 * </ul>
 */
final class CryptoKeys {
  private CryptoKeys() {}

  static ManagedObject usable(OperationContext context, String uid, CryptographicUsageMask bit, boolean protect)
      throws Exception {
    ManagedObject mo = Payloads.online(context, uid);
    ObjectType type = mo.objectType();
    boolean derivationBase = bit == CryptographicUsageMask.DERIVE_KEY && type == ObjectType.SECRET_DATA;
    if (type != ObjectType.SYMMETRIC_KEY && type != ObjectType.PUBLIC_KEY && type != ObjectType.PRIVATE_KEY
        && !derivationBase) {
      throw new KmipException(ResultReason.INVALID_OBJECT_TYPE, bit.specName() + " needs a key, not "
          + type.specName());
    }
    Instant now = context.now();
    State state = mo.state(now);
    boolean stateOk = protect ? state == State.ACTIVE
        : state == State.ACTIVE || state == State.DEACTIVATED || state == State.COMPROMISED;
    if (!stateOk || mo.object() == null) {
      throw new KmipException(ResultReason.WRONG_KEY_LIFECYCLE_STATE,
          "DENIED: a key in state " + state.specName() + " cannot " + (protect ? "apply" : "process")
              + " cryptographic protection");
    }
    if (protect && Lifecycle.date(mo.attributes(), Tag.PROTECT_STOP_DATE).map(d -> !now.isBefore(d)).orElse(false)) {
      throw new KmipException(ResultReason.WRONG_KEY_LIFECYCLE_STATE, "DENIED: the key's Protect Stop Date has passed");
    }
    if (!protect && Lifecycle.date(mo.attributes(), Tag.PROCESS_START_DATE).map(now::isBefore).orElse(false)) {
      throw new KmipException(ResultReason.WRONG_KEY_LIFECYCLE_STATE, "DENIED: the key's Process Start Date has not come");
    }
    int mask = mo.attributes().first(Tag.CRYPTOGRAPHIC_USAGE_MASK).filter(Item.Integer.class::isInstance)
        .map(i -> ((Item.Integer) i).value()).orElse(0);
    if ((mask & bit.value()) == 0) {
      throw new KmipException(context.version().atLeast(KmipVersion.V2_0)
          ? ResultReason.INCOMPATIBLE_CRYPTOGRAPHIC_USAGE_MASK : ResultReason.PERMISSION_DENIED,
          "the key's Cryptographic Usage Mask does not allow " + bit.specName());
    }
    if (KeyBlocks.wrapped(block(mo))) {
      throw new KmipException(ResultReason.CRYPTOGRAPHIC_FAILURE, "the key is stored wrapped");
    }
    return mo;
  }

  static Item.Structure block(ManagedObject mo) throws KmipException {
    return KeyBlocks.keyBlock(mo.object()).orElseThrow(() -> KmipException.invalidField("the object has no key block"));
  }

  /**
   * The request's Cryptographic Parameters, else the key's Cryptographic Parameters attribute
   * (its first instance), else none: an omitted structure is taken whole from the key.
   */
  static CipherParameters parameters(Item.Structure payload, ManagedObject key) throws KmipException {
    Item given = payload.first(Tag.CRYPTOGRAPHIC_PARAMETERS)
        .or(() -> key == null ? Optional.empty() : key.attributes().first(Tag.CRYPTOGRAPHIC_PARAMETERS))
        .orElse(null);
    if (given != null && !(given instanceof Item.Structure)) {
      throw KmipException.invalidField("Cryptographic Parameters must be a structure");
    }
    return CipherParameters.of((Item.Structure) given);
  }

  /** The key's Cryptographic Algorithm: its key block's, else its attribute. */
  static CryptographicAlgorithm algorithm(ManagedObject mo) throws KmipException {
    Optional<Integer> v = KeyBlocks.algorithm(block(mo));
    if (v.isEmpty()) {
      v = mo.attributes().first(Tag.CRYPTOGRAPHIC_ALGORITHM).filter(Item.Enumeration.class::isInstance)
          .map(i -> ((Item.Enumeration) i).value());
    }
    CryptographicAlgorithm a = v.map(CryptographicAlgorithm::fromValue).orElse(null);
    if (a == null) {
      throw KmipException.invalidField("the key has no known Cryptographic Algorithm");
    }
    return a;
  }

  /** The raw symmetric key bytes (the decoded object's own array: wipe it when done). */
  static byte[] symmetricBytes(ManagedObject mo) throws KmipException {
    return KeyBlocks.symmetricKeyBytes(block(mo))
        .orElseThrow(() -> KmipException.invalidField("the key is not a Raw or Transparent Symmetric Key"));
  }

  /**
   * The key material of a symmetric key or of Secret Data (Raw, Opaque or Transparent
   * Symmetric Key: the decoded object's own array, wipe it when done).
   */
  static byte[] secretBytes(ManagedObject mo) throws KmipException {
    Item.Structure block = block(mo);
    Optional<byte[]> key = KeyBlocks.symmetricKeyBytes(block);
    if (key.isPresent()) {
      return key.get();
    }
    if (KeyBlocks.format(block).orElse(null) == keyward.kmip.spec.KeyFormatType.OPAQUE
        && KeyBlocks.keyMaterial(block).orElse(null) instanceof Item.ByteString b) {
      return b.value();
    }
    throw KmipException.invalidField("the object's key material is not raw bytes");
  }

  /**
   * Zeroes the key bytes of the decoded object once the operation is done (and saved): the
   * request's copy of the key does not linger until garbage collection.
   */
  static void wipe(ManagedObject mo) {
    if (mo != null && mo.object() != null) {
      try {
        Arrays.fill(secretBytes(mo), (byte) 0);
      } catch (KmipException notRawBytes) {
        // nothing of ours to wipe
      }
    }
  }

  /**
   * Spends Usage Limits for applying protection to {@code bytes} of data: the count drops by the
   * bytes (unit Byte) or, for the {@code first} part of an operation, by one (unit Object); more
   * than is left is Permission Denied. Saves the object when the count changed.
   *
   * <p>Callers (Encrypt, MAC, Sign, RSA Encrypt) spend before they make any output, in the
   * request's write transaction, which reads the count under the store's write lock (SQLite's
   * single writer; PostgreSQL's row lock, {@code FOR UPDATE}): concurrent requests on any node
   * never spend the same units, and output never leaves for a use that was not stored.
   */
  static void spend(OperationContext context, ManagedObject mo, long bytes, boolean first) throws Exception {
    Item limits = mo.attributes().first(Tag.USAGE_LIMITS).orElse(null);
    if (!(limits instanceof Item.Structure s)) {
      return;
    }
    Optional<Long> left = CheckHandler.remaining(mo);
    if (left.isEmpty()) {
      return;
    }
    boolean perByte = s.first(Tag.USAGE_LIMITS_UNIT).filter(Item.Enumeration.class::isInstance)
        .map(i -> ((Item.Enumeration) i).value() == UsageLimitsUnit.BYTE.value()).orElse(false);
    long cost = perByte ? bytes : first ? 1 : 0;
    if (cost == 0) {
      return;
    }
    if (cost > left.get()) {
      throw KmipException.permissionDenied("DENIED: the key's Usage Limits are used up");
    }
    mo.attributes().set(KeyBlocks.replace(s, Tag.USAGE_LIMITS_COUNT,
        new Item.LongInteger(Tag.USAGE_LIMITS_COUNT, left.get() - cost)));
    context.objects().save(mo);
  }

  /** An optional Byte String field. */
  static byte[] bytes(Item.Structure payload, int tag) throws KmipException {
    Item i = payload.first(tag).orElse(null);
    if (i == null) {
      return null;
    }
    if (!(i instanceof Item.ByteString b)) {
      throw KmipException.invalidField("a Byte String field has the wrong item type");
    }
    return b.value();
  }

  /** An optional Boolean field. */
  static boolean flag(Item.Structure payload, int tag) throws KmipException {
    Item i = payload.first(tag).orElse(null);
    if (i == null) {
      return false;
    }
    if (!(i instanceof Item.Boolean b)) {
      throw KmipException.invalidField("an indicator must be a Boolean");
    }
    return b.value();
  }
}
