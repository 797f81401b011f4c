package keyward.server.operation;

import java.time.Instant;
import java.util.Optional;
import keyward.kmip.spec.CryptographicUsageMask;
import keyward.kmip.spec.ObjectType;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.State;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.KmipException;
import keyward.server.crypto.AsymmetricParameters;
import keyward.server.object.KeyBlocks;
import keyward.server.object.Lifecycle;
import keyward.server.object.ManagedObject;

/**
 * Whether a public or private key may do a cryptographic operation now (2.1 §4.57, §6.1): it is
 * of the right object type (Invalid Object Type), its Usage Mask has the operation's bit
 * (Incompatible Cryptographic Usage Mask), and its state allows it (Wrong Key Lifecycle
 * State): protecting operations (Sign, Encrypt, Wrap) need an Active key before its Protect
 * Stop Date; processing ones (Verify, Decrypt, Unwrap) an Active, Deactivated or Compromised
 * key (2.1 §4.57: a compromised key may still process, as symmetric keys do in {@link
 * CryptoKeys}) from its Process Start Date (CS-AC-M-8). Also: the Cryptographic Parameters of the request, else the
 * key's own attribute.
 */
final class KeyUse {
  private KeyUse() {}

  static ManagedObject check(OperationContext context, String uid, ObjectType type, CryptographicUsageMask bit,
      boolean protect) throws Exception {
    ManagedObject mo = Payloads.online(context, uid);
    if (mo.objectType() != type) {
      throw new KmipException(ResultReason.INVALID_OBJECT_TYPE, "this operation needs a " + type.specName());
    }
    Instant now = context.now();
    State state = mo.state(now);
    boolean stateOk = protect ? state == State.ACTIVE
        : state == State.ACTIVE || state == State.DEACTIVATED || state == State.COMPROMISED;
    Optional<Instant> limit = Lifecycle.date(mo.attributes(), protect ? Tag.PROTECT_STOP_DATE : Tag.PROCESS_START_DATE);
    boolean dateOk = limit.isEmpty() || (protect ? now.isBefore(limit.get()) : !now.isBefore(limit.get()));
    if (!stateOk || !dateOk || mo.object() == null) {
      throw new KmipException(ResultReason.WRONG_KEY_LIFECYCLE_STATE,
          "the key cannot be used for this in state " + state.specName()
              + (stateOk ? (protect ? " after its Protect Stop Date" : " before its Process Start Date") : ""));
    }
    int mask = mo.attributes().first(Tag.CRYPTOGRAPHIC_USAGE_MASK).filter(Item.Integer.class::isInstance)
        .map(i -> ((Item.Integer) i).value()).orElse(0);
    if ((mask & bit.value()) == 0) {
      throw new KmipException(ResultReason.INCOMPATIBLE_CRYPTOGRAPHIC_USAGE_MASK,
          "the key's Cryptographic Usage Mask does not allow " + bit.specName());
    }
    Item.Structure block = KeyBlocks.keyBlock(mo.object()).orElseThrow(
        () -> KmipException.invalidField("the object has no key block"));
    if (KeyBlocks.wrapped(block)) {
      throw new KmipException(ResultReason.CRYPTOGRAPHIC_FAILURE, "the key is stored wrapped");
    }
    return mo;
  }

  /** The request's Cryptographic Parameters, else the key's first Cryptographic Parameters attribute. */
  static AsymmetricParameters parameters(Item.Structure payload, ManagedObject key) throws KmipException {
    Item given = payload.first(Tag.CRYPTOGRAPHIC_PARAMETERS)
        .or(() -> key.attributes().first(Tag.CRYPTOGRAPHIC_PARAMETERS)).orElse(null);
    return given instanceof Item.Structure s ? AsymmetricParameters.of(s) : AsymmetricParameters.NONE;
  }

  /** The Byte String field, required. */
  static byte[] bytes(Item.Structure payload, int tag, String name) throws KmipException {
    Item i = payload.first(tag).orElse(null);
    if (!(i instanceof Item.ByteString b)) {
      throw KmipException.invalidField(name + " is required");
    }
    return b.value();
  }

  /** One-shot operations only: a streamed (Init/Final Indicator, Correlation Value) request is refused. */
  static void noStreaming(Item.Structure payload) throws KmipException {
    boolean init = flag(payload, Tag.INIT_INDICATOR);
    boolean fin = payload.first(Tag.FINAL_INDICATOR).isEmpty() || flag(payload, Tag.FINAL_INDICATOR);
    if (payload.first(Tag.CORRELATION_VALUE).isPresent() || payload.first(Tag.INIT_INDICATOR).isPresent() && !init
        || !fin) {
      throw new KmipException(ResultReason.FEATURE_NOT_SUPPORTED, "streamed operations are not supported");
    }
  }

  private static boolean flag(Item.Structure p, int tag) {
    return p.first(tag).filter(Item.Boolean.class::isInstance).map(i -> ((Item.Boolean) i).value()).orElse(false);
  }
}
