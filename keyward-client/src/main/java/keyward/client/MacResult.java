package keyward.client;

import java.util.HexFormat;

/**
 * The answer to a MAC that takes an IV (GMAC): the MAC Data and the IV/Counter/Nonce it was made
 * with, which MAC Verify needs again.
 *
 * @param macData the MAC
 * @param ivCounterNonce the IV given or made by the server
 */
public record MacResult(byte[] macData, byte[] ivCounterNonce) {
  @Override
  public String toString() {
    return "MacResult[" + macData.length + " bytes, IV "
        + (ivCounterNonce == null ? "none" : HexFormat.of().formatHex(ivCounterNonce)) + "]";
  }
}
