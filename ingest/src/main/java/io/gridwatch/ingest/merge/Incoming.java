package io.gridwatch.ingest.merge;

/**
 * A validated source row with its provenance.
 *
 * @param row lake values in table column order
 * @param file source file relative to the drop
 * @param line line / row / feature index in that file
 * @param raw source row text
 */
public record Incoming(Object[] row, String file, long line, String raw) {}
