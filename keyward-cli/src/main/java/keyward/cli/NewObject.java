package keyward.cli;

import keyward.client.ObjectRequest;

/** The options every create and register command shares: name and activate. */
final class NewObject {
  private NewObject() {}

  static String send(ObjectRequest r, String name, boolean activate) {
    if (name != null) {
      r.name(name);
    }
    if (activate) {
      r.activate();
    }
    return r.execute();
  }
}
