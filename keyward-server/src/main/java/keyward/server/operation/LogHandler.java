package keyward.server.operation;

import keyward.kmip.spec.Operation;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.KmipException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Log (2.1 §6.1.29): writes the client's message to the server log (BL-M-1-21). The message is
 * the client's text: cut to a bounded length and stripped of control characters so it cannot
 * forge log lines.
 */
public final class LogHandler implements OperationHandler {
  private static final Logger LOG = LoggerFactory.getLogger(LogHandler.class);
  static final int MAX_LOGGED = 1024;

  @Override
  public Operation operation() {
    return Operation.LOG;
  }

  @Override
  public boolean readOnly() {
    return true;
  }

  @Override
  public Item.Structure handle(OperationContext context, Item.Structure payload) throws Exception {
    if (!(payload.first(Tag.LOG_MESSAGE).orElse(null) instanceof Item.TextString message)) {
      throw KmipException.invalidField("Log Message is required");
    }
    LOG.info("client {} logs: {}", context.caller().identity(), printable(message.value()));
    return Payloads.response();
  }

  static String printable(String text) {
    String cut = text.length() > MAX_LOGGED ? text.substring(0, MAX_LOGGED) + "..." : text;
    StringBuilder sb = new StringBuilder(cut.length());
    cut.codePoints().forEach(c -> sb.appendCodePoint(Character.isISOControl(c) ? '?' : c));
    return sb.toString();
  }
}
