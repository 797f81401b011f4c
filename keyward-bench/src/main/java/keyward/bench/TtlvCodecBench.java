package keyward.bench;

import java.util.concurrent.TimeUnit;
import keyward.kmip.codec.DecodeException;
import keyward.kmip.codec.TtlvCodec;
import keyward.kmip.ttlv.Item;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * TTLV decode and encode of whole messages: a typical Get response (a 256-bit AES key, 280
 * bytes) and a large Locate response (10,000 Unique Identifiers, about 480 KB). Time is per
 * message; throughput in MB/s is the message size (printed at setup) divided by that time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TtlvCodecBench {

  @Param({"get", "locate"})
  public String message;

  private final TtlvCodec codec = new TtlvCodec();
  private Item tree;
  private byte[] bytes;

  @Setup
  public void setup() {
    tree = "get".equals(message) ? KmipMessages.getResponse() : KmipMessages.locateResponse(10_000);
    bytes = codec.encode(tree);
    System.out.println("\n" + message + " response: " + bytes.length + " bytes");
  }

  @Benchmark
  public Item decode() throws DecodeException {
    return codec.decode(bytes);
  }

  @Benchmark
  public byte[] encode() {
    return codec.encode(tree);
  }
}
