package keyward.server.operation;

import keyward.kmip.spec.BlockCipherMode;
import keyward.kmip.spec.CryptographicAlgorithm;
import keyward.kmip.spec.CryptographicUsageMask;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.KmipException;
import keyward.server.crypto.CipherParameters;
import keyward.server.crypto.Macs;
import keyward.server.object.ManagedObject;

/**
 * What MAC (1.4 §4.33, 2.1 §6.1) and MAC Verify (1.4 §4.34, 2.1 §6.1) share: the key's
 * checks ({@link CryptoKeys}: MAC Generate applies protection, MAC Verify processes it), and the
 * algorithm from the Cryptographic Parameters of the request or the key, else the key's own
 * ({@link Macs}). Streamed MACs (Init Indicator, Correlation Value) are not offered (Feature Not
 * Supported).
 */
final class MacRequests {
  private MacRequests() {}

  /** The MAC of the request's Data under its key. */
  static byte[] mac(OperationContext context, Item.Structure payload, String uid, boolean generate) throws Exception {
    if (payload.first(Tag.CORRELATION_VALUE).isPresent() || CryptoKeys.flag(payload, Tag.INIT_INDICATOR)
        || payload.first(Tag.FINAL_INDICATOR).isPresent() && !CryptoKeys.flag(payload, Tag.FINAL_INDICATOR)) {
      throw new KmipException(ResultReason.FEATURE_NOT_SUPPORTED, "streamed MACs are not offered");
    }
    byte[] data = CryptoKeys.bytes(payload, Tag.DATA);
    if (data == null) {
      throw KmipException.missingData("Data is required");
    }
    ManagedObject mo = null;
    try {
      mo = CryptoKeys.usable(context, uid,
          generate ? CryptographicUsageMask.MAC_GENERATE : CryptographicUsageMask.MAC_VERIFY, generate);
      CipherParameters p = CryptoKeys.parameters(payload, mo);
      CryptographicAlgorithm algorithm = p.algorithm() != null ? p.algorithm() : CryptoKeys.algorithm(mo);
      if (algorithm == CryptographicAlgorithm.AES && p.mode() != null && p.mode() != BlockCipherMode.CMAC) {
        throw new KmipException(ResultReason.FEATURE_NOT_SUPPORTED, "the MAC offered with AES is CMAC");
      }
      if (!Macs.offered(algorithm)) {
        throw new KmipException(ResultReason.FEATURE_NOT_SUPPORTED,
            "this server does not MAC with " + algorithm.specName());
      }
      byte[] mac = Macs.mac(algorithm, CryptoKeys.symmetricBytes(mo), data);
      if (generate) {
        CryptoKeys.spend(context, mo, data.length);
      }
      return mac;
    } finally {
      CryptoKeys.wipe(mo);
    }
  }
}
