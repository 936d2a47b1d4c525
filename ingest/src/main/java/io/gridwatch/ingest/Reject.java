package io.gridwatch.ingest;

/**
 * One rejected source row problem (a row with several problems yields several rejects).
 *
 * @param table lake table
 * @param file source file relative to the drop
 * @param line CSV physical line, XLSX row number or GeoJSON feature index (0-based)
 * @param column lake column(s) at fault, or null when the whole row is at fault
 * @param reason English reason
 * @param reasonZh Chinese reason
 * @param raw the source row as text
 */
public record Reject(
    String table,
    String file,
    long line,
    String column,
    String reason,
    String reasonZh,
    String raw) {}
