package io.gridwatch.ingest.validate;

/** A source value that does not parse as its column's type; carries both languages. */
public final class BadValueException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String reasonZh;

  /** A bad value with an English and a Chinese reason. */
  public BadValueException(String reason, String reasonZh) {
    super(reason);
    this.reasonZh = reasonZh;
  }

  /** The Chinese reason. */
  public String reasonZh() {
    return reasonZh;
  }
}
