package keyward.server.access;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;

/**
 * One grant of rights on an object to an identity or a group. KMIP defines no operation to
 * grant access, so a grant is an ordinary vendor attribute any KMIP client can add and delete:
 * 1.x custom attribute {@value #CUSTOM_NAME}, 2.x Vendor Attribute with Vendor Identification
 * {@value #VENDOR} and Attribute Name {@value #NAME}, a Text String {@code PRINCIPAL:RIGHTS}.
 *
 * <p>PRINCIPAL is an identity (as the server names clients, e.g. the certificate's CN) or
 * {@code group:NAME}; RIGHTS, after the last colon, is a comma-separated list of operation
 * names ("Get", "Get Attributes" or "GetAttributes", case ignored), or {@code read} (Get, Get
 * Attributes, Get Attribute List, Locate, Check) or {@code all}. Only the owner or an admin may
 * add, change or delete grants (checked when the object is saved).
 *
 * @param principal the identity, or {@code group:NAME}
 * @param rights the operations granted
 */
public record Grant(String principal, Set<Operation> rights) {

  public static final String VENDOR = "x";
  public static final String NAME = "keyward-grant";
  public static final String CUSTOM_NAME = VENDOR + "-" + NAME;
  public static final String GROUP_PREFIX = "group:";
  /** What {@code read} stands for: looking, never changing or using. */
  public static final Set<Operation> READ = EnumSet.of(Operation.GET, Operation.GET_ATTRIBUTES,
      Operation.GET_ATTRIBUTE_LIST, Operation.LOCATE, Operation.CHECK);

  public Grant {
    rights = Set.copyOf(rights);
  }

  /** A grant value that does not parse. */
  public static final class BadGrantException extends Exception {
    public BadGrantException(String message) {
      super(message);
    }
  }

  /** Parses {@code PRINCIPAL:RIGHTS}. */
  public static Grant parse(String value) throws BadGrantException {
    int colon = value.lastIndexOf(':');
    if (colon <= 0 || colon == value.length() - 1) {
      throw new BadGrantException("a grant is PRINCIPAL:RIGHTS, e.g. \"bob:Get,Locate\" or \"group:ops:read\"");
    }
    String principal = value.substring(0, colon).strip();
    if (principal.isEmpty() || principal.equals(GROUP_PREFIX.substring(0, GROUP_PREFIX.length() - 1))
        || principal.equals(GROUP_PREFIX)) {
      throw new BadGrantException("a grant names an identity or group:NAME before the last ':'");
    }
    Set<Operation> rights = EnumSet.noneOf(Operation.class);
    for (String r : value.substring(colon + 1).split(",")) {
      rights.addAll(right(r.strip()));
    }
    return new Grant(principal, rights);
  }

  private static Set<Operation> right(String name) throws BadGrantException {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.equals("read")) {
      return READ;
    }
    if (n.equals("all")) {
      return EnumSet.allOf(Operation.class);
    }
    for (Operation op : Operation.values()) {
      if (op.specName().equalsIgnoreCase(name) || op.xmlName().equalsIgnoreCase(name)) {
        return EnumSet.of(op);
      }
    }
    throw new BadGrantException("not an operation name in a grant: '" + name + "'");
  }

  /** True for the vendor attribute that holds a grant. */
  public static boolean isGrant(Item attribute) {
    return attribute.tag() == Tag.ATTRIBUTE && attribute instanceof Item.Structure s
        && VENDOR.equals(text(s, Tag.VENDOR_IDENTIFICATION)) && NAME.equals(text(s, Tag.ATTRIBUTE_NAME));
  }

  /** The text value of a grant attribute, or null when it has none. */
  public static String value(Item attribute) {
    return attribute instanceof Item.Structure s ? text(s, Tag.ATTRIBUTE_VALUE) : null;
  }

  /**
   * The grants among these attribute values. Values that do not parse grant nothing (they
   * cannot be stored: see {@link #check}).
   */
  public static List<Grant> of(List<Item> attributes) {
    List<Grant> out = new ArrayList<>();
    for (Item a : attributes) {
      if (isGrant(a) && value(a) != null) {
        try {
          out.add(parse(value(a)));
        } catch (BadGrantException ignored) {
          // refused when stored; a value that got in some other way grants nothing
        }
      }
    }
    return out;
  }

  /** Every grant attribute among these values must parse. */
  public static void check(List<Item> attributes) throws BadGrantException {
    for (Item a : attributes) {
      if (isGrant(a)) {
        String v = value(a);
        if (v == null) {
          throw new BadGrantException("a grant's value is a Text String PRINCIPAL:RIGHTS");
        }
        parse(v);
      }
    }
  }

  /** The text of the grant attributes among these values, in order; for change detection. */
  public static List<String> values(List<Item> attributes) {
    List<String> out = new ArrayList<>();
    for (Item a : attributes) {
      if (isGrant(a)) {
        out.add(String.valueOf(value(a)));
      }
    }
    return out;
  }

  /**
   * The Locate index key saying "PRINCIPAL may locate this object". Indexed under the vendor
   * Attribute tag with a separator ('>') that the index of an ordinary vendor attribute
   * ("vendor:name:value") never has after the name, so no client search collides with it.
   */
  public static String locateKey(String principal) {
    return VENDOR + ":" + NAME + ">" + principal;
  }

  private static String text(Item.Structure s, int tag) {
    return s.first(tag).filter(Item.TextString.class::isInstance)
        .map(i -> ((Item.TextString) i).value()).orElse(null);
  }
}
