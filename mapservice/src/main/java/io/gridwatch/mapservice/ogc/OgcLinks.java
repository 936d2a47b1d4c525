package io.gridwatch.mapservice.ogc;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Absolute links of the OGC API resources, built from the request's scheme and host. */
public final class OgcLinks {
  /** Media type of JSON resources. */
  public static final String JSON = "application/json";

  /** Media type of features. */
  public static final String GEOJSON = "application/geo+json";

  /** Media type of the OpenAPI 3.0 document. */
  public static final String OPENAPI = "application/vnd.oai.openapi+json;version=3.0";

  private OgcLinks() {}

  /** The root of the OGC API as the client reached it, e.g. {@code http://host:8080/ogc}. */
  public static String root(Context ctx) {
    String url = ctx.url();
    int scheme = url.indexOf("://");
    int path = scheme < 0 ? -1 : url.indexOf('/', scheme + 3);
    return (path < 0 ? url : url.substring(0, path)) + "/ogc";
  }

  /** A link object {@code {href, rel, type, title}} (title omitted when null). */
  public static Map<String, Object> link(String href, String rel, String type, String title) {
    Map<String, Object> link = new LinkedHashMap<>();
    link.put("href", href);
    link.put("rel", rel);
    link.put("type", type);
    if (title != null) {
      link.put("title", title);
    }
    return link;
  }

  /** Percent-encodes a path segment or query value (RFC 3986; keeps {@code , : /} in values). */
  public static String encode(String text, boolean pathSegment) {
    StringBuilder out = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xFF;
      boolean keep =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '.'
              || c == '_'
              || c == '~'
              || (!pathSegment && (c == ',' || c == ':' || c == '/'));
      if (keep) {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
        out.append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
      }
    }
    return out.toString();
  }

  /** {@code url?k=v&...} from the non-null entries of {@code query}, in order, values encoded. */
  public static String withQuery(String url, Map<String, String> query) {
    StringBuilder out = new StringBuilder(url);
    char sep = '?';
    for (Map.Entry<String, String> e : query.entrySet()) {
      if (e.getValue() != null) {
        out.append(sep).append(e.getKey()).append('=').append(encode(e.getValue(), false));
        sep = '&';
      }
    }
    return out.toString();
  }
}
