package io.gridwatch.mapservice.ogc;

import io.gridwatch.mapservice.api.ApiException;
import io.gridwatch.mapservice.api.Params;
import io.gridwatch.store.query.FeatureQueries;
import io.gridwatch.store.query.FeatureQueries.Bbox;
import io.gridwatch.store.query.FeatureQueries.TimeRange;
import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** Validation of the OGC API – Features query parameters; every failure is a 400 ApiException. */
public final class OgcParams {
  /** Page size when {@code limit} is absent. */
  public static final int DEFAULT_LIMIT = 10;

  /** Parameters of {@code /collections/{id}/items}. */
  public static final Set<String> ITEMS = Set.of("bbox", "datetime", "limit", "offset", "f");

  /** Parameters of every other OGC resource. */
  public static final Set<String> PLAIN = Set.of("f");

  private static final Pattern NUMBER =
      Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?");
  private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");
  private static final Pattern SPACED_OFFSET = Pattern.compile("(T.*[0-9]) ([0-9]{2}:[0-9]{2})$");
  private static final BigInteger MAX_OFFSET = BigInteger.valueOf(Long.MAX_VALUE / 2);

  /** Response formats: {@code f=json} or {@code f=geojson} (features only). */
  public enum Format {
    /** application/json. */
    JSON("json"),
    /** application/geo+json. */
    GEOJSON("geojson");

    private final String id;

    Format(String id) {
      this.id = id;
    }

    /** The value of {@code f}. */
    public String id() {
      return id;
    }
  }

  private OgcParams() {}

  /** Rejects parameters outside {@code allowed} and parameters given more than once (400). */
  public static void requireKnown(Map<String, List<String>> query, Set<String> allowed) {
    for (Map.Entry<String, List<String>> e : query.entrySet()) {
      if (!allowed.contains(e.getKey())) {
        throw ApiException.badRequest(
            "unknown query parameter "
                + Params.clip(e.getKey())
                + " (allowed: "
                + String.join(", ", new TreeSet<>(allowed))
                + ")");
      }
      if (e.getValue().size() > 1) {
        throw ApiException.badRequest("query parameter " + e.getKey() + " given more than once");
      }
    }
  }

  /** The single value of a parameter, or null when absent. */
  public static String single(Map<String, List<String>> query, String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /**
   * The format asked by {@code f}: absent means GeoJSON for features, JSON otherwise; {@code
   * geojson} is only offered for features.
   */
  public static Format format(String f, boolean features) {
    if (f == null) {
      return features ? Format.GEOJSON : Format.JSON;
    }
    if (f.equals("json")) {
      return Format.JSON;
    }
    if (features && f.equals("geojson")) {
      return Format.GEOJSON;
    }
    throw ApiException.badRequest(
        "unsupported format f="
            + Params.clip(f)
            + " ("
            + (features ? "json, geojson" : "json")
            + ")");
  }

  /**
   * {@code limit}: an integer, default 10, clamped to [1, {@link FeatureQueries#MAX_LIMIT}]; not an
   * integer is a 400.
   */
  public static int limit(String text) {
    if (text == null) {
      return DEFAULT_LIMIT;
    }
    String t = text.trim();
    if (!INTEGER.matcher(t).matches()) {
      throw ApiException.badRequest("bad limit, expected an integer: " + Params.clip(text));
    }
    BigInteger v = new BigInteger(t.startsWith("+") ? t.substring(1) : t);
    if (v.compareTo(BigInteger.ONE) < 0) {
      return 1;
    }
    if (v.compareTo(BigInteger.valueOf(FeatureQueries.MAX_LIMIT)) > 0) {
      return FeatureQueries.MAX_LIMIT;
    }
    return v.intValueExact();
  }

  /** {@code offset}: a non-negative integer, default 0. */
  public static long offset(String text) {
    if (text == null) {
      return 0;
    }
    String t = text.trim();
    if (!INTEGER.matcher(t).matches() || t.startsWith("-")) {
      throw ApiException.badRequest(
          "bad offset, expected a non-negative integer: " + Params.clip(text));
    }
    BigInteger v = new BigInteger(t.startsWith("+") ? t.substring(1) : t);
    if (v.compareTo(MAX_OFFSET) > 0) {
      throw ApiException.badRequest("offset too large: " + Params.clip(text));
    }
    return v.longValueExact();
  }

  /**
   * {@code bbox=minLon,minLat,maxLon,maxLat} in CRS84 (six numbers with heights are accepted, the
   * heights ignored); a west edge east of the east edge crosses the antimeridian. Null when absent.
   */
  public static Bbox bbox(String text) {
    if (text == null) {
      return null;
    }
    String[] parts = text.split(",", -1);
    if (parts.length != 4 && parts.length != 6) {
      throw ApiException.badRequest(
          "bad bbox, expected 4 numbers minLon,minLat,maxLon,maxLat: " + Params.clip(text));
    }
    double[] v = new double[parts.length];
    for (int i = 0; i < parts.length; i++) {
      String p = parts[i].trim();
      if (!NUMBER.matcher(p).matches()) {
        throw ApiException.badRequest("bad bbox, not a number: " + Params.clip(parts[i]));
      }
      v[i] = Double.parseDouble(p);
    }
    try {
      if (v.length == 6) {
        if (v[2] > v[5]) {
          throw new IllegalArgumentException("bbox minimum height is above the maximum");
        }
        return new Bbox(v[0], v[1], v[3], v[4]);
      }
      return new Bbox(v[0], v[1], v[2], v[3]);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("bad bbox: " + e.getMessage());
    }
  }

  /**
   * {@code datetime}: an RFC 3339 date-time (an instant) or an interval {@code start/end} whose
   * open end is {@code ..} or empty ({@code ../end}, {@code start/..}); null when absent.
   */
  public static TimeRange datetime(String text) {
    if (text == null) {
      return null;
    }
    String[] parts = text.split("/", -1);
    if (parts.length > 2) {
      throw ApiException.badRequest(
          "bad datetime, expected an instant or start/end: " + Params.clip(text));
    }
    if (parts.length == 1) {
      Instant t = instant(parts[0]);
      if (t == null) {
        throw ApiException.badRequest(
            "bad datetime, expected an instant or start/end: " + Params.clip(text));
      }
      return new TimeRange(t, t);
    }
    Instant start = instant(parts[0]);
    Instant end = instant(parts[1]);
    if (start == null && end == null) {
      throw ApiException.badRequest("bad datetime, both ends open: " + Params.clip(text));
    }
    if (start != null && end != null && start.isAfter(end)) {
      throw ApiException.badRequest("bad datetime, start is after end: " + Params.clip(text));
    }
    return new TimeRange(start, end);
  }

  /** An RFC 3339 date-time, or null for an open end ({@code ..} or empty). */
  private static Instant instant(String part) {
    String p = part.trim();
    if (p.isEmpty() || p.equals("..")) {
      return null;
    }
    // a "+08:00" offset sent unencoded in a query string arrives as " 08:00"
    p = SPACED_OFFSET.matcher(p).replaceFirst("$1+$2");
    try {
      return OffsetDateTime.parse(p, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest(
          "bad datetime, expected an RFC 3339 date-time such as 2025-03-01T00:00:00+08:00: "
              + Params.clip(part));
    }
  }
}
