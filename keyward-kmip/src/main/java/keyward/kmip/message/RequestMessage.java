package keyward.kmip.message;

import java.util.List;
import keyward.kmip.bind.BindException;
import keyward.kmip.bind.Binder;
import keyward.kmip.bind.KmipTag;
import keyward.kmip.bind.Required;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;

/** Request Message: a header and one or more batch items. */
public record RequestMessage(
    @Required RequestHeader requestHeader, @Required @KmipTag("BatchItem") List<RequestBatchItem> batchItems) {

  public Item.Structure toItem(KmipVersion version) {
    return Binder.toItem(this, Tag.REQUEST_MESSAGE, version);
  }

  public static RequestMessage fromItem(Item item, KmipVersion version) throws BindException {
    if (item.tag() != Tag.REQUEST_MESSAGE) {
      throw new BindException(BindException.Kind.WRONG_TYPE, "RequestMessage", "not a Request Message");
    }
    return Binder.fromItem(item, RequestMessage.class, version);
  }
}
