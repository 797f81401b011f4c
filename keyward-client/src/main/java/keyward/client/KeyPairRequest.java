package keyward.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import keyward.kmip.spec.CryptographicUsageMask;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.RecommendedCurve;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;

/**
 * A Create Key Pair being put together (KMIP 1.4 §4.2, 2.1 §6.1.7); {@link #execute()} sends
 * it and returns both Unique Identifiers. Algorithm, length and curve go in the Common
 * Attributes (1.x: Common Template-Attribute); each half has its own Cryptographic Usage Mask
 * (the spec requires one per half; default Sign for the private key, Verify for the public one)
 * and its own Name, since Names are unique per object.
 *
 * <pre>{@code
 * KeyPairIds ids = client.createKeyPair("RSA", 2048).name("signer").activate().execute();
 * KeyPairIds ec = client.createKeyPair("EC", null).curve(RecommendedCurve.P_256).execute();
 * }</pre>
 */
public final class KeyPairRequest {
  /** Appended to the name for the public key's Name: "signer" and "signer-public". */
  public static final String PUBLIC_NAME_SUFFIX = "-public";

  private final KmipClient client;
  private final List<Item> common = new ArrayList<>();
  private final List<Item> privateAttributes = new ArrayList<>();
  private final List<Item> publicAttributes = new ArrayList<>();
  private int privateUsage;
  private int publicUsage;
  private boolean activate;

  KeyPairRequest(KmipClient client, String algorithm, Integer lengthBits) {
    this.client = client;
    common.add(new Item.Enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, KmipClient.algorithm(algorithm).value()));
    if (lengthBits != null) {
      common.add(new Item.Integer(Tag.CRYPTOGRAPHIC_LENGTH, lengthBits));
    }
  }

  /** The elliptic curve (Cryptographic Domain Parameters / Recommended Curve) of an EC pair. */
  public KeyPairRequest curve(RecommendedCurve curve) {
    common.add(new Item.Structure(Tag.CRYPTOGRAPHIC_DOMAIN_PARAMETERS,
        new Item.Enumeration(Tag.RECOMMENDED_CURVE, Objects.requireNonNull(curve, "curve").value())));
    return this;
  }

  /** Names the pair: the private key {@code name}, the public key {@code name + "-public"}. */
  public KeyPairRequest name(String name) {
    return names(name, name + PUBLIC_NAME_SUFFIX);
  }

  /** A Name for each half (either may be null for none). */
  public KeyPairRequest names(String privateKeyName, String publicKeyName) {
    if (privateKeyName != null) {
      privateAttributes.add(AttributeValues.name(privateKeyName));
    }
    if (publicKeyName != null) {
      publicAttributes.add(AttributeValues.name(publicKeyName));
    }
    return this;
  }

  /** The private key's Cryptographic Usage Mask (default Sign). */
  public KeyPairRequest privateKeyUsage(CryptographicUsageMask... bits) {
    privateUsage |= Batch.mask(List.of(bits));
    return this;
  }

  /** The public key's Cryptographic Usage Mask (default Verify). */
  public KeyPairRequest publicKeyUsage(CryptographicUsageMask... bits) {
    publicUsage |= Batch.mask(List.of(bits));
    return this;
  }

  /** Any attribute for both halves, in the 2.x shape (see {@link AttributeValues#parse}). */
  public KeyPairRequest commonAttribute(Item attribute) {
    common.add(Objects.requireNonNull(attribute, "attribute"));
    return this;
  }

  /** Any attribute for the private key only. */
  public KeyPairRequest privateKeyAttribute(Item attribute) {
    privateAttributes.add(Objects.requireNonNull(attribute, "attribute"));
    return this;
  }

  /** Any attribute for the public key only. */
  public KeyPairRequest publicKeyAttribute(Item attribute) {
    publicAttributes.add(Objects.requireNonNull(attribute, "attribute"));
    return this;
  }

  /**
   * Activates both halves after creating them, with {@link #execute()}: a second request
   * message (Activate of each), since one message can name only the private key by ID
   * Placeholder. If that fails, the exception names the pair, which then exists Pre-Active.
   */
  public KeyPairRequest activate() {
    this.activate = true;
    return this;
  }

  /** Sends the request (and the Activate, if asked for); returns both Unique Identifiers. */
  public KeyPairIds execute() {
    KeyPairIds ids = client.batch().createKeyPair(this).execute().item(0).keyPair();
    if (activate) {
      BatchResult r = client.batch().activate(ids.privateKeyUniqueIdentifier())
          .activate(ids.publicKeyUniqueIdentifier()).execute();
      if (!r.succeeded()) {
        BatchItemResult failed = r.items().stream().filter(i -> !i.succeeded()).findFirst().orElseThrow();
        throw new KmipClientException(Operation.ACTIVATE, failed.resultReason(), (failed.resultMessage() == null ? ""
            : failed.resultMessage() + "; ") + "the key pair was created: private key "
            + ids.privateKeyUniqueIdentifier() + ", public key " + ids.publicKeyUniqueIdentifier());
      }
    }
    return ids;
  }

  /** The Create Key Pair request payload, 2.x shape. */
  List<Item> payload() {
    List<Item> priv = new ArrayList<>(privateAttributes);
    priv.add(new Item.Integer(Tag.CRYPTOGRAPHIC_USAGE_MASK,
        privateUsage != 0 ? privateUsage : CryptographicUsageMask.SIGN.value()));
    List<Item> pub = new ArrayList<>(publicAttributes);
    pub.add(new Item.Integer(Tag.CRYPTOGRAPHIC_USAGE_MASK,
        publicUsage != 0 ? publicUsage : CryptographicUsageMask.VERIFY.value()));
    return List.of(new Item.Structure(Tag.COMMON_ATTRIBUTES, common),
        new Item.Structure(Tag.PRIVATE_KEY_ATTRIBUTES, priv),
        new Item.Structure(Tag.PUBLIC_KEY_ATTRIBUTES, pub));
  }
}
