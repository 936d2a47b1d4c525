package io.gridwatch.mapservice.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** JSON responses of the API (Jackson, UTF-8). */
public final class Json {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Media type of JSON answers. */
  public static final String JSON = "application/json; charset=utf-8";

  /** Request attribute set once a handler has written the body (status error pages skip it). */
  public static final String BODY_WRITTEN = "gridwatch.bodyWritten";

  private Json() {}

  /** Writes a value as JSON with the given status. */
  public static void write(Context ctx, int status, Object value) {
    try {
      ctx.status(status).contentType(JSON).result(MAPPER.writeValueAsString(value));
      ctx.attribute(BODY_WRITTEN, Boolean.TRUE);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize response", e);
    }
  }

  /** Writes an already serialized JSON document with the given status and media type. */
  public static void writeRaw(Context ctx, int status, String contentType, String json) {
    ctx.status(status).contentType(contentType).result(json);
    ctx.attribute(BODY_WRITTEN, Boolean.TRUE);
  }

  /** Writes the error body {@code {"error": message, "status": status}}. */
  public static void error(Context ctx, int status, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", message);
    body.put("status", status);
    write(ctx, status, body);
  }

  /** Parses JSON text into plain Java values (maps, lists, strings, numbers, booleans, null). */
  public static Object parse(String json) {
    try {
      return MAPPER.readValue(json, Object.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON", e);
    }
  }

  /** Parses a JSON object; throws IllegalArgumentException when the text is not one. */
  public static Map<?, ?> parseObject(String json) {
    if (parse(json) instanceof Map<?, ?> m) {
      return m;
    }
    throw new IllegalArgumentException("not a JSON object");
  }
}
