package keyward.kmip.message;

import java.util.List;
import keyward.kmip.bind.BindException;
import keyward.kmip.bind.Binder;
import keyward.kmip.bind.KmipTag;
import keyward.kmip.bind.Required;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;

/** Response Message: a header and one batch item per request batch item. */
public record ResponseMessage(
    @Required ResponseHeader responseHeader, @Required @KmipTag("BatchItem") List<ResponseBatchItem> batchItems) {

  public Item.Structure toItem(KmipVersion version) {
    return Binder.toItem(this, Tag.RESPONSE_MESSAGE, version);
  }

  public static ResponseMessage fromItem(Item item, KmipVersion version) throws BindException {
    if (item.tag() != Tag.RESPONSE_MESSAGE) {
      throw new BindException(BindException.Kind.WRONG_TYPE, "ResponseMessage", "not a Response Message");
    }
    return Binder.fromItem(item, ResponseMessage.class, version);
  }
}
