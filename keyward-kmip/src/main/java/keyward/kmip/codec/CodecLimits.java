package keyward.kmip.codec;

/**
 * Bounds every decoder checks before it allocates. One object for all codecs, so a server sets
 * them once from its configuration.
 *
 * @param maxMessageBytes largest encoded message accepted (TTLV bytes, or XML/JSON characters)
 * @param maxDepth deepest structure nesting; the message itself is depth 1
 * @param maxItems most items (of any type, structures included) in one message
 * @param maxStringBytes longest text string, byte string or big integer value, in bytes
 */
public record CodecLimits(int maxMessageBytes, int maxDepth, int maxItems, int maxStringBytes) {

  /** 4 MiB messages, depth 32, 100,000 items, 1 MiB strings: far above any real KMIP message. */
  public static final CodecLimits DEFAULT = new CodecLimits(4 << 20, 32, 100_000, 1 << 20);

  public CodecLimits {
    if (maxMessageBytes < 8 || maxDepth < 1 || maxItems < 1 || maxStringBytes < 0) {
      throw new IllegalArgumentException("codec limits out of range");
    }
  }

  public CodecLimits withMaxMessageBytes(int v) {
    return new CodecLimits(v, maxDepth, maxItems, maxStringBytes);
  }

  public CodecLimits withMaxDepth(int v) {
    return new CodecLimits(maxMessageBytes, v, maxItems, maxStringBytes);
  }

  public CodecLimits withMaxItems(int v) {
    return new CodecLimits(maxMessageBytes, maxDepth, v, maxStringBytes);
  }

  public CodecLimits withMaxStringBytes(int v) {
    return new CodecLimits(maxMessageBytes, maxDepth, maxItems, v);
  }
}
