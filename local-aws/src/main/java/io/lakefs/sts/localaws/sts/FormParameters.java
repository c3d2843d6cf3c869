package io.lakefs.sts.localaws.sts;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Decodes application/x-www-form-urlencoded text, the encoding of AWS Query requests (body or query string). */
final class FormParameters {
  private FormParameters() {
  }

  /**
   * Names map to their first value; a bare name maps to "".
   *
   * @throws StsError MalformedQueryString when an escape is broken
   */
  static Map<String, String> parse(String encoded) throws StsError {
    Map<String, String> parameters = new LinkedHashMap<>();
    if (encoded == null || encoded.isEmpty()) {
      return parameters;
    }
    for (String pair : encoded.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      try {
        String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
        String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
        parameters.putIfAbsent(name, value);
      } catch (IllegalArgumentException e) {
        // AWS's common errors document 404 for MalformedQueryString.
        throw new StsError(404, "MalformedQueryString", "The query string contains a syntax error: "
            + e.getMessage());
      }
    }
    return parameters;
  }
}
