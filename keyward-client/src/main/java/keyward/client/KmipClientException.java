package keyward.client;

import keyward.kmip.spec.Operation;
import keyward.kmip.spec.ResultReason;

/**
 * A KMIP operation the server answered with Operation Failed (or an answer the client could not
 * use). Carries the server's Result Reason and Result Message; never key material.
 */
public class KmipClientException extends RuntimeException {
  private final Operation operation;
  private final ResultReason resultReason;
  private final String resultMessage;

  /** A failed batch item: the operation, the server's reason (may be null) and message. */
  public KmipClientException(Operation operation, ResultReason resultReason, String resultMessage) {
    super(describe(operation, resultReason, resultMessage));
    this.operation = operation;
    this.resultReason = resultReason;
    this.resultMessage = resultMessage;
  }

  /** A failure on the client side (unusable answer, bad argument); no Result Reason. */
  public KmipClientException(String message, Throwable cause) {
    super(message, cause);
    this.operation = null;
    this.resultReason = null;
    this.resultMessage = message;
  }

  /** The operation that failed, or null. */
  public Operation operation() {
    return operation;
  }

  /** The server's Result Reason, or null when the server gave none or the failure is local. */
  public ResultReason resultReason() {
    return resultReason;
  }

  /** The server's Result Message, or null. */
  public String resultMessage() {
    return resultMessage;
  }

  private static String describe(Operation op, ResultReason reason, String message) {
    return (op == null ? "KMIP" : op.specName()) + " failed: "
        + (reason == null ? "no Result Reason" : reason.specName())
        + (message == null || message.isEmpty() ? "" : " (" + message + ")");
  }
}
