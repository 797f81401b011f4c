package keyward.server.object;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import keyward.kmip.spec.CryptographicAlgorithm;
import keyward.kmip.spec.DRBGAlgorithm;
import keyward.kmip.spec.HashingAlgorithm;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.ObjectType;
import keyward.kmip.spec.ProtectionStorageMask;
import keyward.kmip.spec.RNGAlgorithm;
import keyward.kmip.spec.SpecRegistry;
import keyward.kmip.spec.State;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.spi.crypto.CryptoEngine;
import keyward.spi.crypto.RngParameters;

/**
 * The attributes the server sets when an object comes into being (Create, Register, Re-key):
 * Unique Identifier, Short Unique Identifier, Object Type, Cryptographic Algorithm and Length
 * (from the key block when registering), Key Format Type, Digest, Initial / Last Change /
 * Original Creation Date, State (Active at once when the Activation Date has passed: 2.1 §4.57
 * transition 1), Fresh, Lease Time, Random Number Generator (generated keys), Protection
 * Storage Mask, the Sensitive / Extractable pair with Always Sensitive / Never Extractable, Key
 * Value Present (registered keys). Every attribute exists in some served version; responses are
 * filtered to the client's version when read.
 */
public final class ServerAttributes {
  /** The Lease Time the server grants (1.4 §3.20: set by server policy). */
  public static final long LEASE_SECONDS = 3600;

  /** How the object came to be. */
  public enum Origin { CREATED, REGISTERED, REKEYED, DERIVED }

  private ServerAttributes() {}

  /**
   * The complete attribute set of a new object. {@code client} holds the attributes the client
   * supplied, already checked against the attribute rules; {@code derived} those taken from the
   * object itself (a certificate's fields), which win over the key block's.
   */
  public static AttributeSet forNewObject(String uid, ObjectType type, Item.Structure object,
      List<Item> client, List<Item> derived, Origin origin, Instant now, CryptoEngine crypto) {
    AttributeSet client0 = new AttributeSet(client);
    AttributeSet set = new AttributeSet();
    set.add(new Item.TextString(Tag.UNIQUE_IDENTIFIER, uid));
    // Short Unique Identifier (2.0+): SHA-256 of the Unique Identifier, fixed-size and unique in practice
    set.add(new Item.ByteString(Tag.SHORT_UNIQUE_IDENTIFIER,
        crypto.digest("SHA-256", uid.getBytes(StandardCharsets.UTF_8))));
    set.add(new Item.Enumeration(Tag.OBJECT_TYPE, type.value()));
    Optional<Item.Structure> block = KeyBlocks.keyBlock(object).filter(b -> KeyBlocks.hasKeyBlock(type));
    algorithmAndLength(client0, derived, block, set);
    for (Item a : client) {
      if (a.tag() == Tag.CRYPTOGRAPHIC_ALGORITHM || a.tag() == Tag.CRYPTOGRAPHIC_LENGTH) {
        continue;
      }
      Item value = a.tag() == Tag.USAGE_LIMITS ? usageLimits(a) : a;
      if (AttributeRules.multiValued(a.tag())) {
        set.add(value);
      } else {
        set.set(value);
      }
    }
    for (Item d : derived) {
      if (d.tag() != Tag.CRYPTOGRAPHIC_ALGORITHM && d.tag() != Tag.CRYPTOGRAPHIC_LENGTH && storable(d.tag())) {
        boolean nameField = d.tag() >= Tag.CERTIFICATE_SUBJECT_CN && d.tag() <= Tag.CERTIFICATE_ISSUER_DN_QUALIFIER;
        if (AttributeRules.multiValued(d.tag()) || nameField) {
          set.add(d); // a name may repeat a field (two OUs)
        } else {
          set.set(d);
        }
      }
    }
    block.flatMap(KeyBlocks::format)
        .ifPresent(f -> set.set(new Item.Enumeration(Tag.KEY_FORMAT_TYPE, f.value())));
    Digests.sha256(type, object, crypto).ifPresent(set::add);
    long seconds = now.getEpochSecond();
    set.set(new Item.DateTime(Tag.INITIAL_DATE, seconds));
    set.set(new Item.DateTime(Tag.LAST_CHANGE_DATE, seconds));
    if (!set.has(Tag.ORIGINAL_CREATION_DATE)) {
      set.set(new Item.DateTime(Tag.ORIGINAL_CREATION_DATE, seconds));
    }
    set.set(new Item.Enumeration(Tag.STATE, Lifecycle.effectiveState(State.PRE_ACTIVE, set, now).value()));
    if (!set.has(Tag.FRESH)) {
      set.set(new Item.Boolean(Tag.FRESH, true));
    }
    set.set(new Item.Interval(Tag.LEASE_TIME, LEASE_SECONDS));
    if ((origin == Origin.CREATED || origin == Origin.REKEYED) && KeyBlocks.hasKeyBlock(type)) {
      set.set(randomNumberGenerator(crypto));
    }
    set.set(new Item.Integer(Tag.PROTECTION_STORAGE_MASK, ProtectionStorageMask.SOFTWARE.value()));
    if (AttributeRules.appliesTo(Tag.SENSITIVE, type)) {
      boolean sensitive = bool(set, Tag.SENSITIVE, false);
      boolean extractable = bool(set, Tag.EXTRACTABLE, true);
      set.set(new Item.Boolean(Tag.SENSITIVE, sensitive));
      set.set(new Item.Boolean(Tag.ALWAYS_SENSITIVE, sensitive));
      set.set(new Item.Boolean(Tag.EXTRACTABLE, extractable));
      set.set(new Item.Boolean(Tag.NEVER_EXTRACTABLE, !extractable));
    }
    if (origin == Origin.REGISTERED && block.isPresent()) {
      set.set(new Item.Boolean(Tag.KEY_VALUE_PRESENT,
          KeyBlocks.keyMaterial(block.get()).isPresent() || KeyBlocks.wrapped(block.get())));
    }
    return set;
  }

  /** True when some served version (1.0 to 2.1) defines the tag, so it may be stored. */
  public static boolean storable(int tag) {
    for (KmipVersion v : KmipVersion.values()) {
      if (!v.atLeast(KmipVersion.V3_0) && SpecRegistry.tag(tag, v) != null) {
        return true;
      }
    }
    return false;
  }

  /**
   * Cryptographic Algorithm and Length come first: the client's, else the object's (a
   * certificate's key), else the key block's (1.4 §4.3: "MAY be omitted only if this
   * information is encapsulated in the Key Block").
   */
  private static void algorithmAndLength(AttributeSet client, List<Item> derived,
      Optional<Item.Structure> block, AttributeSet set) {
    AttributeSet from = new AttributeSet(derived);
    Optional<Item> alg = client.first(Tag.CRYPTOGRAPHIC_ALGORITHM).or(() -> from.first(Tag.CRYPTOGRAPHIC_ALGORITHM))
        .or(() -> block.flatMap(KeyBlocks::algorithm).map(a -> new Item.Enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, a)));
    Optional<Item> len = client.first(Tag.CRYPTOGRAPHIC_LENGTH).or(() -> from.first(Tag.CRYPTOGRAPHIC_LENGTH))
        .or(() -> block.flatMap(KeyBlocks::length).map(l -> new Item.Integer(Tag.CRYPTOGRAPHIC_LENGTH, l)));
    alg.ifPresent(set::add);
    len.ifPresent(set::add);
  }

  /**
   * 2.1 §4.59: the server ignores a Usage Limits Count given at creation; Count starts at Total.
   * The same holds when the attribute is added later (TC-51-1x: Add Attribute of Total 1000 is
   * answered with Count 1000).
   */
  public static Item usageLimits(Item limits) {
    if (!(limits instanceof Item.Structure s)
        || !(s.first(Tag.USAGE_LIMITS_TOTAL).orElse(null) instanceof Item.LongInteger total)) {
      return limits;
    }
    List<Item> parts = new java.util.ArrayList<>(3);
    parts.add(total);
    parts.add(new Item.LongInteger(Tag.USAGE_LIMITS_COUNT, total.value()));
    s.first(Tag.USAGE_LIMITS_UNIT).ifPresent(parts::add);
    return new Item.Structure(Tag.USAGE_LIMITS, parts);
  }

  /**
   * The Random Number Generator attribute (1.3+): the engine's own description of the generator
   * that made the key ({@link CryptoEngine#rng()}), in RNG Parameters fields (KMIP 2.1 §2.1.18).
   * A field whose spec name this build does not know is left out rather than guessed.
   */
  static Item.Structure randomNumberGenerator(CryptoEngine crypto) {
    RngParameters p = crypto.rng();
    List<Item> fields = new java.util.ArrayList<>();
    RNGAlgorithm alg = bySpecName(RNGAlgorithm.values(), p.rngAlgorithm());
    fields.add(new Item.Enumeration(Tag.RNG_ALGORITHM, (alg == null ? RNGAlgorithm.UNSPECIFIED : alg).value()));
    CryptographicAlgorithm cipher = bySpecName(CryptographicAlgorithm.values(), p.cryptographicAlgorithm());
    if (cipher != null) {
      fields.add(new Item.Enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, cipher.value()));
    }
    if (p.cryptographicLength() != null) {
      fields.add(new Item.Integer(Tag.CRYPTOGRAPHIC_LENGTH, p.cryptographicLength()));
    }
    HashingAlgorithm hash = bySpecName(HashingAlgorithm.values(), p.hashingAlgorithm());
    if (hash != null) {
      fields.add(new Item.Enumeration(Tag.HASHING_ALGORITHM, hash.value()));
    }
    DRBGAlgorithm drbg = bySpecName(DRBGAlgorithm.values(), p.drbgAlgorithm());
    if (drbg != null) {
      fields.add(new Item.Enumeration(Tag.DRBG_ALGORITHM, drbg.value()));
    }
    if (p.predictionResistance() != null) {
      fields.add(new Item.Boolean(Tag.PREDICTION_RESISTANCE, p.predictionResistance()));
    }
    return new Item.Structure(Tag.RANDOM_NUMBER_GENERATOR, fields);
  }

  private static <E extends keyward.kmip.spec.KmipEnum> E bySpecName(E[] values, String name) {
    if (name == null) {
      return null;
    }
    for (E e : values) {
      if (e.specName().equalsIgnoreCase(name)) {
        return e;
      }
    }
    return null;
  }

  private static boolean bool(AttributeSet set, int tag, boolean dflt) {
    return set.first(tag).filter(Item.Boolean.class::isInstance)
        .map(i -> ((Item.Boolean) i).value()).orElse(dflt);
  }
}
