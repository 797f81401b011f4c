package keyward.server.batch;

/**
 * Bounds the message processor puts on requests that decoded (the codec's own bounds, {@link
 * keyward.kmip.codec.CodecLimits}, come first).
 *
 * @param maxBatchItems most batch items in one request; more and the whole message is refused
 *     with Server Limit Exceeded (1.x: General Failure), default {@value #DEFAULT_MAX_BATCH_ITEMS}
 * @param maxLocateItems most identifiers one Locate returns: a Locate with no Maximum Items, or
 *     a larger one, is answered as if it asked for this many (Located Items still gives the
 *     total); default {@value #DEFAULT_MAX_LOCATE_ITEMS}
 * @param requestsPerSecond messages one identity may send per second, on average over a
 *     one-second burst; 0 (the default) means no limit. Over it, the message is refused with
 *     Server Limit Exceeded (1.x: General Failure) and nothing in it is done
 */
public record RequestLimits(int maxBatchItems, int maxLocateItems, int requestsPerSecond) {
  public static final int DEFAULT_MAX_BATCH_ITEMS = 1000;
  public static final int DEFAULT_MAX_LOCATE_ITEMS = 10_000;
  public static final RequestLimits DEFAULT =
      new RequestLimits(DEFAULT_MAX_BATCH_ITEMS, DEFAULT_MAX_LOCATE_ITEMS, 0);

  public RequestLimits {
    if (maxBatchItems < 1 || maxLocateItems < 1 || requestsPerSecond < 0) {
      throw new IllegalArgumentException(
          "max batch items and max locate items must be at least 1, requests per second at least 0");
    }
  }
}
