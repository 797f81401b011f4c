package keyward.server.object;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import keyward.kmip.compat.PayloadShapes;
import keyward.kmip.message.RequestBatchItem;
import keyward.kmip.message.ResponseBatchItem;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.KmipException;
import keyward.server.OasisCases;
import org.junit.jupiter.api.Test;

/**
 * What the 1.3, 1.4 and 2.1 profiles ask of the attribute operations must be understood: every
 * Locate filter translates, every attribute a Get Attributes names or a Get Attribute List
 * answer lists is one the rule table knows in that version.
 */
class OasisAttributeRequestsTest {

  @Test
  void everyProfileLocateAndAttributeReferenceIsUnderstood() throws Exception {
    List<String> problems = new ArrayList<>();
    int locates = 0;
    int references = 0;
    for (String version : List.of("1.3", "1.4", "2.1")) {
      for (OasisCases.Step step : OasisCases.steps(version)) {
        KmipVersion v = step.version();
        for (int b = 0; b < step.request().batchItems().size(); b++) {
          RequestBatchItem item = step.request().batchItems().get(b);
          Operation op = item.operation();
          Item.Structure payload;
          try {
            payload = v.atLeast(KmipVersion.V2_0) ? item.requestPayload() : PayloadShapes.requestToV2(op, item.requestPayload());
          } catch (IllegalArgumentException templates) {
            continue; // 1.x Template objects are not served
          }
          try {
            if (op == Operation.LOCATE) {
              locates++;
              Item attrs = payload.first(Tag.ATTRIBUTES).orElse(new Item.Structure(Tag.ATTRIBUTES));
              LocateFilter.of((Item.Structure) attrs, Instant.EPOCH, v);
            }
            if (op == Operation.GET_ATTRIBUTES || op == Operation.DELETE_ATTRIBUTE) {
              for (Item r : payload.all(Tag.ATTRIBUTE_REFERENCE)) {
                references++;
                AttributeRef ref = AttributeRef.of(r);
                if (!AttributeRules.isAttribute(ref.tag(), v)) {
                  problems.add(step.file() + ": " + ref.label() + " is no attribute in " + v);
                }
              }
            }
          } catch (KmipException e) {
            problems.add(step.file() + " " + op + ": " + e.getMessage());
          }
        }
        for (ResponseBatchItem r : step.response().batchItems()) {
          if (r.operation() == Operation.GET_ATTRIBUTE_LIST && r.responsePayload() != null) {
            for (Item ref : r.responsePayload().all(Tag.ATTRIBUTE_REFERENCE)) {
              references++;
              AttributeRef a = AttributeRef.of(ref);
              if (!AttributeRules.isAttribute(a.tag(), v)) {
                problems.add(step.file() + ": listed " + a.label() + " is no attribute in " + v);
              }
            }
          }
        }
      }
    }
    assertThat(problems).isEmpty();
    assertThat(locates).isGreaterThan(50);
    assertThat(references).isGreaterThan(200);
  }
}
