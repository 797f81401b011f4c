package keyward.conformance;

import keyward.kmip.spec.KmipVersion;
import keyward.kmip.ttlv.Item;

/** Where the comparison stands while it walks down: what the enclosing elements say. */
final class Frame {
  KmipVersion version;
  int operation = -1;
  Item.Structure requestPayload;
  boolean header;
  boolean generatedObject;
  boolean inKeyValue;
  boolean inDigest;
  boolean digestValueExact;
  boolean keyValuePresenceOnly;
  String attributeName; // 1.x: the name beside the Attribute Value being compared

  Frame copy() {
    Frame f = new Frame();
    f.version = version;
    f.operation = operation;
    f.requestPayload = requestPayload;
    f.header = header;
    f.generatedObject = generatedObject;
    f.inKeyValue = inKeyValue;
    f.inDigest = inDigest;
    f.digestValueExact = digestValueExact;
    f.keyValuePresenceOnly = keyValuePresenceOnly;
    f.attributeName = attributeName;
    return f;
  }
}
