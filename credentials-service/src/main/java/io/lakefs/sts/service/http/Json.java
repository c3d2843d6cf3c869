package io.lakefs.sts.service.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakefs.sts.protocol.ServiceApi;
import io.lakefs.sts.service.issuance.Refusal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import javax.servlet.http.HttpServletResponse;

/** The JSON the service writes: lakeFS's conventions (snake_case fields, {"message"} errors). */
public final class Json {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {
  }

  public static Map<String, String> message(String text) {
    return Map.of("message", text);
  }

  public static void write(HttpServletResponse response, int status, Object body) throws IOException {
    writeRendered(response, status, MAPPER.writeValueAsBytes(body));
  }

  /** Writes a body already rendered by {@link #render}, e.g. one kept with a cached entry. */
  static void writeRendered(HttpServletResponse response, int status, byte[] bytes) throws IOException {
    response.setStatus(status);
    response.setContentType("application/json");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.setContentLength(bytes.length);
    response.getOutputStream().write(bytes);
  }

  /** {@code body} as JSON, for values Jackson always renders (maps, lists, strings, numbers). */
  static byte[] render(Object body) {
    try {
      return MAPPER.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Answers a refusal as lakeFS answers errors, with Retry-After when waiting helps. */
  public static void refuse(HttpServletResponse response, Refusal refusal) throws IOException {
    retryAfter(response, refusal);
    write(response, refusal.status(), message(refusal.getMessage()));
  }

  /** The refusal's Retry-After header, when waiting helps. */
  public static void retryAfter(HttpServletResponse response, Refusal refusal) {
    refusal.retryAfterSeconds().ifPresent(seconds -> response.setHeader(ServiceApi.RETRY_AFTER_HEADER,
        Long.toString(seconds)));
  }
}
