package keyward.conformance;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.ResultStatus;
import keyward.kmip.spec.SpecRegistry;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;

/**
 * Compares an actual response with the expected one tree-wise, as kmip-testcases/README.md
 * ("Comparing responses") and the profiles' "Permitted Test Case Variations" allow: element name,
 * type and value must match, with exactly these relaxations:
 *
 * <ul>
 *   <li>ResponseHeader TimeStamp: any DateTime ($NOW: within {@value #NOW_TOLERANCE_SECONDS} s of
 *       the run); ServerCorrelationValue and ResultMessage: any value, present or not;
 *       VendorIdentification: any value.
 *   <li>$UNIQUE_IDENTIFIER_n and other $NAME placeholders: bound at first sight (distinct
 *       identifiers for distinct n), then compared; $NOW±s: a DateTime near the clock.
 *       $ASYNCHRONOUS_CORRELATION_VALUE is bound anew by each answer that carries it (a new
 *       pending item each time; the permitted variations let the value vary); a literal
 *       AsynchronousCorrelationValue in an answer also matches the latest bound one.
 *   <li>Order: attributes of GetAttributes (1.x Attribute list, 2.x Attributes), names of
 *       GetAttributeList, identifiers of Locate.
 *   <li>Extra items: attributes in any attribute container of a response, names in
 *       GetAttributeList, DiscoverVersions entries when the client listed none; Query's extension,
 *       namespace and server information lists are not compared.
 *   <li>Query's Operation and ObjectType lists ("Object/Operation types beyond those the profile
 *       requires"): in any order, each entry once; they must hold what the file's profile requires
 *       ({@link ProfileRequirements}: the operations its mandatory test cases of that version send,
 *       the object types they create or register) and, when the server's dispatch table is known,
 *       no operation outside it. The reference server's other entries need not be listed. Without
 *       requirements (a file replayed on its own) every expected entry must be listed, extras allowed.
 *   <li>Optional both ways: 1.x TemplateAttribute in response payloads, AttributeIndex 0,
 *       non-critical MessageExtension.
 *   <li>Objects the server generated (Create, CreateKeyPair, ReKey, ReKeyKeyPair, DeriveKey, and
 *       the parts CreateSplitKey makes from its random coefficients): key
 *       material bytes; any KeyFormatType when the request did not ask for one (Get, attributes,
 *       Digest), and then the KeyValue in another format is not compared; the Digest's value;
 *       crypto output (Data, MAC, signature, IV, tag) of operations with such a key.
 *   <li>Inherently variable crypto output (README "Comparing responses", item 3): the Data of RNG
 *       Retrieve (any bytes of the asked length); the Data, IV/Counter/Nonce and tag of Encrypt with
 *       Random IV or OAEP, and the signature of Sign with PSS or ECDSA, whether the request's or the
 *       key's registered Cryptographic Parameters ask for them. Decrypt, Signature Verify and MAC
 *       output stay exact.
 *   <li>Digest: any hashing algorithm; the value is compared only for a registered object whose
 *       digest uses the expected algorithm and key format.
 *   <li>DateTime attributes the request did not fix (activation, archive, compromise, deactivation,
 *       destroy, initial, last change, process start, protect stop, validity, original creation
 *       dates): any DateTime. Object Group values: any text.
 *   <li>Files of the HTML-era documents (KMIP 1.0–1.2: the extracted v1.0 profile files and the
 *       KMIP Test Cases v1.0–1.2, {@link TestCases#htmlEra}): a run of spaces in a value stands for
 *       one space ("Unique   Identifier", "Decrypt   Encrypt"), as the HTML source renders it
 *       (kmip-testcases/README.md: "Collapse runs of spaces before use"). {@link TestCaseFile#read(
 *       java.nio.file.Path, boolean)} reads them so, requests and expected answers alike; the
 *       1.3 and later files, published as XML, are compared as written.
 * </ul>
 *
 * Everything else, ResultStatus and ResultReason included, must be equal. One instance serves one
 * test-case file: it remembers bindings, generated objects and the DateTimes sent.
 */
final class ResponseComparator {
  static final long NOW_TOLERANCE_SECONDS = 300;

  private static final Set<String> VARIABLE_DATES = Set.of(
      "ActivationDate", "ArchiveDate", "CompromiseDate", "CompromiseOccurrenceDate",
      "DeactivationDate", "DestroyDate", "InitialDate", "LastChangeDate", "ProcessStartDate",
      "ProtectStopDate", "ValidityDate", "OriginalCreationDate");
  private static final Set<Integer> GENERATING = Set.of(
      Operation.CREATE.value(), Operation.CREATE_KEY_PAIR.value(), Operation.RE_KEY.value(),
      Operation.RE_KEY_KEY_PAIR.value(), Operation.DERIVE_KEY.value(), Operation.CREATE_SPLIT_KEY.value());
  private static final Set<Integer> CRYPTO_OUTPUT = Set.of(
      Tag.DATA, Tag.SIGNATURE_DATA, Tag.MAC_DATA, Tag.IV_COUNTER_NONCE, Tag.AUTHENTICATED_ENCRYPTION_TAG);
  private static final Set<Integer> TEMPLATE_ATTRIBUTES = Set.of(
      Tag.TEMPLATE_ATTRIBUTE, Tag.PRIVATE_KEY_TEMPLATE_ATTRIBUTE, Tag.PUBLIC_KEY_TEMPLATE_ATTRIBUTE);
  private static final Set<Integer> QUERY_NOT_COMPARED = Set.of(
      Tag.EXTENSION_INFORMATION, Tag.APPLICATION_NAMESPACE, Tag.SERVER_INFORMATION);

  private final Bindings bindings;
  private final Clock clock;
  private final ProfileRequirements required; // null: Query lists must hold every expected entry
  private final Instant start;
  private final Set<String> generated; // identifiers of objects the server generated, this file's and its preconditions'
  private final Set<Long> requestDates = new HashSet<>();
  /** Keys registered or created with parameters that make Encrypt/Sign output random. */
  private final Set<String> variableOutputKeys = new HashSet<>();
  private List<Item> requestItems = List.of();
  private int batchIndex;

  ResponseComparator(Bindings bindings, Clock clock) {
    this(bindings, clock, null);
  }

  /** @param required what the file's profile requires in Query lists, or null for "what the file lists" */
  ResponseComparator(Bindings bindings, Clock clock, ProfileRequirements required) {
    this(bindings, clock, required, new HashSet<>());
  }

  /** @param generated identifiers of server-generated objects, shared with earlier files on the same server */
  ResponseComparator(Bindings bindings, Clock clock, ProfileRequirements required, Set<String> generated) {
    this.generated = generated;
    this.required = required;
    this.bindings = bindings;
    this.clock = clock;
    this.start = clock.instant();
  }

  /** Compares one response message; the request is the one that was sent (placeholders resolved). */
  Optional<Mismatch> compareMessage(ExpectedNode expected, Item actual, Item.Structure request, KmipVersion version) {
    collectDates(request);
    requestItems = request.all(Tag.BATCH_ITEM);
    batchIndex = 0;
    Frame f = new Frame();
    f.version = version;
    return Optional.ofNullable(compare(expected, actual, Render.name(expected.tag()), f));
  }

  private void collectDates(Item i) {
    if (i instanceof Item.DateTime d) {
      requestDates.add(d.epochSeconds());
    } else if (i instanceof Item.Structure s) {
      s.items().forEach(this::collectDates);
    }
  }

  private Mismatch compare(ExpectedNode e, Item a, String path, Frame f) {
    if (e.tag() != a.tag()) {
      return mismatch(path, e, a, f);
    }
    if (e.item().type() != a.type()) {
      return mismatch(path, e, a, f);
    }
    if (e.tag() == Tag.SERVER_CORRELATION_VALUE || e.tag() == Tag.RESULT_MESSAGE
        || e.tag() == Tag.VENDOR_IDENTIFICATION || (e.tag() == Tag.TIME_STAMP && f.header && e.placeholder() == null)) {
      return null; // variable in every file, literal or placeholder
    }
    if (e.placeholder() != null) {
      return placeholder(e, a, path, f);
    }
    if (a instanceof Item.Structure s) {
      return structure(e, s, path, f);
    }
    return scalar(e, a, path, f);
  }

  private Mismatch placeholder(ExpectedNode e, Item a, String path, Frame f) {
    Long offset = Bindings.nowOffset(e.placeholder());
    if (offset != null) {
      long t = ((Item.DateTime) a).epochSeconds();
      long low = start.getEpochSecond() + offset - NOW_TOLERANCE_SECONDS;
      long high = clock.instant().getEpochSecond() + offset + NOW_TOLERANCE_SECONDS;
      return t >= low && t <= high ? null
          : new Mismatch(-1, path, Render.expected(e, f.version) + " (within " + NOW_TOLERANCE_SECONDS + " s of the run)",
              Render.actual(a, f.version));
    }
    String name = Bindings.name(e.placeholder());
    if (name == null) {
      return new Mismatch(-1, path, Render.expected(e, f.version) + " (a placeholder this runner does not know)",
          Render.actual(a, f.version));
    }
    Item bound = bindings.get(name);
    if (bound != null && name.equals("ASYNCHRONOUS_CORRELATION_VALUE")) {
      // each Operation Pending answer names a new pending item; TC-32 and TC-101 use the one
      // placeholder for all of them: the latest answer's value is the one later requests send
      bindings.bind(name, a);
      return null;
    }
    if (bound != null) {
      return Bindings.valueText(bound).equals(Bindings.valueText(a)) ? null
          : new Mismatch(-1, path, e.placeholder() + " = " + Render.actual(bound, f.version), Render.actual(a, f.version));
    }
    String other = bindings.bind(name, a);
    return other == null ? null
        : new Mismatch(-1, path, e.placeholder() + " (a new identifier)",
            Render.actual(a, f.version) + ", already bound to $" + other);
  }

  private Mismatch scalar(ExpectedNode e, Item a, String path, Frame f) {
    int tag = e.tag();
    if (e.item() instanceof Item.DateTime d && isVariableDate(tag, f) && !requestDates.contains(d.epochSeconds())) {
      return null;
    }
    if (f.inKeyValue && f.generatedObject && (a instanceof Item.ByteString || a instanceof Item.BigInteger)) {
      return null;
    }
    if (f.inDigest && (tag == Tag.HASHING_ALGORITHM || (tag == Tag.DIGEST_VALUE && !f.digestValueExact))) {
      return null;
    }
    if (tag == Tag.KEY_FORMAT_TYPE && serverChoosesFormat(f)) {
      return null;
    }
    if (tag == Tag.OBJECT_GROUP || (tag == Tag.ATTRIBUTE_VALUE && "Object Group".equals(f.attributeName))) {
      return null;
    }
    if (tag == Tag.ASYNCHRONOUS_CORRELATION_VALUE) {
      // a literal of the reference run (TC-32-10 step 8): the value the server gave for the
      // pending item matches too, as the permitted variations let it differ
      Item bound = bindings.get("ASYNCHRONOUS_CORRELATION_VALUE");
      if (bound != null && Bindings.valueText(bound).equals(Bindings.valueText(a))) {
        return null;
      }
    }
    if (CRYPTO_OUTPUT.contains(tag) && f.generatedObject) {
      return null;
    }
    if (CRYPTO_OUTPUT.contains(tag) && f.operation == Operation.RNG_RETRIEVE.value()) {
      return ((Item.ByteString) e.item()).value().length == ((Item.ByteString) a).value().length ? null
          : mismatch(path, e, a, f);
    }
    if (CRYPTO_OUTPUT.contains(tag) && variableOutput(f)) {
      return null;
    }
    return e.item().equals(a) ? null : mismatch(path, e, a, f);
  }

  private boolean isVariableDate(int tag, Frame f) {
    if (tag == Tag.ATTRIBUTE_VALUE) {
      return f.attributeName != null && VARIABLE_DATES.contains(SpecRegistry.xmlName(f.attributeName));
    }
    return VARIABLE_DATES.contains(Render.name(tag));
  }

  private Mismatch structure(ExpectedNode e, Item.Structure a, String path, Frame f) {
    Frame g = f.copy();
    switch (e.tag()) {
      case Tag.RESPONSE_HEADER -> g.header = true;
      case Tag.BATCH_ITEM -> {
        return batchItem(e, a, path, g);
      }
      case Tag.RESPONSE_PAYLOAD -> g.generatedObject = isGenerated(a) || isGenerated(f.requestPayload);
      case Tag.ATTRIBUTE -> g.attributeName = text(child(e, Tag.ATTRIBUTE_NAME));
      case Tag.KEY_BLOCK -> {
        if (serverChoosesFormat(f)) {
          ExpectedNode ek = child(e, Tag.KEY_FORMAT_TYPE);
          g.keyValuePresenceOnly = ek != null && !ek.item().equals(a.first(Tag.KEY_FORMAT_TYPE).orElse(null));
        }
      }
      case Tag.KEY_VALUE -> {
        if (f.keyValuePresenceOnly) {
          return null; // another key format: the value cannot be compared
        }
        g.inKeyValue = true;
      }
      default -> { }
    }
    if (e.tag() == Tag.DIGEST || (e.tag() == Tag.ATTRIBUTE_VALUE && "Digest".equals(f.attributeName))) {
      g.inDigest = true;
      g.digestValueExact = !f.generatedObject && sameChild(e, a, Tag.HASHING_ALGORITHM) && sameChild(e, a, Tag.KEY_FORMAT_TYPE);
    }
    return children(e, a, path, g);
  }

  private Mismatch batchItem(ExpectedNode e, Item.Structure a, String path, Frame g) {
    ExpectedNode op = child(e, Tag.OPERATION);
    g.operation = op == null ? -1 : ((Item.Enumeration) op.item()).value();
    Item.Structure req = requestItemFor(a);
    g.requestPayload = req == null ? null
        : (Item.Structure) req.first(Tag.REQUEST_PAYLOAD).filter(i -> i instanceof Item.Structure).orElse(null);
    Mismatch m = children(e, a, path, g);
    if (m != null && m.path().equals(path + "/ResultStatus")) {
      m = new Mismatch(m.step(), m.path(), m.expected(), m.actual() + failure(a, g));
    }
    if (m == null && g.requestPayload != null && makesVariableOutput(g.requestPayload)
        && (g.operation == Operation.REGISTER.value() || GENERATING.contains(g.operation))) {
      a.first(Tag.RESPONSE_PAYLOAD).ifPresent(p -> {
        for (Item i : ((Item.Structure) p).items()) {
          if (i instanceof Item.TextString t) {
            variableOutputKeys.add(t.value());
          }
        }
      });
    }
    if (m == null && GENERATING.contains(g.operation)
        && a.first(Tag.RESULT_STATUS).filter(s -> s instanceof Item.Enumeration en && en.value() == ResultStatus.SUCCESS.value()).isPresent()) {
      a.first(Tag.RESPONSE_PAYLOAD).ifPresent(p -> {
        for (Item i : ((Item.Structure) p).items()) {
          if (i instanceof Item.TextString t && (i.tag() == Tag.UNIQUE_IDENTIFIER
              || i.tag() == Tag.PRIVATE_KEY_UNIQUE_IDENTIFIER || i.tag() == Tag.PUBLIC_KEY_UNIQUE_IDENTIFIER)) {
            generated.add(t.value());
          }
        }
      });
    }
    return m;
  }

  /** Encrypt or Sign whose output the spec makes random, by the request's or the key's parameters. */
  private boolean variableOutput(Frame f) {
    if (f.operation != Operation.ENCRYPT.value() && f.operation != Operation.SIGN.value()) {
      return false;
    }
    if (f.requestPayload == null) {
      return false;
    }
    if (makesVariableOutput(f.requestPayload)) {
      return true;
    }
    return f.requestPayload.first(Tag.UNIQUE_IDENTIFIER)
        .filter(i -> i instanceof Item.TextString t && variableOutputKeys.contains(t.value())).isPresent();
  }

  /** Random IV, OAEP or PSS padding, or ECDSA anywhere in these parameters or attributes. */
  private static boolean makesVariableOutput(Item i) {
    if (i instanceof Item.Boolean b && i.tag() == Tag.RANDOM_IV) {
      return b.value();
    }
    if (i instanceof Item.Enumeration en && i.tag() == Tag.PADDING_METHOD) {
      return en.value() == keyward.kmip.spec.PaddingMethod.OAEP.value()
          || en.value() == keyward.kmip.spec.PaddingMethod.PSS.value();
    }
    if (i instanceof Item.Enumeration en && i.tag() == Tag.CRYPTOGRAPHIC_ALGORITHM) {
      return en.value() == keyward.kmip.spec.CryptographicAlgorithm.ECDSA.value();
    }
    if (i instanceof Item.Enumeration en && i.tag() == Tag.DIGITAL_SIGNATURE_ALGORITHM) {
      keyward.kmip.spec.DigitalSignatureAlgorithm d = keyward.kmip.spec.DigitalSignatureAlgorithm.fromValue(en.value());
      return d != null && d.name().contains("ECDSA");
    }
    if (i instanceof Item.Structure s) {
      for (Item c : s.items()) {
        if (makesVariableOutput(c)) {
          return true;
        }
      }
    }
    return false;
  }

  /** The reason and message of a failed batch item, which say more than its status. */
  private static String failure(Item.Structure a, Frame f) {
    StringBuilder sb = new StringBuilder();
    a.first(Tag.RESULT_REASON).ifPresent(r -> sb.append(" ").append(Render.actual(r, f.version)));
    a.first(Tag.RESULT_MESSAGE).ifPresent(r -> sb.append(" ").append(Render.actual(r, f.version)));
    return sb.toString();
  }

  /** The request batch item this response item answers: by Unique Batch Item ID, else by position. */
  private Item.Structure requestItemFor(Item.Structure responseItem) {
    int index = batchIndex++;
    Optional<Item> id = responseItem.first(Tag.UNIQUE_BATCH_ITEM_ID);
    if (id.isPresent()) {
      for (Item r : requestItems) {
        if (r instanceof Item.Structure s && s.first(Tag.UNIQUE_BATCH_ITEM_ID).equals(id)) {
          return s;
        }
      }
    }
    return index < requestItems.size() && requestItems.get(index) instanceof Item.Structure s ? s : null;
  }

  /** A generated object, and the request did not ask for a key format: the server picks one. */
  private static boolean serverChoosesFormat(Frame f) {
    return f.generatedObject && (f.requestPayload == null || f.requestPayload.first(Tag.KEY_FORMAT_TYPE).isEmpty());
  }

  private boolean isGenerated(Item.Structure payload) {
    if (payload == null) {
      return false;
    }
    return payload.first(Tag.UNIQUE_IDENTIFIER)
        .filter(i -> i instanceof Item.TextString t && generated.contains(t.value())).isPresent();
  }

  // ---- children of a structure ----

  private Mismatch children(ExpectedNode e, Item.Structure a, String path, Frame f) {
    int container = e.tag();
    boolean inPayload = container == Tag.RESPONSE_PAYLOAD;
    Set<Integer> unordered = new HashSet<>();
    Set<Integer> extrasAllowed = new HashSet<>();
    Set<Integer> notCompared = new HashSet<>();
    boolean anyTagUnordered = false;
    if (container == Tag.ATTRIBUTES || container == Tag.TEMPLATE_ATTRIBUTE
        || container == Tag.PRIVATE_KEY_TEMPLATE_ATTRIBUTE || container == Tag.PUBLIC_KEY_TEMPLATE_ATTRIBUTE
        || container == Tag.COMMON_TEMPLATE_ATTRIBUTE) {
      anyTagUnordered = true; // an attribute container: order free, extra attributes allowed
    } else if (inPayload && f.operation == Operation.GET_ATTRIBUTES.value()) {
      unordered.add(Tag.ATTRIBUTE);
      extrasAllowed.add(Tag.ATTRIBUTE);
    } else if (inPayload && f.operation == Operation.GET_ATTRIBUTE_LIST.value()) {
      unordered.addAll(List.of(Tag.ATTRIBUTE_NAME, Tag.ATTRIBUTE_REFERENCE));
      extrasAllowed.addAll(List.of(Tag.ATTRIBUTE_NAME, Tag.ATTRIBUTE_REFERENCE));
    } else if (inPayload && f.operation == Operation.LOCATE.value()) {
      unordered.add(Tag.UNIQUE_IDENTIFIER);
    } else if (inPayload && f.operation == Operation.QUERY.value()) {
      notCompared.addAll(QUERY_NOT_COMPARED);
      if (required != null) {
        Mismatch m = QueryLists.check(Tag.OPERATION, a, path, f, required);
        m = m != null ? m : QueryLists.check(Tag.OBJECT_TYPE, a, path, f, required);
        if (m != null) {
          return m;
        }
        notCompared.addAll(List.of(Tag.OPERATION, Tag.OBJECT_TYPE));
      } else {
        unordered.addAll(List.of(Tag.OPERATION, Tag.OBJECT_TYPE));
        extrasAllowed.addAll(List.of(Tag.OPERATION, Tag.OBJECT_TYPE));
      }
    } else if (inPayload && f.operation == Operation.DISCOVER_VERSIONS.value()
        && (f.requestPayload == null || f.requestPayload.first(Tag.PROTOCOL_VERSION).isEmpty())) {
      return versionsListed(e, a, path, f);
    }
    List<ExpectedNode> es = new ArrayList<>();
    for (ExpectedNode c : e.children()) {
      if (!notCompared.contains(c.tag())) {
        es.add(c);
      }
    }
    List<Item> as = new ArrayList<>();
    for (Item c : a.items()) {
      if (!notCompared.contains(c.tag())) {
        as.add(c);
      }
    }
    if (anyTagUnordered) {
      for (ExpectedNode c : es) {
        unordered.add(c.tag());
      }
      for (Item c : as) {
        unordered.add(c.tag());
      }
      extrasAllowed.addAll(unordered);
    }
    for (int tag : new LinkedHashSet<>(unordered)) {
      List<ExpectedNode> eg = es.stream().filter(c -> c.tag() == tag).toList();
      List<Item> ag = as.stream().filter(c -> c.tag() == tag).toList();
      Mismatch m = unordered(eg, ag, extrasAllowed.contains(tag), path, f);
      if (m != null) {
        return m;
      }
      es.removeIf(c -> c.tag() == tag);
      as.removeIf(c -> c.tag() == tag);
    }
    return ordered(es, as, path, f, container);
  }

  private Mismatch ordered(List<ExpectedNode> es, List<Item> as, String path, Frame f, int container) {
    int i = 0;
    int j = 0;
    Map<Integer, Integer> seen = new java.util.HashMap<>();
    while (i < es.size() || j < as.size()) {
      if (i < es.size() && j < as.size() && es.get(i).tag() == as.get(j).tag()) {
        ExpectedNode ec = es.get(i);
        Mismatch m = compare(ec, as.get(j), childPath(path, ec.tag(), seen, f, ec), f);
        if (m != null) {
          return m;
        }
        i++;
        j++;
      } else if (j < as.size() && optional(as.get(j), container)) {
        j++;
      } else if (i < es.size() && optional(es.get(i).item(), container)) {
        i++;
      } else if (i < es.size()) {
        ExpectedNode ec = es.get(i);
        return new Mismatch(-1, path + "/" + Render.name(ec.tag()), Render.expected(ec, f.version),
            j < as.size() ? Render.actual(as.get(j), f.version) : "nothing (missing)");
      } else {
        return new Mismatch(-1, path + "/" + Render.name(as.get(j).tag()), "nothing (no further item)",
            Render.actual(as.get(j), f.version));
      }
    }
    return null;
  }

  /** Items that may be there or not, on either side. */
  private static boolean optional(Item i, int container) {
    return switch (i.tag()) {
      case Tag.RESULT_MESSAGE, Tag.SERVER_CORRELATION_VALUE -> true;
      case Tag.ATTRIBUTE_INDEX -> container == Tag.ATTRIBUTE && i instanceof Item.Integer n && n.value() == 0;
      case Tag.MESSAGE_EXTENSION -> i instanceof Item.Structure s
          && s.first(Tag.CRITICALITY_INDICATOR).filter(c -> c instanceof Item.Boolean b && !b.value()).isPresent();
      default -> container == Tag.RESPONSE_PAYLOAD && TEMPLATE_ATTRIBUTES.contains(i.tag());
    };
  }

  /**
   * Matches each expected item with a distinct actual one, in any order. Items whose placeholders
   * are all bound go first, so that unbound ones bind to what is left.
   */
  private Mismatch unordered(List<ExpectedNode> es, List<Item> as, boolean extras, String path, Frame f) {
    List<ExpectedNode> order = new ArrayList<>();
    es.stream().filter(c -> !hasUnbound(c)).forEach(order::add);
    es.stream().filter(this::hasUnbound).forEach(order::add);
    boolean[] used = new boolean[as.size()];
    for (ExpectedNode ec : order) {
      Mismatch closest = null;
      boolean found = false;
      for (int j = 0; j < as.size() && !found; j++) {
        if (used[j]) {
          continue;
        }
        Map<String, Item> before = bindings.snapshot();
        Mismatch m = compare(ec, as.get(j), path + "/" + label(ec), f);
        if (m == null) {
          used[j] = true;
          found = true;
        } else {
          bindings.restore(before);
          if (closest == null && (sameKey(ec, as.get(j)) || as.size() == 1)) {
            closest = m;
          }
        }
      }
      if (!found) {
        return closest != null ? closest
            : new Mismatch(-1, path + "/" + label(ec), Render.expected(ec, f.version) + " (in any order)",
                "not among the " + as.size() + " " + Render.name(ec.tag()) + " items sent");
      }
    }
    for (int j = 0; j < as.size(); j++) {
      if (!used[j] && !extras && !optional(as.get(j), -1)) {
        return new Mismatch(-1, path + "/" + Render.name(as.get(j).tag()), "nothing more", Render.actual(as.get(j), f.version));
      }
    }
    return null;
  }

  /** DiscoverVersions when the client listed none: the expected versions, in order, among the actual ones. */
  private Mismatch versionsListed(ExpectedNode e, Item.Structure a, String path, Frame f) {
    List<Item> actual = a.all(Tag.PROTOCOL_VERSION);
    int j = 0;
    for (ExpectedNode ev : e.children()) {
      while (j < actual.size() && !ev.item().equals(actual.get(j))) {
        j++;
      }
      if (j == actual.size()) {
        return new Mismatch(-1, path + "/ProtocolVersion", Render.expected(ev, f.version) + " " + ev.children(),
            "not among the versions in order: " + actual.size() + " listed");
      }
      j++;
    }
    for (Item i : a.items()) {
      if (i.tag() != Tag.PROTOCOL_VERSION) {
        return new Mismatch(-1, path + "/" + Render.name(i.tag()), "only ProtocolVersion items", Render.actual(i, f.version));
      }
    }
    return null;
  }

  private boolean hasUnbound(ExpectedNode e) {
    if (e.placeholder() != null) {
      String n = Bindings.name(e.placeholder());
      if (n != null && !bindings.isBound(n)) {
        return true;
      }
    }
    return e.children().stream().anyMatch(this::hasUnbound);
  }

  /** Whether a failed candidate is the counterpart worth reporting: the same attribute name. */
  private static boolean sameKey(ExpectedNode e, Item a) {
    if (e.tag() == Tag.ATTRIBUTE && a instanceof Item.Structure s) {
      String n = text(child(e, Tag.ATTRIBUTE_NAME));
      return n != null && s.first(Tag.ATTRIBUTE_NAME).filter(x -> x instanceof Item.TextString t && t.value().equals(n)).isPresent();
    }
    return e.item() instanceof Item.Structure; // 2.x attributes: grouped by tag already
  }

  private static String label(ExpectedNode e) {
    if (e.tag() == Tag.ATTRIBUTE) {
      String n = text(child(e, Tag.ATTRIBUTE_NAME));
      return "Attribute(" + n + ")";
    }
    return Render.name(e.tag());
  }

  private static String childPath(String path, int tag, Map<Integer, Integer> seen, Frame f, ExpectedNode e) {
    int n = seen.merge(tag, 1, Integer::sum);
    return path + "/" + label(e) + (tag == Tag.BATCH_ITEM || n > 1 ? "[" + (n - 1) + "]" : "");
  }

  private static boolean sameChild(ExpectedNode e, Item.Structure a, int tag) {
    ExpectedNode ec = child(e, tag);
    Optional<Item> ac = a.first(tag);
    return ec == null ? ac.isEmpty() : ac.isPresent() && ec.item().equals(ac.get());
  }

  private static ExpectedNode child(ExpectedNode e, int tag) {
    for (ExpectedNode c : e.children()) {
      if (c.tag() == tag) {
        return c;
      }
    }
    return null;
  }

  private static String text(ExpectedNode e) {
    return e != null && e.item() instanceof Item.TextString t ? t.value() : null;
  }

  private static Mismatch mismatch(String path, ExpectedNode e, Item a, Frame f) {
    return new Mismatch(-1, path, Render.expected(e, f.version), Render.actual(a, f.version));
  }
}
