package keyward.server.object;

import static keyward.server.object.AttributeRules.Applies.ALL;
import static keyward.server.object.AttributeRules.Applies.ASYMMETRIC;
import static keyward.server.object.AttributeRules.Applies.CERTIFICATES;
import static keyward.server.object.AttributeRules.Applies.KEYS;
import static keyward.server.object.AttributeRules.Applies.KEYS_CERTS;
import static keyward.server.object.AttributeRules.Applies.PRIVATE_CERTS;
import static keyward.server.object.AttributeRules.Init.ANY;
import static keyward.server.object.AttributeRules.Init.CLIENT;
import static keyward.server.object.AttributeRules.Init.SERVER;
import static keyward.server.object.AttributeRules.When.ALWAYS;
import static keyward.server.object.AttributeRules.When.NEVER;
import static keyward.server.object.AttributeRules.When.PRE_ACTIVE;
import static keyward.server.object.AttributeRules.When.PRE_ACTIVE_OR_ACTIVE;

import java.util.HashMap;
import java.util.Map;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.Tag;
import keyward.server.object.AttributeRules.Applies;
import keyward.server.object.AttributeRules.Init;
import keyward.server.object.AttributeRules.Rule;
import keyward.server.object.AttributeRules.When;
import keyward.kmip.ttlv.Item;

/**
 * The data behind {@link AttributeRules}: one row per attribute of KMIP 1.4 §3 and 2.1 §4 (see
 * there for what the columns mean and where the table departs from the 1.4 text).
 */
final class AttributeTable {

  static final Map<Integer, Rule> RULES = new HashMap<>();

  static {
    // tag, multi, initially set by, client modify, client delete, applies to.
    // 1.4 limits the lifecycle attributes (State, the dates, Usage Mask) to "All Cryptographic
    // Objects"; the 2.1 profiles give them to Opaque Objects too (BL-M-5-21), and Process Start
    // / Protect Stop Date to both halves of a key pair (CS-AC-M-8), so those apply more widely.
    r(Tag.UNIQUE_IDENTIFIER, false, SERVER, NEVER, NEVER, ALL);
    r(Tag.NAME, true, CLIENT, ALWAYS, ALWAYS, ALL);
    r(Tag.OBJECT_TYPE, false, SERVER, NEVER, NEVER, ALL);
    r(Tag.CRYPTOGRAPHIC_ALGORITHM, false, ANY, NEVER, NEVER, KEYS_CERTS);
    r(Tag.CRYPTOGRAPHIC_LENGTH, false, ANY, NEVER, NEVER, KEYS_CERTS);
    r(Tag.CRYPTOGRAPHIC_PARAMETERS, true, CLIENT, ALWAYS, ALWAYS, KEYS_CERTS);
    r(Tag.CRYPTOGRAPHIC_DOMAIN_PARAMETERS, false, ANY, NEVER, NEVER, ASYMMETRIC);
    // Certificate Type is server-set per spec, but BL-M-10-21 registers a certificate with it
    r(Tag.CERTIFICATE_TYPE, false, ANY, NEVER, NEVER, CERTIFICATES);
    r(Tag.CERTIFICATE_LENGTH, false, SERVER, NEVER, NEVER, CERTIFICATES);
    r(Tag.X_509_CERTIFICATE_IDENTIFIER, false, SERVER, NEVER, NEVER, CERTIFICATES);
    r(Tag.X_509_CERTIFICATE_SUBJECT, false, SERVER, NEVER, NEVER, CERTIFICATES);
    r(Tag.X_509_CERTIFICATE_ISSUER, false, SERVER, NEVER, NEVER, CERTIFICATES);
    r(Tag.CERTIFICATE_IDENTIFIER, false, SERVER, NEVER, NEVER, CERTIFICATES); // 1.x, deprecated
    r(Tag.CERTIFICATE_SUBJECT, false, SERVER, NEVER, NEVER, CERTIFICATES); // 1.x, deprecated
    r(Tag.CERTIFICATE_ISSUER, false, SERVER, NEVER, NEVER, CERTIFICATES); // 1.x, deprecated
    r(Tag.DIGITAL_SIGNATURE_ALGORITHM, true, SERVER, NEVER, NEVER, CERTIFICATES);
    r(Tag.DIGEST, true, SERVER, NEVER, NEVER, ALL);
    r(Tag.OPERATION_POLICY_NAME, false, ANY, ALWAYS, ALWAYS, ALL); // 1.x only
    r(Tag.CRYPTOGRAPHIC_USAGE_MASK, false, ANY, NEVER, NEVER, ALL);
    r(Tag.LEASE_TIME, false, SERVER, NEVER, NEVER, ALL);
    r(Tag.USAGE_LIMITS, false, ANY, ALWAYS, ALWAYS, KEYS);
    r(Tag.STATE, false, SERVER, NEVER, NEVER, ALL);
    r(Tag.INITIAL_DATE, false, SERVER, NEVER, NEVER, ALL);
    r(Tag.ACTIVATION_DATE, false, ANY, PRE_ACTIVE, NEVER, ALL);
    r(Tag.PROCESS_START_DATE, false, ANY, PRE_ACTIVE, NEVER, KEYS);
    r(Tag.PROTECT_STOP_DATE, false, ANY, PRE_ACTIVE_OR_ACTIVE, NEVER, KEYS);
    r(Tag.DEACTIVATION_DATE, false, ANY, PRE_ACTIVE_OR_ACTIVE, NEVER, ALL);
    r(Tag.DESTROY_DATE, false, SERVER, NEVER, NEVER, ALL);
    r(Tag.COMPROMISE_OCCURRENCE_DATE, false, SERVER, NEVER, NEVER, ALL);
    r(Tag.COMPROMISE_DATE, false, SERVER, NEVER, NEVER, ALL);
    r(Tag.REVOCATION_REASON, false, SERVER, NEVER, NEVER, ALL);
    r(Tag.ARCHIVE_DATE, false, SERVER, NEVER, NEVER, ALL);
    r(Tag.OBJECT_GROUP, true, ANY, ALWAYS, ALWAYS, ALL);
    r(Tag.FRESH, false, ANY, NEVER, NEVER, ALL);
    r(Tag.LINK, true, ANY, ALWAYS, ALWAYS, ALL);
    r(Tag.APPLICATION_SPECIFIC_INFORMATION, true, ANY, ALWAYS, ALWAYS, ALL);
    r(Tag.CONTACT_INFORMATION, false, ANY, ALWAYS, ALWAYS, ALL);
    r(Tag.LAST_CHANGE_DATE, false, SERVER, NEVER, NEVER, ALL);
    r(Tag.ALTERNATIVE_NAME, true, ANY, ALWAYS, ALWAYS, ALL);
    r(Tag.KEY_VALUE_PRESENT, false, SERVER, NEVER, NEVER, KEYS);
    r(Tag.KEY_VALUE_LOCATION, true, CLIENT, NEVER, NEVER, KEYS);
    r(Tag.ORIGINAL_CREATION_DATE, false, ANY, NEVER, NEVER, ALL);
    r(Tag.RANDOM_NUMBER_GENERATOR, false, ANY, NEVER, NEVER, KEYS);
    r(Tag.PKCS_12_FRIENDLY_NAME, false, ANY, ALWAYS, ALWAYS, PRIVATE_CERTS);
    r(Tag.DESCRIPTION, false, CLIENT, ALWAYS, ALWAYS, ALL);
    r(Tag.COMMENT, false, CLIENT, ALWAYS, ALWAYS, ALL);
    r(Tag.SENSITIVE, false, ANY, ALWAYS, NEVER, KEYS);
    r(Tag.ALWAYS_SENSITIVE, false, SERVER, NEVER, NEVER, KEYS);
    r(Tag.EXTRACTABLE, false, ANY, ALWAYS, NEVER, KEYS);
    r(Tag.NEVER_EXTRACTABLE, false, SERVER, NEVER, NEVER, KEYS);
    for (int tag = Tag.CERTIFICATE_SUBJECT_CN; tag <= Tag.CERTIFICATE_ISSUER_DN_QUALIFIER; tag++) {
      r(tag, false, SERVER, NEVER, NEVER, CERTIFICATES); // taken from the certificate (2.1 §4.9)
    }
    rs(Tag.KEY_FORMAT_TYPE, false, SERVER, NEVER, NEVER, KEYS, KmipVersion.V2_0);
    r(Tag.SHORT_UNIQUE_IDENTIFIER, false, SERVER, NEVER, NEVER, ALL);
    r(Tag.NIST_KEY_TYPE, false, ANY, NEVER, NEVER, KEYS);
    r(Tag.PROTECTION_LEVEL, false, ANY, NEVER, NEVER, KEYS);
    r(Tag.PROTECTION_PERIOD, false, ANY, NEVER, NEVER, KEYS);
    r(Tag.PROTECTION_STORAGE_MASKS, false, SERVER, NEVER, NEVER, KEYS);
    // the 2.1 reference server lists the single mask as an attribute (SKFF-M-9-21)
    r(Tag.PROTECTION_STORAGE_MASK, false, SERVER, NEVER, NEVER, KEYS);
    r(Tag.QUANTUM_SAFE, false, ANY, NEVER, NEVER, KEYS);
    r(Tag.ROTATE_INTERVAL, false, ANY, ALWAYS, ALWAYS, KEYS);
    r(Tag.ROTATE_AUTOMATIC, false, ANY, ALWAYS, ALWAYS, KEYS);
    r(Tag.ROTATE_OFFSET, false, ANY, ALWAYS, ALWAYS, KEYS);
    r(Tag.ROTATE_NAME, false, ANY, ALWAYS, ALWAYS, KEYS);
    r(Tag.ROTATE_DATE, false, SERVER, NEVER, NEVER, KEYS);
    r(Tag.ROTATE_GENERATION, false, SERVER, NEVER, NEVER, KEYS);
    r(Tag.ROTATE_LATEST, false, SERVER, NEVER, NEVER, KEYS);
    // 2.x vendor attribute; 1.x custom attributes arrive in this shape too (PayloadShapes)
    r(Tag.ATTRIBUTE, true, CLIENT, ALWAYS, ALWAYS, ALL);
  }

  private AttributeTable() {}

  private static void r(int tag, boolean multi, Init init, When modify, When delete, Applies applies) {
    rs(tag, multi, init, modify, delete, applies, null);
  }

  private static void rs(int tag, boolean multi, Init init, When modify, When delete, Applies applies,
      KmipVersion since) {
    if (RULES.put(tag, new Rule(tag, multi, init, modify, delete, applies, since)) != null) {
      throw new IllegalStateException("attribute rule twice: " + Item.tagHex(tag));
    }
  }
}
