package keyward.server.operation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import keyward.kmip.message.RequestBatchItem;
import keyward.kmip.message.ResponseBatchItem;
import keyward.kmip.spec.Operation;
import keyward.kmip.ttlv.Item;
import keyward.server.OasisCases;

/**
 * Request payloads and expected responses taken from the OASIS profile cases in ../shared, so
 * the tests send exactly what a case sends (the key material, the certificate, the attributes).
 */
final class OasisRequests {
  private static final Map<String, List<OasisCases.Step>> CACHE = new HashMap<>();

  private OasisRequests() {}

  static synchronized List<OasisCases.Step> steps(String version) throws Exception {
    List<OasisCases.Step> s = CACHE.get(version);
    if (s == null) {
      s = OasisCases.steps(version);
      CACHE.put(version, s);
    }
    return s;
  }

  /** The first request item of the operation in the case file (e.g. "BL-M-10-21.xml"). */
  static Item.Structure payload(String version, String file, Operation op) throws Exception {
    return item(version, file, op, 0).requestPayload();
  }

  /** The n-th request item (0-based) of the operation in the file. */
  static RequestBatchItem item(String version, String file, Operation op, int n) throws Exception {
    int seen = 0;
    for (OasisCases.Step step : steps(version)) {
      if (!step.file().equals(file)) {
        continue;
      }
      for (RequestBatchItem item : step.request().batchItems()) {
        if (item.operation() == op && seen++ == n) {
          return item;
        }
      }
    }
    throw new IllegalArgumentException(op + " #" + n + " not in " + file);
  }

  /** The response the case expects to the n-th request item of the operation. */
  static ResponseBatchItem expected(String version, String file, Operation op, int n) throws Exception {
    int seen = 0;
    for (OasisCases.Step step : steps(version)) {
      if (!step.file().equals(file)) {
        continue;
      }
      List<RequestBatchItem> items = step.request().batchItems();
      for (int i = 0; i < items.size(); i++) {
        if (items.get(i).operation() == op && seen++ == n) {
          return step.response().batchItems().get(i);
        }
      }
    }
    throw new IllegalArgumentException(op + " #" + n + " not in " + file);
  }

  /** The payload's items, for re-sending through the harness. */
  static Item[] items(Item.Structure payload) {
    return payload.items().toArray(Item[]::new);
  }
}
