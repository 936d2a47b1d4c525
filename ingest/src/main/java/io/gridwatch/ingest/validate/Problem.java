package io.gridwatch.ingest.validate;

/**
 * A contract violation found in one row.
 *
 * @param column lake column(s) at fault
 * @param reason English text
 * @param reasonZh Chinese text
 */
public record Problem(String column, String reason, String reasonZh) {}
