package io.gridwatch.mapservice.api;

/** An error answered as JSON {@code {"error": message, "status": status}}. */
public class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;

  /** An error with an HTTP status and a message safe to show to the client. */
  public ApiException(int status, String message) {
    super(message);
    this.status = status;
  }

  /** An error with an HTTP status, a client-safe message and the (logged, not shown) cause. */
  public ApiException(int status, String message, Throwable cause) {
    super(message, cause);
    this.status = status;
  }

  /** The HTTP status code. */
  public int status() {
    return status;
  }

  /** A 400 Bad Request. */
  public static ApiException badRequest(String message) {
    return new ApiException(400, message);
  }
}
