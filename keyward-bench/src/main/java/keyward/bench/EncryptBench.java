package keyward.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import keyward.kmip.codec.CodecLimits;
import keyward.kmip.codec.TtlvCodec;
import keyward.kmip.message.ProtocolVersion;
import keyward.kmip.message.RequestBatchItem;
import keyward.kmip.message.RequestHeader;
import keyward.kmip.message.RequestMessage;
import keyward.kmip.message.ResponseMessage;
import keyward.kmip.spec.BlockCipherMode;
import keyward.kmip.spec.CryptographicAlgorithm;
import keyward.kmip.spec.CryptographicUsageMask;
import keyward.kmip.spec.KeyFormatType;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.ObjectType;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.PaddingMethod;
import keyward.kmip.spec.ResultStatus;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.Caller;
import keyward.server.KeywardServer;
import keyward.server.batch.Authenticator;
import keyward.server.crypto.JcaCryptoEngine;
import keyward.store.SqliteObjectStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Encrypt of 1 KiB through the whole message processor (TTLV decode, the item's store
 * transaction on the embedded SQLite store, the key read and checked, AES-256, TTLV encode of
 * the answer): what a server does per Encrypt request short of TLS. {@code mode}: CBC with
 * PKCS5 padding and the IV given, or GCM with a server-generated nonce (Random IV).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EncryptBench {
  @Param({"CBC", "GCM"})
  public String mode;

  private Path directory;
  private SqliteObjectStore store;
  private KeywardServer server;
  private final Caller caller = new Caller("bench", "127.0.0.1:1");
  private byte[] request;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    directory = Files.createTempDirectory("encryptbench");
    store = SqliteObjectStore.open(directory);
    server = new KeywardServer(store, new JcaCryptoEngine(), Authenticator.TRANSPORT_ONLY, CodecLimits.DEFAULT,
        Clock.systemUTC());
    byte[] key = new byte[32];
    new Random(1).nextBytes(key);
    Item.Structure registered = send(Operation.REGISTER,
        new Item.Enumeration(Tag.OBJECT_TYPE, ObjectType.SYMMETRIC_KEY.value()),
        new Item.Structure(Tag.ATTRIBUTES,
            new Item.Integer(Tag.CRYPTOGRAPHIC_USAGE_MASK,
                CryptographicUsageMask.toBits(List.of(CryptographicUsageMask.ENCRYPT))),
            new Item.DateTime(Tag.ACTIVATION_DATE, System.currentTimeMillis() / 1000 - 3600)),
        new Item.Structure(Tag.SYMMETRIC_KEY, new Item.Structure(Tag.KEY_BLOCK,
            new Item.Enumeration(Tag.KEY_FORMAT_TYPE, KeyFormatType.RAW.value()),
            new Item.Structure(Tag.KEY_VALUE, new Item.ByteString(Tag.KEY_MATERIAL, key)),
            new Item.Enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.AES.value()),
            new Item.Integer(Tag.CRYPTOGRAPHIC_LENGTH, 256))));
    Item uid = registered.first(Tag.UNIQUE_IDENTIFIER).orElseThrow();
    byte[] data = new byte[1024];
    new Random(2).nextBytes(data);
    Item parameters = mode.equals("CBC")
        ? new Item.Structure(Tag.CRYPTOGRAPHIC_PARAMETERS,
            new Item.Enumeration(Tag.BLOCK_CIPHER_MODE, BlockCipherMode.CBC.value()),
            new Item.Enumeration(Tag.PADDING_METHOD, PaddingMethod.PKCS5.value()))
        : new Item.Structure(Tag.CRYPTOGRAPHIC_PARAMETERS,
            new Item.Enumeration(Tag.BLOCK_CIPHER_MODE, BlockCipherMode.GCM.value()),
            new Item.Boolean(Tag.RANDOM_IV, true));
    Item[] payload = mode.equals("CBC")
        ? new Item[] {uid, parameters, new Item.ByteString(Tag.DATA, data), new Item.ByteString(Tag.IV_COUNTER_NONCE, new byte[16])}
        : new Item[] {uid, parameters, new Item.ByteString(Tag.DATA, data)};
    request = encode(Operation.ENCRYPT, payload);
    Item.Structure check = answer(server.processor().process(request, caller));
    if (((Item.ByteString) check.first(Tag.DATA).orElseThrow()).value().length < 1024) {
      throw new IllegalStateException("Encrypt did not answer with the ciphertext");
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    store.close();
    try (var walk = Files.walk(directory)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Benchmark
  public byte[] encrypt1KiB() {
    return server.processor().process(request, caller);
  }

  private Item.Structure send(Operation op, Item... payload) {
    return answer(server.processor().process(encode(op, payload), caller));
  }

  private static byte[] encode(Operation op, Item... payload) {
    RequestMessage m = new RequestMessage(RequestHeader.of(ProtocolVersion.of(KmipVersion.V2_1), 1),
        List.of(RequestBatchItem.of(op, new Item.Structure(Tag.REQUEST_PAYLOAD, payload))));
    return new TtlvCodec().encode(m.toItem(KmipVersion.V2_1));
  }

  private static Item.Structure answer(byte[] response) {
    try {
      var item = ResponseMessage.fromItem(new TtlvCodec().decode(response), KmipVersion.V2_1).batchItems().getFirst();
      if (item.resultStatus() != ResultStatus.SUCCESS) {
        throw new IllegalStateException(item.operation() + " failed: " + item.resultReason());
      }
      return item.responsePayload();
    } catch (keyward.kmip.codec.DecodeException | keyward.kmip.bind.BindException e) {
      throw new IllegalStateException(e);
    }
  }
}
