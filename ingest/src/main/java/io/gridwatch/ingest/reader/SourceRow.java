package io.gridwatch.ingest.reader;

import java.util.Map;

/**
 * One data row of a source file before validation.
 *
 * @param file source file path relative to the drop folder (with {@code /})
 * @param line CSV physical line (1 = header), XLSX row number (1 = header) or GeoJSON feature index
 *     (0-based)
 * @param values cell values by lake column name: String (trimmed, maybe empty), {@code
 *     java.time.LocalDateTime} (XLSX date cells) or a GeoJSON geometry text ({@code geometry})
 * @param raw the row as text, for rejects
 */
public record SourceRow(String file, long line, Map<String, Object> values, String raw) {}
