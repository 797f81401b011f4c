package keyward.conformance;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import keyward.kmip.spec.ObjectType;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.ResultStatus;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;

/**
 * Tells "the server lacks what this step uses" apart from "the server answers differently",
 * mechanically, from the step where a replay first failed:
 * <ul>
 *   <li>a request batch item whose Operation is not in the server's dispatch table (when known:
 *       the in-process server's), or that the server answered with Operation Not Supported:
 *       "operation X not implemented";</li>
 *   <li>a batch item the file expects to succeed (or to fail for another reason) that the server
 *       refused with one of the "... Not Supported" Result Reasons: the operation, the reason and
 *       the server's Result Message;</li>
 *   <li>a Create / Create Key Pair / Register / Derive Key the file expects to succeed, refused with
 *       Invalid Object Type: the object type the server cannot make.</li>
 * </ul>
 * Anything else is a plain failure.
 */
public final class NotSupported {
  private static final Set<ResultReason> NOT_SUPPORTED = Set.of(
      ResultReason.OPERATION_NOT_SUPPORTED, ResultReason.FEATURE_NOT_SUPPORTED,
      ResultReason.KEY_FORMAT_TYPE_NOT_SUPPORTED, ResultReason.KEY_COMPRESSION_TYPE_NOT_SUPPORTED,
      ResultReason.KEY_WRAP_TYPE_NOT_SUPPORTED, ResultReason.APPLICATION_NAMESPACE_NOT_SUPPORTED,
      ResultReason.UNSUPPORTED_CRYPTOGRAPHIC_PARAMETERS);
  private static final Set<Operation> MAKERS = Set.of(
      Operation.CREATE, Operation.CREATE_KEY_PAIR, Operation.REGISTER, Operation.DERIVE_KEY);

  /** How {@link ResponseComparator} marks a Query entry the profile requires. */
  static final String REQUIRED = "(the profile requires it)";
  private static final Pattern ENTRY = Pattern.compile("<(Operation|ObjectType) type=\"Enumeration\" value=\"([A-Za-z0-9_]+)\"/>");

  private NotSupported() {}

  private static <E extends keyward.kmip.spec.KmipEnum> E byXmlName(E[] values, String xmlName) {
    for (E e : values) {
      if (e.xmlName().equals(xmlName)) {
        return e;
      }
    }
    return null;
  }

  /**
   * What the server lacks for this step, or empty when the difference is not one of lacking.
   *
   * @param performed the operations the server performs, or null when unknown (another server)
   */
  public static Optional<String> explain(Item.Structure request, Item expected, Item actual, Set<Operation> performed) {
    return explain(request, expected, actual, performed, null);
  }

  /**
   * Also: a Query answer that lacks an operation or object type the file's profile requires, when
   * the server's Query lists what it supports ("the profile requires it", {@link ResponseComparator}).
   */
  public static Optional<String> explain(Item.Structure request, Item expected, Item actual, Set<Operation> performed,
      Mismatch mismatch) {
    if (mismatch != null && mismatch.expected().endsWith(REQUIRED)) {
      Matcher m = ENTRY.matcher(mismatch.expected());
      if (m.find()) {
        if (m.group(1).equals("Operation")) {
          Operation op = byXmlName(Operation.values(), m.group(2));
          if (op != null && (performed == null || !performed.contains(op))) {
            return Optional.of("operation " + op.specName() + " not implemented");
          }
        } else {
          ObjectType t = byXmlName(ObjectType.values(), m.group(2));
          if (t != null) {
            return Optional.of("object type " + t.specName() + " not supported (not in Query Objects)");
          }
        }
      }
    }
    List<Item> requestItems = request.all(Tag.BATCH_ITEM);
    if (performed != null) {
      for (Item bi : requestItems) {
        Operation op = operation(bi);
        if (op != null && !performed.contains(op)) {
          return Optional.of("operation " + op.specName() + " not implemented");
        }
      }
    }
    if (!(actual instanceof Item.Structure response)) {
      return Optional.empty();
    }
    List<Item> actualItems = response.all(Tag.BATCH_ITEM);
    List<Item> expectedItems = expected instanceof Item.Structure e ? e.all(Tag.BATCH_ITEM) : List.of();
    for (int i = 0; i < actualItems.size(); i++) {
      Item.Structure a = (Item.Structure) actualItems.get(i);
      ResultReason got = enumValue(a, Tag.RESULT_REASON).map(ResultReason::fromValue).orElse(null);
      if (got == null || !isFailure(a)) {
        continue;
      }
      Item.Structure e = i < expectedItems.size() ? (Item.Structure) expectedItems.get(i) : null;
      ResultReason wanted = e == null ? null : enumValue(e, Tag.RESULT_REASON).map(ResultReason::fromValue).orElse(null);
      if (got == wanted) {
        continue;
      }
      Item.Structure req = i < requestItems.size() ? (Item.Structure) requestItems.get(i) : null;
      Operation op = Optional.ofNullable(operation(a)).orElse(req == null ? null : operation(req));
      String opName = op == null ? "the operation" : op.specName();
      if (got == ResultReason.OPERATION_NOT_SUPPORTED) {
        return Optional.of("operation " + opName + " not implemented");
      }
      String message = a.first(Tag.RESULT_MESSAGE).map(m -> m instanceof Item.TextString t ? t.value() : "")
          .filter(s -> !s.isBlank()).map(s -> ": " + s).orElse("");
      if (NOT_SUPPORTED.contains(got)) {
        return Optional.of(opName + ": " + got.specName() + message);
      }
      if (got == ResultReason.INVALID_OBJECT_TYPE && op != null && MAKERS.contains(op) && wanted == null && req != null) {
        String type = req.first(Tag.REQUEST_PAYLOAD).map(p -> (Item.Structure) p)
            .flatMap(p -> enumValue(p, Tag.OBJECT_TYPE)).map(ObjectType::fromValue)
            .map(ObjectType::specName).orElse("this object type");
        return Optional.of(opName + " of " + type + " objects not supported" + message);
      }
    }
    return Optional.empty();
  }

  /** A request as written in the file naming an Operation outside the dispatch table (when known). */
  static Optional<String> unperformed(XmlNode request, Set<Operation> performed) {
    if (performed == null) {
      return Optional.empty();
    }
    for (XmlNode bi : request.children()) {
      if (!bi.element().equals("BatchItem")) {
        continue;
      }
      for (XmlNode c : bi.children()) {
        if (c.element().equals("Operation") && c.value() != null) {
          for (Operation op : Operation.values()) {
            if (op.xmlName().equals(c.value()) && !performed.contains(op)) {
              return Optional.of("operation " + op.specName() + " not implemented");
            }
          }
        }
      }
    }
    return Optional.empty();
  }

  private static boolean isFailure(Item.Structure batchItem) {
    return enumValue(batchItem, Tag.RESULT_STATUS).filter(v -> v == ResultStatus.OPERATION_FAILED.value()).isPresent();
  }

  private static Operation operation(Item batchItem) {
    return batchItem instanceof Item.Structure s
        ? enumValue(s, Tag.OPERATION).map(Operation::fromValue).orElse(null) : null;
  }

  private static Optional<Integer> enumValue(Item.Structure s, int tag) {
    return s.first(tag).filter(Item.Enumeration.class::isInstance).map(i -> ((Item.Enumeration) i).value());
  }
}
