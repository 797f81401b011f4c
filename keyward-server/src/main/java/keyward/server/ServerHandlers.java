package keyward.server;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import keyward.kmip.spec.ObjectType;
import keyward.server.batch.ProtocolNegotiation;
import keyward.server.crypto.CipherStreams;
import keyward.server.operation.ActivateHandler;
import keyward.server.operation.AddAttributeHandler;
import keyward.server.operation.AdjustAttributeHandler;
import keyward.server.operation.ArchiveHandler;
import keyward.server.operation.CancelHandler;
import keyward.server.operation.CertifyHandler;
import keyward.server.operation.CheckHandler;
import keyward.server.operation.CreateHandler;
import keyward.server.operation.CreateKeyPairHandler;
import keyward.server.operation.CreateSplitKeyHandler;
import keyward.server.operation.JoinSplitKeyHandler;
import keyward.server.operation.DecryptHandler;
import keyward.server.operation.DeleteAttributeHandler;
import keyward.server.operation.DeriveKeyHandler;
import keyward.server.operation.DestroyHandler;
import keyward.server.operation.DiscoverVersionsHandler;
import keyward.server.operation.EncryptHandler;
import keyward.server.operation.GetAttributeListHandler;
import keyward.server.operation.GetAttributesHandler;
import keyward.server.operation.GetHandler;
import keyward.server.operation.GetUsageAllocationHandler;
import keyward.server.operation.HashHandler;
import keyward.server.operation.InteropHandler;
import keyward.server.operation.LocateHandler;
import keyward.server.operation.LogHandler;
import keyward.server.operation.MacHandler;
import keyward.server.operation.MacVerifyHandler;
import keyward.server.operation.ModifyAttributeHandler;
import keyward.server.operation.ObtainLeaseHandler;
import keyward.server.operation.OperationHandler;
import keyward.server.operation.OperationTable;
import keyward.server.operation.PendingOperations;
import keyward.server.operation.PingHandler;
import keyward.server.operation.PollHandler;
import keyward.server.operation.QueryHandler;
import keyward.server.operation.ReCertifyHandler;
import keyward.server.operation.ReKeyHandler;
import keyward.server.operation.ReKeyKeyPairHandler;
import keyward.server.operation.RecoverHandler;
import keyward.server.operation.RegisterHandler;
import keyward.server.operation.RevokeHandler;
import keyward.server.operation.RngRetrieveHandler;
import keyward.server.operation.RngSeedHandler;
import keyward.server.operation.SetAttributeHandler;
import keyward.server.operation.SignHandler;
import keyward.server.operation.SignatureVerifyHandler;
import keyward.server.operation.ValidateHandler;
import keyward.spi.crypto.CryptoEngine;

/** The handlers a standard server runs: the one place an operation is wired in. */
public final class ServerHandlers {
  public static final String SERVER_VERSION = "0.1.0";

  /** Object types the server stores; Query answers with these. */
  public static final List<ObjectType> OBJECT_TYPES = List.of(
      ObjectType.CERTIFICATE, ObjectType.SYMMETRIC_KEY, ObjectType.PUBLIC_KEY, ObjectType.PRIVATE_KEY,
      ObjectType.SPLIT_KEY, ObjectType.TEMPLATE, ObjectType.SECRET_DATA, ObjectType.OPAQUE_OBJECT,
      ObjectType.PGP_KEY);

  private ServerHandlers() {}

  public static List<OperationHandler> standard(
      CryptoEngine crypto, ProtocolNegotiation negotiation, Supplier<OperationTable> table) {
    List<OperationHandler> handlers = new ArrayList<>();
    handlers.add(new DiscoverVersionsHandler(negotiation));
    handlers.add(new QueryHandler(table, OBJECT_TYPES, SERVER_VERSION));
    handlers.add(new PingHandler());
    // asynchronous items (Asynchronous Indicator): Poll runs one, Cancel drops one
    PendingOperations pending = new PendingOperations();
    handlers.add(new PollHandler(pending));
    handlers.add(new CancelHandler(pending));
    // objects and their lifecycle
    handlers.add(new CreateHandler(crypto));
    handlers.add(new CreateKeyPairHandler(crypto));
    handlers.add(new RegisterHandler(crypto));
    handlers.add(new GetHandler(crypto));
    handlers.add(new ActivateHandler());
    handlers.add(new RevokeHandler());
    handlers.add(new DestroyHandler());
    handlers.add(new ArchiveHandler());
    handlers.add(new RecoverHandler());
    handlers.add(new CheckHandler());
    handlers.add(new ObtainLeaseHandler());
    handlers.add(new GetUsageAllocationHandler());
    handlers.add(new ReKeyHandler(crypto));
    handlers.add(new ReKeyKeyPairHandler(crypto));
    // cryptographic services: symmetric keys (and RSA keys for Encrypt/Decrypt), hashes, the RNG
    CipherStreams streams = CipherStreams.standard(crypto);
    handlers.add(new EncryptHandler(crypto, streams));
    handlers.add(new DecryptHandler(crypto, streams));
    handlers.add(new MacHandler(crypto, streams));
    handlers.add(new MacVerifyHandler(crypto, streams));
    handlers.add(new HashHandler(streams));
    handlers.add(new RngRetrieveHandler(crypto));
    handlers.add(new RngSeedHandler(crypto));
    handlers.add(new DeriveKeyHandler(crypto));
    handlers.add(new CreateSplitKeyHandler(crypto));
    handlers.add(new JoinSplitKeyHandler(crypto));
    handlers.add(new SignHandler(streams));
    handlers.add(new SignatureVerifyHandler(streams));
    handlers.add(new CertifyHandler(crypto));
    handlers.add(new ReCertifyHandler(crypto));
    handlers.add(new ValidateHandler());
    // attributes and Locate
    handlers.add(new LocateHandler());
    handlers.add(new GetAttributesHandler());
    handlers.add(new GetAttributeListHandler());
    handlers.add(new AddAttributeHandler());
    handlers.add(new SetAttributeHandler());
    handlers.add(new ModifyAttributeHandler());
    handlers.add(new DeleteAttributeHandler());
    handlers.add(new AdjustAttributeHandler());
    // test control (2.x interop profiles)
    handlers.add(new InteropHandler());
    handlers.add(new LogHandler());
    return handlers;
  }
}
