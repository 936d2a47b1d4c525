package io.gridwatch.store;

/** A database operation of the store failed; the message says which and why. */
public class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Wraps a failure with a message naming the operation. */
  public StoreException(String message, Throwable cause) {
    super(
        message + (cause == null || cause.getMessage() == null ? "" : ": " + cause.getMessage()),
        cause);
  }

  /** A failure without an underlying exception. */
  public StoreException(String message) {
    super(message);
  }
}
