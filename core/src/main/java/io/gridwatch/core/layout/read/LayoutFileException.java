package io.gridwatch.core.layout.read;

/**
 * A layout file that cannot be used (missing, unknown format, unsupported CRS, unreadable); the
 * message is one bilingual line. An {@link IllegalArgumentException}, so the CLI exits 2.
 */
public final class LayoutFileException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** A failure with a bilingual message. */
  public LayoutFileException(String message) {
    super(message);
  }

  /** A failure with a bilingual message and its cause. */
  public LayoutFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
