package keyward.conformance;

import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import keyward.kmip.codec.DecodeException;
import keyward.kmip.codec.XmlCodec;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.SpecRegistry;
import keyward.kmip.spec.Tag;
import keyward.kmip.spec.TagInfo;
import keyward.kmip.ttlv.Item;

/**
 * Replays an OASIS test-case file against a server: each RequestMessage, placeholders resolved,
 * goes out in TTLV under its own protocol version, and the answer is compared with the
 * ResponseMessage that follows it ({@link ResponseComparator}). Stops at the first mismatch.
 * Each run starts with no bindings (objects the server generated in earlier runs of the same
 * instance stay known as generated: a file and its preconditions share one server). Run each file
 * against a fresh store, or Locate answers
 * will hold objects of earlier files.
 */
public final class OasisReplay {

  /** Sends one request message and returns the response message. */
  @FunctionalInterface
  public interface Transport {
    Item exchange(Item request) throws IOException, DecodeException;
  }

  private final Clock clock;
  private final Set<Operation> performed;
  private final ProfileRequirements required;
  /** Objects the server generated in the files this instance replayed (a file and its preconditions). */
  private final Set<String> generated = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final XmlCodec xml = new XmlCodec();

  /** A replay against a server whose operations are not known (told apart by its answers only). */
  public OasisReplay(Clock clock) {
    this(clock, null);
  }

  /** @param performed the operations the server's dispatch table holds, or null when unknown */
  public OasisReplay(Clock clock, Set<Operation> performed) {
    this(clock, performed, null);
  }

  /**
   * @param performed the operations the server's dispatch table holds, or null when unknown
   * @param required what the file's profile requires in Query lists, or null: every listed entry
   */
  public OasisReplay(Clock clock, Set<Operation> performed, ProfileRequirements required) {
    this.clock = clock;
    this.performed = performed == null ? null : Set.copyOf(performed);
    this.required = required == null ? null : required.withPerformed(this.performed);
  }

  public ReplayResult run(TestCaseFile file, Transport transport) {
    Bindings bindings = new Bindings();
    ResponseComparator comparator = new ResponseComparator(bindings, clock, required, generated);
    int n = file.steps().size();
    for (TestCaseFile.Step step : file.steps()) {
      int i = step.index();
      Item.Structure request;
      ExpectedNode expected;
      KmipVersion version;
      try {
        request = request(step.request(), bindings);
        version = version(request);
        expected = ExpectedNode.of(step.response(), xml);
      } catch (ReplayException e) {
        // a request this build cannot even encode may still name an operation the server lacks
        return new ReplayResult(n, i, null, "step " + i + ": " + e.getMessage(),
            NotSupported.unperformed(step.request(), performed).orElse(null));
      }
      Item actual;
      try {
        actual = transport.exchange(request);
      } catch (IOException | DecodeException e) {
        return new ReplayResult(n, i, null, "step " + i + ": no response: " + e);
      }
      bindings.noteResponse(actual);
      Optional<Mismatch> m = comparator.compareMessage(expected, actual, request, version);
      if (m.isPresent()) {
        String lacking = NotSupported.explain(request, expected.item(), actual, performed, m.get()).orElse(null);
        return new ReplayResult(n, i, m.get().atStep(i), null, lacking);
      }
    }
    return new ReplayResult(n, n, null, null);
  }

  private Item.Structure request(XmlNode message, Bindings bindings) throws ReplayException {
    XmlNode resolved = resolve(message, bindings);
    try {
      return (Item.Structure) xml.decode(resolved.toXml());
    } catch (DecodeException e) {
      throw new ReplayException("the request does not decode: " + e.getMessage(), e);
    }
  }

  private XmlNode resolve(XmlNode n, Bindings bindings) throws ReplayException {
    java.util.List<XmlNode> kids = new java.util.ArrayList<>();
    for (XmlNode c : n.children()) {
      kids.add(resolve(c, bindings));
    }
    String v = n.isPlaceholder() ? bindings.requestValue(n.value(), clock.instant(), tagOf(n)) : n.value();
    return new XmlNode(n.element(), n.tag(), n.type(), v, kids);
  }

  private static int tagOf(XmlNode n) throws ReplayException {
    if (n.tag() != null) {
      try {
        return Integer.decode(n.tag().strip());
      } catch (NumberFormatException e) {
        throw new ReplayException("<TTLV tag=\"" + n.tag() + "\"> is not a hex tag");
      }
    }
    TagInfo t = SpecRegistry.tagByXmlName(n.element());
    if (t == null) {
      throw new ReplayException("<" + n.element() + "> is not a tag this build knows");
    }
    return t.tag();
  }

  private static KmipVersion version(Item.Structure request) throws ReplayException {
    try {
      Item.Structure header = (Item.Structure) request.first(Tag.REQUEST_HEADER).orElseThrow();
      Item.Structure pv = (Item.Structure) header.first(Tag.PROTOCOL_VERSION).orElseThrow();
      int major = ((Item.Integer) pv.first(Tag.PROTOCOL_VERSION_MAJOR).orElseThrow()).value();
      int minor = ((Item.Integer) pv.first(Tag.PROTOCOL_VERSION_MINOR).orElseThrow()).value();
      KmipVersion v = KmipVersion.of(major, minor);
      if (v == null) {
        throw new ReplayException("the request's protocol version " + major + "." + minor + " is not one this build knows");
      }
      return v;
    } catch (RuntimeException e) {
      throw new ReplayException("the request has no RequestHeader/ProtocolVersion", e);
    }
  }
}
