package keyward.server.operation;

import java.util.Optional;
import keyward.kmip.spec.KeyFormatType;
import keyward.kmip.spec.KeyWrapType;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.ObjectType;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.KmipException;
import keyward.server.object.AsymmetricKeyBlocks;
import keyward.server.object.KeyBlocks;
import keyward.server.object.ManagedObject;
import keyward.server.object.Transitions;

/**
 * Get (1.4 §4.11, 2.1 §6.1.19): the object itself. A key comes back in the format it was
 * registered or created in, or converted: symmetric keys between Raw and Transparent Symmetric
 * Key, public and private keys among the formats {@link AsymmetricKeyBlocks} names; any other
 * conversion is Key Format Type Not Supported. A private key is also served as PKCS#12, with its
 * certificate chain and password found through links ({@link Pkcs12}). Refused: an archived object (Object Archived), a
 * destroyed one (Object Destroyed, BL-M-8-21; 1.x: Illegal Operation), a Sensitive one unless it is asked for wrapped (BL-M-12-21;
 * wrapping: {@link KeyWrapping}, AX-M-2). A key registered wrapped comes back as registered (also
 * when the specification asks for the wrapping it has), or unwrapped with Key Wrap Type Not
 * Wrapped (then rewrapped if a specification is given too); a non-Extractable one is refused. Serving the object clears Fresh
 * (BL-M-13-21).
 */
public final class GetHandler implements OperationHandler {
  private final keyward.spi.crypto.CryptoEngine crypto;

  public GetHandler(keyward.spi.crypto.CryptoEngine crypto) {
    this.crypto = crypto;
  }

  @Override
  public Operation operation() {
    return Operation.GET;
  }

  /** Only the first Get of a Fresh object writes. */
  @Override
  public boolean readMostly() {
    return true;
  }

  @Override
  public Item.Structure handle(OperationContext context, Item.Structure payload) throws Exception {
    String uid = Payloads.uniqueIdentifier(context, payload);
    ManagedObject mo = Payloads.online(context, uid);
    if (Transitions.destroyed(mo.state(context.now())) || mo.object() == null) {
      // 1.4 Table 338: "the server only has attributes for this object" is Illegal Operation
      throw new KmipException(context.version().atLeast(KmipVersion.V2_0)
          ? ResultReason.OBJECT_DESTROYED : ResultReason.ILLEGAL_OPERATION,
          "the object is destroyed: its key material is gone");
    }
    Item wrapping = payload.first(Tag.KEY_WRAPPING_SPECIFICATION).orElse(null);
    if (wrapping != null && !(wrapping instanceof Item.Structure)) {
      throw KmipException.invalidField("Key Wrapping Specification must be a structure");
    }
    Optional<Integer> wrapType = Payloads.enumeration(payload, Tag.KEY_WRAP_TYPE);
    if (wrapType.isPresent() && wrapType.get() != KeyWrapType.NOT_WRAPPED.value()
        && wrapType.get() != KeyWrapType.AS_REGISTERED.value()) {
      throw new KmipException(ResultReason.KEY_WRAP_TYPE_NOT_SUPPORTED, "unknown Key Wrap Type");
    }
    if (payload.first(Tag.KEY_COMPRESSION_TYPE).isPresent()) {
      throw new KmipException(ResultReason.KEY_COMPRESSION_TYPE_NOT_SUPPORTED,
          "this server does not compress elliptic curve keys");
    }
    if (flag(mo, Tag.SENSITIVE, false) && (wrapping == null || !KeyWrapping.encrypts((Item.Structure) wrapping))) {
      // MAC/sign alone would release the Key Value in the clear
      throw new KmipException(ResultReason.SENSITIVE, "the object is Sensitive: it is only released encrypted");
    }
    if (!flag(mo, Tag.EXTRACTABLE, true)) {
      throw new KmipException(ResultReason.NOT_EXTRACTABLE, "the object is not Extractable");
    }
    Item.Structure object = mo.object();
    Optional<Item.Structure> stored = KeyBlocks.keyBlock(object);
    boolean storedWrapped = stored.isPresent() && KeyBlocks.wrapped(stored.get());
    boolean notWrapped = wrapType.isPresent() && wrapType.get() == KeyWrapType.NOT_WRAPPED.value();
    if (storedWrapped && notWrapped) {
      object = KeyBlocks.replace(object, Tag.KEY_BLOCK, KeyWrapping.unwrap(context, stored.get(), crypto));
    } else if (storedWrapped && wrapping != null) {
      // A key registered wrapped stays as registered (1.4 §4.11 Key Wrap Type As Registered). A
      // different wrapping would need the server to unwrap it first: it does that only when asked
      // to (Key Wrap Type Not Wrapped together with the specification, and only with a key it
      // holds that allows Unwrap Key), never behind the client's back.
      if (!KeyWrapping.sameWrapping((Item.Structure) wrapping, stored.get())) {
        throw new KmipException(ResultReason.KEY_WRAP_TYPE_NOT_SUPPORTED, "the key is stored wrapped otherwise: "
            + "ask with Key Wrap Type Not Wrapped to have the server unwrap and rewrap it");
      }
      wrapping = null; // already wrapped as asked
    }
    Optional<Integer> format = Payloads.enumeration(payload, Tag.KEY_FORMAT_TYPE);
    if (format.isPresent() && format.get() == KeyFormatType.PKCS_12.value() && stored.isPresent()
        && KeyBlocks.format(stored.get()).orElse(null) != KeyFormatType.PKCS_12) {
      object = KeyBlocks.replace(object, Tag.KEY_BLOCK, Pkcs12.keyBlock(context, mo)); // TC-PKCS12-1-14
    } else {
      object = inFormat(mo.objectType(), object, format);
    }
    if (wrapping != null) {
      Item.Structure block = KeyBlocks.keyBlock(object).orElseThrow(() -> new KmipException(
          ResultReason.INVALID_OBJECT_TYPE, "only objects with a key block are wrapped"));
      object = KeyBlocks.replace(object, Tag.KEY_BLOCK,
          KeyWrapping.wrap(context, (Item.Structure) wrapping, block, mo.attributes(), crypto));
    }
    if (flag(mo, Tag.FRESH, false)) {
      mo.attributes().set(new Item.Boolean(Tag.FRESH, false)); // served now (1.4 §3.34)
      context.objects().save(mo);
    }
    return Payloads.response(new Item.Enumeration(Tag.OBJECT_TYPE, mo.objectType().value()),
        Payloads.uid(uid), object);
  }

  private static Item.Structure inFormat(ObjectType type, Item.Structure object, Optional<Integer> asked)
      throws KmipException {
    if (asked.isEmpty()) {
      return object;
    }
    KeyFormatType want = KeyFormatType.fromValue(asked.get());
    Optional<Item.Structure> block = KeyBlocks.keyBlock(object);
    if (want == null || block.isEmpty()) {
      throw formatRefused();
    }
    if (KeyBlocks.format(block.get()).orElse(null) == want) {
      return object;
    }
    if (type == ObjectType.PRIVATE_KEY || type == ObjectType.PUBLIC_KEY) {
      return KeyBlocks.replace(object, Tag.KEY_BLOCK, AsymmetricKeyBlocks.convert(type, block.get(), want));
    }
    if (type != ObjectType.SYMMETRIC_KEY) {
      throw formatRefused();
    }
    Item.Structure converted = KeyBlocks.convertSymmetric(block.get(), want).orElseThrow(GetHandler::formatRefused);
    return KeyBlocks.replace(object, Tag.KEY_BLOCK, converted);
  }

  private static KmipException formatRefused() {
    return new KmipException(ResultReason.KEY_FORMAT_TYPE_NOT_SUPPORTED,
        "the object is available in its own format (and symmetric keys in Raw or Transparent Symmetric Key)");
  }

  private static boolean flag(ManagedObject mo, int tag, boolean dflt) {
    return mo.attributes().first(tag).filter(Item.Boolean.class::isInstance)
        .map(i -> ((Item.Boolean) i).value()).orElse(dflt);
  }
}
