package io.lakefs.sts.service.lakefs;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;

/**
 * How to reach lakeFS and how long to trust its answers, read once at the edge and then fixed.
 *
 * @param endpoint lakeFS's API URL, e.g. {@code http://lakefs:8000/api/v1}; kept without a trailing '/'
 * @param connectTimeout how long to wait for a connection to lakeFS
 * @param readTimeout how long to wait for each read of lakeFS's answer
 * @param cacheTtl how long successful authentications and repository lookups are reused; zero for never
 */
public record LakeFSSettings(URI endpoint, Duration connectTimeout, Duration readTimeout, Duration cacheTtl) {
  private static final String API_PATH = "/api/v1";

  public LakeFSSettings {
    endpoint = checkEndpoint(endpoint);
    checkTimeout(connectTimeout, "connect timeout");
    checkTimeout(readTimeout, "read timeout");
    Objects.requireNonNull(cacheTtl, "cacheTtl");
    if (cacheTtl.isNegative()) {
      throw new IllegalArgumentException("the lakeFS cache time to live cannot be negative, got " + cacheTtl
          + "; use 0 to turn caching off (" + LakeFSKeys.AUTH_CACHE_SECONDS + ")");
    }
  }

  /** This endpoint, with the defaults of {@link LakeFSKeys} for everything else. */
  public static LakeFSSettings forEndpoint(URI endpoint) {
    Duration timeout = Duration.ofMillis(LakeFSKeys.DEFAULT_TIMEOUT_MILLIS);
    return new LakeFSSettings(endpoint, timeout, timeout, Duration.ofSeconds(LakeFSKeys.DEFAULT_AUTH_CACHE_SECONDS));
  }

  /**
   * Reads the keys of {@link LakeFSKeys}; a key not set takes its default.
   *
   * @throws IllegalArgumentException naming the key whose value is wrong, and what it should be
   */
  public static LakeFSSettings fromProperties(Properties properties) {
    String endpoint = value(properties, LakeFSKeys.ENDPOINT, LakeFSKeys.DEFAULT_ENDPOINT);
    URI uri;
    try {
      uri = new URI(endpoint);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(LakeFSKeys.ENDPOINT + " is not a URL: " + e.getMessage()
          + "; set it to lakeFS's API URL, e.g. " + LakeFSKeys.DEFAULT_ENDPOINT, e);
    }
    Duration timeout = Duration.ofMillis(number(properties, LakeFSKeys.TIMEOUT_MILLIS,
        LakeFSKeys.DEFAULT_TIMEOUT_MILLIS, 1, Integer.MAX_VALUE, "milliseconds"));
    Duration ttl = Duration.ofSeconds(number(properties, LakeFSKeys.AUTH_CACHE_SECONDS,
        LakeFSKeys.DEFAULT_AUTH_CACHE_SECONDS, 0, Integer.MAX_VALUE, "seconds"));
    return new LakeFSSettings(uri, timeout, timeout, ttl);
  }

  public LakeFSSettings withTimeouts(Duration connect, Duration read) {
    return new LakeFSSettings(endpoint, connect, read, cacheTtl);
  }

  public LakeFSSettings withCacheTtl(Duration ttl) {
    return new LakeFSSettings(endpoint, connectTimeout, readTimeout, ttl);
  }

  private static URI checkEndpoint(URI endpoint) {
    Objects.requireNonNull(endpoint, "endpoint");
    String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
    String fix = "; set " + LakeFSKeys.ENDPOINT + " to lakeFS's API URL, e.g. " + LakeFSKeys.DEFAULT_ENDPOINT;
    if (!scheme.equals("http") && !scheme.equals("https") || endpoint.getHost() == null) {
      throw new IllegalArgumentException("the lakeFS endpoint '" + endpoint + "' is not an http(s) URL with a host"
          + fix);
    }
    if (endpoint.getRawUserInfo() != null) {
      // Said without echoing the URL: the user info may well be a secret.
      throw new IllegalArgumentException("the lakeFS endpoint has user info (name or password before '@'); the"
          + " service sends each caller's own credentials, so remove it" + fix);
    }
    if (endpoint.getRawQuery() != null || endpoint.getRawFragment() != null) {
      throw new IllegalArgumentException("the lakeFS endpoint '" + endpoint + "' has a query or fragment" + fix);
    }
    String path = endpoint.getRawPath() == null ? "" : endpoint.getRawPath();
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    // Without /api/v1 lakeFS answers with its web UI's HTML, which is far harder to diagnose than this.
    if (!path.endsWith(API_PATH)) {
      throw new IllegalArgumentException("the lakeFS endpoint '" + endpoint + "' does not end in " + API_PATH
          + ", where lakeFS serves its API" + fix);
    }
    return URI.create(scheme + "://" + endpoint.getRawAuthority() + path);
  }

  private static void checkTimeout(Duration timeout, String what) {
    Objects.requireNonNull(timeout, what);
    if (timeout.isNegative() || timeout.isZero() || timeout.toMillis() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("the lakeFS " + what + " must be between 1 ms and " + Integer.MAX_VALUE
          + " ms, got " + timeout + " (" + LakeFSKeys.TIMEOUT_MILLIS + ")");
    }
  }

  private static String value(Properties properties, String key, String defaultValue) {
    String value = properties.getProperty(key);
    return value == null || value.isBlank() ? defaultValue : value.trim();
  }

  private static long number(Properties properties, String key, long defaultValue, long min, long max, String unit) {
    String value = value(properties, key, null);
    if (value == null) {
      return defaultValue;
    }
    try {
      long number = Long.parseLong(value);
      if (number >= min && number <= max) {
        return number;
      }
    } catch (NumberFormatException notANumber) {
      // answered below
    }
    throw new IllegalArgumentException(key + " must be a whole number of " + unit + " from " + min + " to " + max
        + ", got '" + value + "'; leave it unset for " + defaultValue);
  }
}
