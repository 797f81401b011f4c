package keyward.kmip.compat;

import keyward.kmip.ttlv.Item;

/** Small tree helpers the shape adapters share. */
public final class Items {
  private Items() {}

  /** The same value under another tag. */
  public static Item retag(Item item, int tag) {
    return switch (item) {
      case Item.Structure s -> new Item.Structure(tag, s.items());
      case Item.Integer i -> new Item.Integer(tag, i.value());
      case Item.LongInteger i -> new Item.LongInteger(tag, i.value());
      case Item.BigInteger i -> new Item.BigInteger(tag, i.value());
      case Item.Enumeration i -> new Item.Enumeration(tag, i.value());
      case Item.Boolean i -> new Item.Boolean(tag, i.value());
      case Item.TextString i -> new Item.TextString(tag, i.value());
      case Item.ByteString i -> new Item.ByteString(tag, i.value());
      case Item.DateTime i -> new Item.DateTime(tag, i.epochSeconds());
      case Item.Interval i -> new Item.Interval(tag, i.seconds());
      case Item.DateTimeExtended i -> new Item.DateTimeExtended(tag, i.epochMicros());
      case Item.Identifier i -> new Item.Identifier(tag, i.value());
      case Item.Reference i -> new Item.Reference(tag, i.value());
      case Item.NameReference i -> new Item.NameReference(tag, i.value());
    };
  }
}
