package keyward.server.operation;

import java.util.List;
import keyward.kmip.message.VersionGuard;
import keyward.kmip.spec.ObjectType;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.KmipException;
import keyward.server.object.AttributeSet;
import keyward.server.object.KeyBlocks;
import keyward.server.object.Names;
import keyward.server.object.ServerAttributes;
import keyward.spi.crypto.CryptoEngine;

/**
 * Register (1.4 §4.3, 2.1 Register): stores an object the client supplies, with the client's
 * attributes and the server-set ones (Digest over the registered format, Cryptographic
 * Algorithm and Length from the key block or certificate). A private key registered as PKCS#12 is
 * opened with the password its PKCS#12 Password Link names and kept as PKCS#8, its certificates
 * registered beside it ({@link Pkcs12}). The new identifier becomes the ID Placeholder.
 */
public final class RegisterHandler implements OperationHandler {
  private static final ObjectType[] OBJECTS = {
      ObjectType.CERTIFICATE, ObjectType.SYMMETRIC_KEY, ObjectType.PUBLIC_KEY, ObjectType.PRIVATE_KEY,
      ObjectType.SPLIT_KEY, ObjectType.TEMPLATE, ObjectType.SECRET_DATA, ObjectType.OPAQUE_OBJECT,
      ObjectType.PGP_KEY};

  private final CryptoEngine crypto;

  public RegisterHandler(CryptoEngine crypto) {
    this.crypto = crypto;
  }

  /** Its only write is the new object; key generation and encoding run beside other writers. */
  @Override
  public boolean insertsNew() {
    return true;
  }

  @Override
  public Operation operation() {
    return Operation.REGISTER;
  }

  @Override
  public Item.Structure handle(OperationContext context, Item.Structure payload) throws Exception {
    ObjectType type = Payloads.objectType(payload);
    Item.Structure object = object(type, payload);
    try {
      // Stored as given and returned by Get: an item the version does not define could never be
      // answered (found by MessageProcessorFuzzTest: Get then failed with General Failure).
      if (object != null) {
        VersionGuard.check(object, context.version());
      }
    } catch (VersionGuard.VersionViolation e) {
      throw new KmipException(ResultReason.INVALID_FIELD, "the object does not fit KMIP "
          + context.version() + ": " + e.getMessage());
    }
    if (type == ObjectType.TEMPLATE && object != null) {
      Templates.checkRegistered(object, context.version());
    }
    List<Item> client = new java.util.ArrayList<>(Payloads.clientAttributes(Payloads.attributes(payload), type, context));
    if (type == ObjectType.TEMPLATE && object != null) {
      client = Templates.withOwnNames(client, object);
    }
    List<java.security.cert.X509Certificate> chain = List.of();
    if (type == ObjectType.PRIVATE_KEY && object != null && Pkcs12.isPkcs12(object)) {
      Pkcs12.Opened opened = Pkcs12.open(context, object, client); // the key as PKCS#8, and its chain
      object = opened.privateKey();
      chain = opened.chain();
    }
    AttributeSet given = new AttributeSet(client);
    List<Item> derived = RegisteredObjects.check(type, object, given);
    java.util.Optional<Item.Structure> block = object == null ? java.util.Optional.empty() : KeyBlocks.keyBlock(object);
    if (block.isPresent() && KeyBlocks.wrapped(block.get())) {
      KeyWrapping.verifyRegistered(context, block.get(), crypto); // a bad MAC/Signature is refused
    }
    Names.checkUnique(context.objects(), given.all(Tag.NAME), null);
    if (!chain.isEmpty()) {
      client.add(Pkcs12.registerChain(context, chain, crypto)); // checks passed: the certificates go in
    }
    String uid = context.objects().newUniqueIdentifier();
    AttributeSet set = ServerAttributes.forNewObject(uid, type, object, client, derived,
        ServerAttributes.Origin.REGISTERED, context.now(), crypto);
    context.objects().insert(uid, type, object, set);
    context.batch().setIdPlaceholder(uid);
    return Payloads.response(Payloads.uid(uid));
  }

  /** The object the Object Type names; Invalid Field when another object came instead. */
  private static Item.Structure object(ObjectType type, Item.Structure payload) throws KmipException {
    int tag = KeyBlocks.objectTag(type);
    Item found = tag < 0 ? null : payload.first(tag).orElse(null);
    if (found instanceof Item.Structure s) {
      return s;
    }
    for (ObjectType other : OBJECTS) {
      if (payload.first(KeyBlocks.objectTag(other)).isPresent()) {
        throw KmipException.invalidField("Object Type " + type.specName() + " does not match the "
            + other.specName() + " given");
      }
    }
    return null; // RegisteredObjects names what is missing, or refuses the type first
  }
}
