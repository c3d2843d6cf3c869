package io.lakefs.sts.hadoop.client;

import io.lakefs.sts.hadoop.LakeFSTokenKeys;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.hadoop.conf.Configuration;

import static java.util.Objects.requireNonNull;

/** How to reach the credentials service: its endpoints (possibly none yet), timeouts and retries. Immutable. */
public final class ClientSettings {
  private final List<URI> endpoints;
  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final int attempts;
  private final Duration initialBackoff;
  private final Duration maxBackoff;

  public ClientSettings(List<URI> endpoints, Duration connectTimeout, Duration readTimeout, int attempts,
      Duration initialBackoff, Duration maxBackoff) {
    this.endpoints = Collections.unmodifiableList(new ArrayList<>(requireNonNull(endpoints, "endpoints")));
    this.connectTimeout = requireNonNull(connectTimeout, "connectTimeout");
    this.readTimeout = requireNonNull(readTimeout, "readTimeout");
    this.initialBackoff = requireNonNull(initialBackoff, "initialBackoff");
    this.maxBackoff = requireNonNull(maxBackoff, "maxBackoff");
    this.attempts = attempts;
    for (URI endpoint : this.endpoints) {
      if (!("http".equals(endpoint.getScheme()) || "https".equals(endpoint.getScheme()))
          || endpoint.getHost() == null) {
        throw new IllegalArgumentException("credentials-service endpoint " + endpoint + " is not an http(s)://host"
            + "[:port] URL; fix " + LakeFSTokenKeys.SERVICE_ENDPOINTS);
      }
    }
    requirePositive(connectTimeout, LakeFSTokenKeys.CONNECT_TIMEOUT_MILLIS);
    requirePositive(readTimeout, LakeFSTokenKeys.READ_TIMEOUT_MILLIS);
    if (attempts < 1) {
      throw new IllegalArgumentException(LakeFSTokenKeys.RETRY_ATTEMPTS + " is " + attempts + "; set it to 1 or more");
    }
    if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException(LakeFSTokenKeys.RETRY_INITIAL_BACKOFF_MILLIS + " (" + initialBackoff.toMillis()
          + ") must be 0 or more and at most " + LakeFSTokenKeys.RETRY_MAX_BACKOFF_MILLIS + " ("
          + maxBackoff.toMillis() + ")");
    }
  }

  /** Reads the {@code fs.s3a.ext.lakefs.*} keys (after S3A's per-bucket overrides, when S3A hands the conf). */
  public static ClientSettings from(Configuration conf) {
    return from(conf, endpoints(conf));
  }

  /**
   * The timeouts and retries configured, for the given endpoints: the YARN RM renews tokens at the endpoints
   * they name, and has no endpoint configured.
   */
  public static ClientSettings from(Configuration conf, List<URI> endpoints) {
    return new ClientSettings(endpoints,
        Duration.ofMillis(conf.getInt(LakeFSTokenKeys.CONNECT_TIMEOUT_MILLIS,
            LakeFSTokenKeys.DEFAULT_CONNECT_TIMEOUT_MILLIS)),
        Duration.ofMillis(conf.getInt(LakeFSTokenKeys.READ_TIMEOUT_MILLIS, LakeFSTokenKeys.DEFAULT_READ_TIMEOUT_MILLIS)),
        conf.getInt(LakeFSTokenKeys.RETRY_ATTEMPTS, LakeFSTokenKeys.DEFAULT_RETRY_ATTEMPTS),
        Duration.ofMillis(conf.getLong(LakeFSTokenKeys.RETRY_INITIAL_BACKOFF_MILLIS,
            LakeFSTokenKeys.DEFAULT_RETRY_INITIAL_BACKOFF_MILLIS)),
        Duration.ofMillis(conf.getLong(LakeFSTokenKeys.RETRY_MAX_BACKOFF_MILLIS,
            LakeFSTokenKeys.DEFAULT_RETRY_MAX_BACKOFF_MILLIS)));
  }

  /** The endpoints configured in {@link LakeFSTokenKeys#SERVICE_ENDPOINTS}; empty when none is. */
  public static List<URI> endpoints(Configuration conf) {
    List<URI> endpoints = new ArrayList<>();
    for (String value : conf.getTrimmedStrings(LakeFSTokenKeys.SERVICE_ENDPOINTS)) {
      try {
        endpoints.add(withoutTrailingSlash(new URI(value)));
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException("credentials-service endpoint '" + value + "' in "
            + LakeFSTokenKeys.SERVICE_ENDPOINTS + " is not a URL (" + e.getReason() + "); fix it", e);
      }
    }
    return endpoints;
  }

  private static URI withoutTrailingSlash(URI uri) throws URISyntaxException {
    String text = uri.toString();
    return text.endsWith("/") ? new URI(text.substring(0, text.length() - 1)) : uri;
  }

  private static void requirePositive(Duration value, String key) {
    if (value.isZero() || value.isNegative() || value.toMillis() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(key + " is " + value.toMillis() + "; set it to a positive number of "
          + "milliseconds");
    }
  }

  /**
   * This, when it names at least one endpoint. Settings may name none (executors and the RM use the
   * endpoints their tokens name), but a client needs one.
   */
  public ClientSettings requireEndpoints() {
    if (endpoints.isEmpty()) {
      throw new IllegalArgumentException("no credentials-service endpoint; set " + LakeFSTokenKeys.SERVICE_ENDPOINTS
          + " to the service's URL, e.g. https://lakefs-sts.example.com:8765");
    }
    return this;
  }

  /** The same timeouts and retries for other endpoints (those a token names). */
  public ClientSettings withEndpoints(List<URI> otherEndpoints) {
    return new ClientSettings(otherEndpoints, connectTimeout, readTimeout, attempts, initialBackoff, maxBackoff);
  }

  /** In order of preference. */
  public List<URI> endpoints() {
    return endpoints;
  }

  public Duration connectTimeout() {
    return connectTimeout;
  }

  public Duration readTimeout() {
    return readTimeout;
  }

  /** Rounds over all endpoints before giving up. */
  public int attempts() {
    return attempts;
  }

  public Duration initialBackoff() {
    return initialBackoff;
  }

  public Duration maxBackoff() {
    return maxBackoff;
  }

  @Override
  public String toString() {
    return "ClientSettings{endpoints=" + endpoints + ", connectTimeout=" + connectTimeout + ", readTimeout="
        + readTimeout + ", attempts=" + attempts + ", backoff=" + initialBackoff + ".." + maxBackoff + "}";
  }
}
