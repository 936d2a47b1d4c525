package io.gridwatch.ingest.quality;

/**
 * One data-quality finding (a row of {@code marts/data_quality}).
 *
 * @param table the lake table the finding is about
 * @param key the key of the offending row or group (e.g. {@code W001}, {@code G001|2025-03})
 * @param check the check code, one of {@link Check}
 * @param detail a short explanation with the numbers involved
 */
public record Finding(String table, String key, String check, String detail) {}
