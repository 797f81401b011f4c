package keyward.server.operation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import keyward.kmip.message.RequestMessage;
import keyward.kmip.message.ResponseBatchItem;
import keyward.kmip.message.ResponseMessage;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.OasisCases;
import keyward.server.ServerHarness;

/**
 * Plays one OASIS profile case against a fresh server and reports where the answers to the
 * chosen operations differ from the case: Result Status, Result Reason, and the payload field
 * by field. Identifiers the case writes as $UNIQUE_IDENTIFIER_n are bound to the ones the
 * server returned; $NOW is the harness clock's start, which the clock keeps. Byte strings
 * inside a Digest (1.x: Digest Value) depend on generated key material and are compared by
 * presence only.
 */
final class OasisReplay {
  private OasisReplay() {}

  /** Plays the files in order against one server (TL-M-3 finds what TL-M-2 registered). */
  /**
   * @param rules where the operations' own behaviour differs: status and reason, the payload of
   *     Locate and Add/Modify/Delete Attribute, which attributes Get Attributes returns for the
   *     names asked and in which order
   * @param content differing attribute values and listings, which depend on what the server
   *     set at creation (ServerAttributes), not on these operations
   */
  record Differences(List<String> rules, List<String> content) {}

  static Differences differences(String version, List<String> files, Set<Operation> ops) throws Exception {
    ServerHarness h = new ServerHarness();
    Differences out = new Differences(new ArrayList<>(), new ArrayList<>());
    for (String file : files) {
      differences(h, version, file, ops, out);
    }
    return out;
  }

  private static void differences(ServerHarness h, String version, String file, Set<Operation> ops,
      Differences diffs) throws Exception {
    Map<String, String> ids = new HashMap<>();
    List<String> out = diffs.rules();
    int step = 0;
    for (OasisCases.Step s : OasisRequests.steps(version)) {
      if (!s.file().equals(file)) {
        continue;
      }
      KmipVersion v = s.version();
      Item.Structure request = (Item.Structure) bind(s.request().toItem(v), ids);
      ResponseMessage got = ResponseMessage.fromItem(h.server.processor().process(request, h.caller), v);
      List<ResponseBatchItem> want = s.response().batchItems();
      for (int i = 0; i < want.size(); i++) {
        ResponseBatchItem w = want.get(i);
        ResponseBatchItem g = i < got.batchItems().size() ? got.batchItems().get(i) : null;
        capture(w.responsePayload(), g == null ? null : g.responsePayload(), ids);
        if (w.operation() == null || !ops.contains(w.operation())) {
          continue;
        }
        String where = file + " step " + step + " " + w.operation();
        if (g == null) {
          out.add(where + ": no answer");
          continue;
        }
        if (g.resultStatus() != w.resultStatus() || g.resultReason() != w.resultReason()) {
          out.add(where + ": " + g.resultStatus() + "/" + g.resultReason() + " (" + g.resultMessage()
              + ") where the case has " + w.resultStatus() + "/" + w.resultReason());
          continue;
        }
        if (w.responsePayload() == null) {
          continue;
        }
        Item expected = (Item) bind(w.responsePayload(), ids);
        Operation op = w.operation();
        if (op == Operation.GET_ATTRIBUTES || op == Operation.GET_ATTRIBUTE_LIST) {
          compare(where, expected, g.responsePayload(), false, diffs.content());
          Item.Structure asked = s.request().batchItems().get(i).requestPayload();
          boolean named = asked.first(Tag.ATTRIBUTE_REFERENCE).isPresent() || asked.first(Tag.ATTRIBUTE_NAME).isPresent();
          if (op == Operation.GET_ATTRIBUTES && named
              && !names((Item.Structure) expected).equals(names(g.responsePayload()))) {
            out.add(where + ": attributes " + names(g.responsePayload()) + " where the case has "
                + names((Item.Structure) expected));
          }
        } else {
          compare(where, expected, g.responsePayload(), false, out);
        }
      }
      step++;
    }
  }

  /** The attributes a Get Attributes answer holds, in order: tags (2.x) or names (1.x). */
  private static List<String> names(Item.Structure payload) {
    List<String> out = new ArrayList<>();
    Item attrs = payload.first(Tag.ATTRIBUTES).orElse(payload);
    for (Item a : ((Item.Structure) attrs).items()) {
      if (a.tag() == Tag.ATTRIBUTE && a instanceof Item.Structure s) {
        out.add(s.first(Tag.VENDOR_IDENTIFICATION).map(Object::toString).orElse("")
            + s.first(Tag.ATTRIBUTE_NAME).map(Object::toString).orElse(""));
      } else if (a.tag() != Tag.UNIQUE_IDENTIFIER || attrs != payload) {
        out.add(Integer.toHexString(a.tag()));
      }
    }
    return out;
  }

  private static void compare(String where, Item want, Item got, boolean inDigest, List<String> out) {
    if (got == null || want.tag() != got.tag() || want.type() != got.type()) {
      out.add(where + ": expected " + label(want) + " got " + (got == null ? "nothing" : label(got)));
      return;
    }
    if (want instanceof Item.Structure ws && got instanceof Item.Structure gs) {
      boolean digest = inDigest || want.tag() == Tag.DIGEST;
      if (ws.items().size() != gs.items().size()) {
        List<Item> missing = new ArrayList<>(ws.items());
        missing.removeAll(gs.items());
        List<Item> extra = new ArrayList<>(gs.items());
        extra.removeAll(ws.items());
        out.add(where + ": " + label(want) + " lacks " + missing + ", has in addition " + extra);
        return;
      }
      for (int i = 0; i < ws.items().size(); i++) {
        compare(where, ws.items().get(i), gs.items().get(i), digest, out);
      }
      return;
    }
    if ((inDigest || want.tag() == Tag.DIGEST_VALUE) && want instanceof Item.ByteString) {
      return;
    }
    if (!want.equals(got)) {
      out.add(where + ": expected " + want + " got " + got);
    }
  }

  private static String label(Item i) {
    return Item.class.getSimpleName() + "(" + Integer.toHexString(i.tag()) + " " + i.type() + ")";
  }

  /** Records the server's identifier for each $UNIQUE_IDENTIFIER_n the case expects. */
  private static void capture(Item want, Item got, Map<String, String> ids) {
    if (want == null || got == null) {
      return;
    }
    if (want instanceof Item.TextString t && t.value().startsWith("$") && got instanceof Item.TextString g) {
      ids.putIfAbsent(t.value(), g.value());
    }
    if (want instanceof Item.Structure ws && got instanceof Item.Structure gs) {
      for (int i = 0; i < Math.min(ws.items().size(), gs.items().size()); i++) {
        if (ws.items().get(i).tag() == gs.items().get(i).tag()) {
          capture(ws.items().get(i), gs.items().get(i), ids);
        }
      }
    }
  }

  /** The tree with every bound $placeholder text replaced by its identifier. */
  static Object bind(Item item, Map<String, String> ids) {
    if (item instanceof Item.TextString t && ids.containsKey(t.value())) {
      return new Item.TextString(t.tag(), ids.get(t.value()));
    }
    if (item instanceof Item.Structure s) {
      List<Item> kids = new ArrayList<>();
      for (Item k : s.items()) {
        kids.add((Item) bind(k, ids));
      }
      return new Item.Structure(s.tag(), kids);
    }
    return item;
  }

  static Object bind(RequestMessage m, KmipVersion v, Map<String, String> ids) {
    return bind(m.toItem(v), ids);
  }
}
