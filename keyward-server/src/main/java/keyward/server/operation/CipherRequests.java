package keyward.server.operation;

import java.security.Key;
import java.util.ArrayList;
import java.util.List;
import keyward.kmip.spec.CryptographicAlgorithm;
import keyward.kmip.spec.CryptographicUsageMask;
import keyward.kmip.spec.KmipVersion;
import keyward.kmip.spec.Operation;
import keyward.kmip.spec.ResultReason;
import keyward.kmip.spec.SpecRegistry;
import keyward.kmip.spec.Tag;
import keyward.kmip.ttlv.Item;
import keyward.server.KmipException;
import keyward.server.crypto.CipherAlgorithm;
import keyward.server.crypto.CipherParameters;
import keyward.server.crypto.CipherSession;
import keyward.server.crypto.CipherStreams;
import keyward.server.crypto.Ciphers;
import keyward.server.object.ManagedObject;
import keyward.spi.crypto.CryptoEngine;

/**
 * What Encrypt (1.4 §4.29, 2.1 §6.1) and Decrypt (1.4 §4.30, 2.1 §6.1) share: the key's
 * checks ({@link CryptoKeys}), the Cryptographic Parameters of the request or the key, the
 * cipher from the table ({@link Ciphers}) by the key's algorithm, the IV/Counter/Nonce given or
 * (Random IV, encryption only) generated and returned, AEAD additional data and tag, and the
 * streamed form (Init Indicator, Correlation Value, Final Indicator) through {@link CipherStreams}.
 *
 * <p>A request without an IV where the mode needs one is Invalid Message (CS-BC-M-11/12/13:
 * "missing-iv"). Cryptographic Parameters naming another algorithm than the key's are Invalid
 * Field.
 */
final class CipherRequests {
  private final CryptoEngine crypto;
  private final CipherStreams streams;

  CipherRequests(CryptoEngine crypto, CipherStreams streams) {
    this.crypto = crypto;
    this.streams = streams;
  }

  Item.Structure handle(OperationContext context, Item.Structure payload, boolean encrypt) throws Exception {
    Operation op = encrypt ? Operation.ENCRYPT : Operation.DECRYPT;
    String uid = Payloads.uniqueIdentifier(context, payload);
    StreamPart part = StreamPart.of(payload, context.version());
    byte[] correlation = part.correlation();
    boolean last = part.last();
    byte[] data = part.data(payload);
    byte[] tag = CryptoKeys.bytes(payload, Tag.AUTHENTICATED_ENCRYPTION_TAG);
    ManagedObject mo = null;
    try {
      mo = CryptoKeys.usable(context, uid, encrypt ? CryptographicUsageMask.ENCRYPT : CryptographicUsageMask.DECRYPT,
          encrypt);
      byte[] generatedIv = null;
      CipherSession session;
      CipherStreams.Stream stream = null;
      if (correlation != null) {
        stream = streams.take(correlation, context.caller().identity(), uid, op, context.now(),
            context.version().atLeast(KmipVersion.V2_0));
        session = stream.session();
      } else {
        CipherParameters p = CryptoKeys.parameters(payload, mo);
        CryptographicAlgorithm keyAlgorithm = CryptoKeys.algorithm(mo);
        if (p.algorithm() != null && p.algorithm() != keyAlgorithm) {
          throw KmipException.invalidField("the Cryptographic Parameters name " + p.algorithm().specName()
              + " but the key is " + keyAlgorithm.specName());
        }
        CipherAlgorithm cipher = Ciphers.forAlgorithm(keyAlgorithm).orElseThrow(() -> new KmipException(
            ResultReason.FEATURE_NOT_SUPPORTED, "this server does not " + op.specName().toLowerCase()
                + " with " + keyAlgorithm.specName()));
        byte[] iv = CryptoKeys.bytes(payload, Tag.IV_COUNTER_NONCE);
        if (encrypt && iv == null && p.randomIv()) {
          int n = p.generatedIvBytes(cipher.ivLength(p));
          if (n > 0) {
            iv = generatedIv = crypto.randomBytes(n);
          }
        }
        if (!encrypt && tag != null && p.tagLength() == null) {
          p = p.withTagLength(tag.length);
        }
        Key key = cipher.key(CryptoKeys.block(mo));
        session = cipher.start(encrypt, key, p, iv, CryptoKeys.bytes(payload, Tag.AUTHENTICATED_ENCRYPTION_ADDITIONAL_DATA));
      }
      if (session.authenticated() && !SpecRegistry.tag(Tag.AUTHENTICATED_ENCRYPTION_TAG).definedIn(context.version())) {
        throw new KmipException(ResultReason.FEATURE_NOT_SUPPORTED, "AEAD modes need KMIP 1.4 or later");
      }
      if (encrypt) {
        CryptoKeys.spend(context, mo, data.length, correlation == null);
      }
      List<Item> out = new ArrayList<>();
      out.add(Payloads.uid(uid));
      if (!last) {
        out.add(new Item.ByteString(Tag.DATA, session.update(data)));
        if (generatedIv != null) {
          out.add(new Item.ByteString(Tag.IV_COUNTER_NONCE, generatedIv));
        }
        if (stream != null) {
          streams.putBack(correlation, stream, data.length, context.now());
        } else {
          boolean holds = !encrypt && session.authenticated();
          correlation = streams.open(new CipherStreams.Stream(context.caller().identity(), uid, op, session,
              holds ? data.length : 0), context.now());
        }
        byte[] opened = correlation;
        context.batch().onRollback(() -> streams.close(opened));
        out.add(new Item.ByteString(Tag.CORRELATION_VALUE, correlation));
        return Payloads.response(out.toArray(Item[]::new));
      }
      CipherSession.Output result = session.finish(data, tag);
      out.add(new Item.ByteString(Tag.DATA, result.data()));
      if (generatedIv != null) {
        out.add(new Item.ByteString(Tag.IV_COUNTER_NONCE, generatedIv));
      }
      if (encrypt && result.tag() != null) {
        out.add(new Item.ByteString(Tag.AUTHENTICATED_ENCRYPTION_TAG, result.tag()));
      }
      return Payloads.response(out.toArray(Item[]::new));
    } finally {
      CryptoKeys.wipe(mo);
    }
  }
}
