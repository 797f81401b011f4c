package keyward.server.operation;

import keyward.kmip.spec.BlockCipherMode;
import keyward.kmip.spec.CryptographicAlgorithm;
import keyward.kmip.spec.CryptographicUsageMask;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.KmipException;
import keyward.server.crypto.CipherParameters;
import keyward.server.crypto.CipherSession;
import keyward.server.crypto.CipherStreams;
import keyward.server.crypto.Macs;
import keyward.server.object.ManagedObject;
import keyward.spi.crypto.CryptoEngine;

/**
 * What MAC (1.4 §4.33, 2.1 §6.1) and MAC Verify (1.4 §4.34, 2.1 §6.1) share: the key's checks
 * ({@link CryptoKeys}: MAC Generate applies protection and spends Usage Limits, MAC Verify
 * processes it), the algorithm from the Cryptographic Parameters of the request or the key, else
 * the key's own ({@link Macs}; AES with Block Cipher Mode GCM is GMAC, with an IV/Counter/Nonce
 * given or generated and returned), and the streamed form ({@link StreamPart}, {@link CipherStreams}).
 */
final class MacRequests {
  /**
   * The MAC when this request ends the operation (else null), the stream's Correlation Value,
   * and the GMAC IV the server generated (else null), which the client needs to verify.
   */
  record Result(byte[] mac, byte[] correlation, byte[] generatedIv) {}

  private MacRequests() {}

  static Result mac(OperationContext context, Item.Structure payload, String uid, boolean generate,
      CipherStreams streams, CryptoEngine crypto) throws Exception {
    Operation op = generate ? Operation.MAC : Operation.MAC_VERIFY;
    StreamPart part = StreamPart.of(payload, context.version());
    byte[] data = part.data(payload);
    byte[] correlation = part.correlation();
    ManagedObject mo = null;
    try {
      mo = CryptoKeys.usable(context, uid,
          generate ? CryptographicUsageMask.MAC_GENERATE : CryptographicUsageMask.MAC_VERIFY, generate);
      CipherSession session;
      CipherStreams.Stream stream = null;
      byte[] generatedIv = null;
      if (correlation != null) {
        stream = streams.take(correlation, context.caller().identity(), uid, op, context.now(),
            context.version().atLeast(KmipVersion.V2_0));
        session = stream.session();
      } else {
        CipherParameters p = CryptoKeys.parameters(payload, mo);
        CryptographicAlgorithm algorithm = p.algorithm() != null ? p.algorithm() : CryptoKeys.algorithm(mo);
        if (algorithm == CryptographicAlgorithm.AES && p.mode() == BlockCipherMode.GCM) {
          // GMAC. The MAC payloads (2.1 §6.1.28/29) have no IV field; like Encrypt, the
          // IV/Counter/Nonce carries it, generated (Random IV) and returned when not given.
          byte[] iv = CryptoKeys.bytes(payload, Tag.IV_COUNTER_NONCE);
          if (iv == null && generate && p.randomIv()) {
            iv = generatedIv = crypto.randomBytes(p.generatedIvBytes(12));
          }
          if (iv == null) {
            throw new KmipException(ResultReason.INVALID_MESSAGE, "missing-iv: GMAC needs an IV/Counter/Nonce"
                + (generate ? " (or Random IV in the Cryptographic Parameters)" : ""));
          }
          session = Macs.gmac(CryptoKeys.symmetricBytes(mo), iv, p.tagLength() == null ? 16 : p.tagLength());
        } else if (algorithm == CryptographicAlgorithm.AES && p.mode() != null && p.mode() != BlockCipherMode.CMAC) {
          throw new KmipException(ResultReason.FEATURE_NOT_SUPPORTED, "the MACs offered with AES are CMAC and GMAC (GCM)");
        } else {
          session = Macs.session(algorithm, CryptoKeys.symmetricBytes(mo));
        }
      }
      if (generate) {
        CryptoKeys.spend(context, mo, data.length, part.first());
      }
      if (!part.last()) {
        session.update(data);
        if (stream != null) {
          streams.putBack(correlation, stream, data.length, context.now());
        } else {
          correlation = streams.open(new CipherStreams.Stream(context.caller().identity(), uid, op, session, 0),
              context.now());
        }
        byte[] opened = correlation;
        context.batch().onRollback(() -> streams.close(opened));
        return new Result(null, correlation, generatedIv);
      }
      return new Result(session.finish(data, null).data(), null, generatedIv);
    } finally {
      CryptoKeys.wipe(mo);
    }
  }
}
