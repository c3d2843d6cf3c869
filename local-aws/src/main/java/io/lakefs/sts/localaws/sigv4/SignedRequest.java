package io.lakefs.sts.localaws.sigv4;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * An HTTP request as it arrived, reduced to what a SigV4 signature covers. Endpoints build one from
 * their server's exchange and hand it to {@link SigV4Verifier}.
 *
 * @param method the HTTP method as received, e.g. "GET"
 * @param rawPath the path as received, still percent-encoded
 * @param rawQuery the query as received, still percent-encoded; null when there is none
 * @param headers header names as received; stored case-insensitively, values of names that differ
 *     only in case are merged in arrival order
 */
public record SignedRequest(String method, String rawPath, String rawQuery, Map<String, List<String>> headers) {
  /**
   * Query parameters that carry a presigned request's signature rather than its content. Only these: a
   * presigned URL may also hoist headers such as x-amz-acl into the query, and those are content.
   */
  public static final Set<String> PRESIGN_PARAMETERS = Set.of("X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date",
      "X-Amz-Expires", "X-Amz-SignedHeaders", "X-Amz-Signature", "X-Amz-Security-Token");

  /** Whether a query parameter is one of {@link #PRESIGN_PARAMETERS}, in any case. */
  public static boolean isPresignParameter(String name) {
    return PRESIGN_PARAMETERS.stream().anyMatch(p -> p.equalsIgnoreCase(name));
  }

  public SignedRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(rawPath, "rawPath");
    Objects.requireNonNull(headers, "headers");
    TreeMap<String, List<String>> merged = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((name, values) -> {
      if (name != null && values != null) {
        merged.computeIfAbsent(name, n -> new ArrayList<>()).addAll(values);
      }
    });
    merged.replaceAll((name, values) -> List.copyOf(values));
    headers = Collections.unmodifiableMap(merged);
  }

  /** All values of a header, empty when absent. */
  public List<String> header(String name) {
    return headers.getOrDefault(name, List.of());
  }

  /**
   * The query's parameters, percent-decoded as SigV4 reads them ('+' stays '+'), each name with its values
   * in order; a bare name has the value "".
   *
   * @throws SigV4Exception MALFORMED when a percent-escape is broken
   */
  public Map<String, List<String>> queryParameters() throws SigV4Exception {
    Map<String, List<String>> parameters = new LinkedHashMap<>();
    for (QueryParameter parameter : QueryParameter.parse(rawQuery)) {
      parameters.computeIfAbsent(parameter.name(), n -> new ArrayList<>()).add(parameter.value());
    }
    return parameters;
  }

  /** The first value of a header, or null when absent. */
  public String firstHeader(String name) {
    List<String> values = header(name);
    return values.isEmpty() ? null : values.get(0);
  }
}
