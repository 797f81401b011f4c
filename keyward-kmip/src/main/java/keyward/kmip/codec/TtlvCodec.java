package keyward.kmip.codec;

import static keyward.kmip.codec.DecodeException.Reason.BAD_LENGTH;
import static keyward.kmip.codec.DecodeException.Reason.BAD_TAG;
import static keyward.kmip.codec.DecodeException.Reason.BAD_TYPE;
import static keyward.kmip.codec.DecodeException.Reason.MESSAGE_TOO_LARGE;
import static keyward.kmip.codec.DecodeException.Reason.TRUNCATED;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.util.Objects;
import keyward.kmip.ttlv.Item;

/**
 * The binary TTLV encoding (KMIP 1.4 / 2.1 §9.1) of an {@link Item} tree: the mandatory wire
 * format on port 5696.
 *
 * <p>Decoding is strict: every rule of §9.1 that a message can break has its own {@link
 * DecodeException.Reason} and the offset of the fault, and every length is checked against the
 * input and the {@link CodecLimits} before anything is allocated from it. A codec holds only its
 * limits, so one instance can be shared by all threads.
 *
 * <p>Error offsets count from the start of the message: for {@code TRUNCATED} it is where the
 * input ran out; otherwise it is the start of the faulty field (the type byte, the length field,
 * the first padding byte, the first byte of a bad UTF-8 sequence, the boolean value) or the
 * header of the item that crossed a limit.
 *
 * <p>The encoding is canonical: decoding accepts exactly one byte form per tree, except that a
 * Big Integer with more sign-extension bytes than needed is accepted (and re-encoded minimally).
 */
public final class TtlvCodec {

  /** Length of an item header: tag (3), type (1), length (4). */
  public static final int HEADER_LENGTH = 8;

  private final CodecLimits limits;

  public TtlvCodec(CodecLimits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  /** A codec with {@link CodecLimits#DEFAULT}. */
  public TtlvCodec() {
    this(CodecLimits.DEFAULT);
  }

  public CodecLimits limits() {
    return limits;
  }

  /** Decodes a whole array as one message. */
  public Item decode(byte[] message) throws DecodeException {
    return decode(message, 0, message.length);
  }

  /**
   * Decodes {@code length} bytes at {@code offset} as exactly one item; bytes after it are an
   * error ({@link DecodeException.Reason#TRAILING_BYTES}). Offsets in errors count from {@code
   * offset}. The array is not kept: byte strings in the tree are copies.
   */
  public Item decode(byte[] buf, int offset, int length) throws DecodeException {
    Objects.checkFromIndexSize(offset, length, buf.length);
    return new TtlvReader(buf, offset, length, limits).read();
  }

  /**
   * Decodes the remaining bytes of {@code buf} as one message and, on success, moves its
   * position to its limit. A direct buffer is copied once (after the size check) into a heap
   * array, since the reader works on arrays.
   */
  public Item decode(ByteBuffer buf) throws DecodeException {
    int n = buf.remaining();
    Item item;
    if (buf.hasArray()) {
      item = decode(buf.array(), buf.arrayOffset() + buf.position(), n);
    } else {
      if (n > limits.maxMessageBytes()) {
        throw new DecodeException(MESSAGE_TOO_LARGE, 0, "message of " + n
            + " bytes is over the limit of " + limits.maxMessageBytes());
      }
      byte[] copy = new byte[n];
      buf.get(buf.position(), copy);
      item = decode(copy, 0, n);
    }
    buf.position(buf.limit());
    return item;
  }

  /** Encodes into a new array of exactly {@link #encodedLength} bytes. */
  public byte[] encode(Item item) {
    byte[] out = new byte[TtlvWriter.encodedLength(item)];
    TtlvWriter.write(item, out, 0);
    return out;
  }

  /**
   * Encodes at {@code offset} in {@code dst}; returns the number of bytes written.
   *
   * @throws IndexOutOfBoundsException when the encoding does not fit (nothing is written)
   */
  public int encode(Item item, byte[] dst, int offset) {
    int n = TtlvWriter.encodedLength(item);
    Objects.checkFromIndexSize(offset, n, dst.length);
    TtlvWriter.write(item, dst, offset);
    return n;
  }

  /**
   * Encodes at the position of {@code dst} and advances the position past the item.
   *
   * @throws BufferOverflowException when fewer than {@link #encodedLength} bytes remain (nothing
   *     is written)
   */
  public void encode(Item item, ByteBuffer dst) {
    int n = TtlvWriter.encodedLength(item);
    if (dst.remaining() < n) {
      throw new BufferOverflowException();
    }
    if (dst.hasArray() && !dst.isReadOnly()) {
      TtlvWriter.write(item, dst.array(), dst.arrayOffset() + dst.position());
      dst.position(dst.position() + n);
    } else {
      byte[] out = new byte[n];
      TtlvWriter.write(item, out, 0);
      dst.put(out);
    }
  }

  /**
   * Bytes {@code item} encodes to, headers and padding included.
   *
   * @throws IllegalArgumentException when a tag does not fit 3 bytes, a text string holds an
   *     unpaired surrogate, or the encoding would exceed 2^31-9 bytes
   */
  public int encodedLength(Item item) {
    return TtlvWriter.encodedLength(item);
  }

  /**
   * Framing for stream transports: from the first {@link #HEADER_LENGTH} bytes of a message,
   * the total message length (8 + L), so a server reads the header, checks it, then reads
   * exactly the body. A message must be a Structure (§9.1: Request Message / Response Message)
   * whose tag is in the KMIP range 0x42xxxx or the extension range 0x54xxxx, whose length is a
   * multiple of 8 and within {@link CodecLimits#maxMessageBytes}. Anything else is not a KMIP
   * message; a server closes the connection rather than reading on.
   */
  public int messageLength(byte[] header, int offset) throws DecodeException {
    Objects.checkFromIndexSize(offset, 0, header.length);
    if (header.length - offset < HEADER_LENGTH) {
      throw new DecodeException(TRUNCATED, header.length - offset,
          "a message header is " + HEADER_LENGTH + " bytes");
    }
    int first = header[offset] & 0xFF;
    if (first != 0x42 && first != 0x54) {
      throw new DecodeException(BAD_TAG, 0, "not a KMIP message: tag starts with 0x"
          + Integer.toHexString(first));
    }
    int type = header[offset + 3] & 0xFF;
    if (type != 0x01) {
      throw new DecodeException(BAD_TYPE, 3, "a message is a structure (type 0x01), not 0x"
          + Integer.toHexString(type));
    }
    long length = ((header[offset + 4] & 0xFFL) << 24) | ((header[offset + 5] & 0xFF) << 16)
        | ((header[offset + 6] & 0xFF) << 8) | (header[offset + 7] & 0xFF);
    if (length > limits.maxMessageBytes() - (long) HEADER_LENGTH) {
      throw new DecodeException(MESSAGE_TOO_LARGE, 4, "message declares " + (length + 8)
          + " bytes, over the limit of " + limits.maxMessageBytes());
    }
    if ((length & 7) != 0) {
      throw new DecodeException(BAD_LENGTH, 4, "structure length " + length
          + " is not a multiple of 8");
    }
    return HEADER_LENGTH + (int) length;
  }

  /** {@link #messageLength(byte[], int)} on the bytes at the buffer's position; reads nothing. */
  public int messageLength(ByteBuffer header) throws DecodeException {
    byte[] h = new byte[Math.min(HEADER_LENGTH, header.remaining())];
    header.get(header.position(), h);
    return messageLength(h, 0);
  }
}
