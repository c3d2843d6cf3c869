package io.lakefs.sts.hadoop.token;

import io.lakefs.sts.hadoop.LakeFSTokenKeys;
import io.lakefs.sts.hadoop.client.ClientSettings;
import io.lakefs.sts.hadoop.client.LakeFSAccessKey;
import io.lakefs.sts.protocol.Access;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;

import static java.util.Objects.requireNonNull;

/**
 * The {@code fs.s3a.ext.lakefs.*} configuration read once, at the edge (issuer, S3A binding): how to reach
 * the service, whose lakeFS key to use, what to ask for, where to log in to lakeFS for executors' metadata
 * calls, and when to refresh. Immutable.
 */
public final class LakeFSTokenSettings {
  private final ClientSettings client;
  private final Optional<LakeFSAccessKey> key;
  private final List<String> repositories;
  private final Optional<Access> access;
  private final Optional<URI> loginEndpoint;
  private final Duration refreshMargin;
  private final Duration prefetch;

  public LakeFSTokenSettings(ClientSettings client, Optional<LakeFSAccessKey> key, List<String> repositories,
      Optional<Access> access, Optional<URI> loginEndpoint, Duration refreshMargin, Duration prefetch) {
    this.client = requireNonNull(client, "client");
    this.key = requireNonNull(key, "key");
    this.repositories = Collections.unmodifiableList(new ArrayList<>(repositories));
    this.access = requireNonNull(access, "access");
    this.loginEndpoint = requireNonNull(loginEndpoint, "loginEndpoint");
    loginEndpoint.ifPresent(LakeFSTokenSettings::requireHttpUrl);
    this.refreshMargin = requireNonNull(refreshMargin, "refreshMargin");
    this.prefetch = requireNonNull(prefetch, "prefetch");
    if (refreshMargin.isNegative() || prefetch.compareTo(refreshMargin) <= 0) {
      throw new IllegalArgumentException(LakeFSTokenKeys.PREFETCH_SECONDS + " (" + prefetch.getSeconds()
          + ") must be more than " + LakeFSTokenKeys.REFRESH_MARGIN_SECONDS + " (" + refreshMargin.getSeconds()
          + "), and that 0 or more: fresh credentials are fetched in the background before the old ones are "
          + "given up");
    }
  }

  /** Reads the keys, after S3A's per-bucket overrides when S3A hands this conf. */
  public static LakeFSTokenSettings from(Configuration conf) throws IOException {
    String access = conf.getTrimmed(LakeFSTokenKeys.ACCESS, "");
    return new LakeFSTokenSettings(ClientSettings.from(conf), LakeFSAccessKey.fromConfiguration(conf),
        Arrays.asList(conf.getTrimmedStrings(LakeFSTokenKeys.REPOSITORIES)),
        access.isEmpty() ? Optional.empty() : Optional.of(Access.parse(access, LakeFSTokenKeys.ACCESS)),
        loginEndpoint(conf.getTrimmed(LakeFSTokenKeys.LOGIN_ENDPOINT, "")),
        refreshMargin(conf),
        Duration.ofSeconds(conf.getLong(LakeFSTokenKeys.PREFETCH_SECONDS, LakeFSTokenKeys.DEFAULT_PREFETCH_SECONDS)));
  }

  private static Optional<URI> loginEndpoint(String value) {
    if (value.isEmpty()) {
      return Optional.empty();
    }
    String withoutSlash = value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    try {
      return Optional.of(new URI(withoutSlash));
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(LakeFSTokenKeys.LOGIN_ENDPOINT + " is not a URL (" + e.getReason()
          + "): set it to lakeFS's API base URL, e.g. https://lakefs.example.com/api/v1", e);
    }
  }

  private static void requireHttpUrl(URI endpoint) {
    if (!("http".equals(endpoint.getScheme()) || "https".equals(endpoint.getScheme())) || endpoint.getHost() == null) {
      throw new IllegalArgumentException(LakeFSTokenKeys.LOGIN_ENDPOINT + " is " + endpoint + ", not an http(s)://"
          + "host URL: set it to lakeFS's API base URL, e.g. https://lakefs.example.com/api/v1");
    }
  }

  /** {@link LakeFSTokenKeys#REFRESH_MARGIN_SECONDS} alone: all the Spark integration needs. */
  public static Duration refreshMargin(Configuration conf) {
    return Duration.ofSeconds(conf.getLong(LakeFSTokenKeys.REFRESH_MARGIN_SECONDS,
        LakeFSTokenKeys.DEFAULT_REFRESH_MARGIN_SECONDS));
  }

  public ClientSettings client() {
    return client;
  }

  public Optional<LakeFSAccessKey> key() {
    return key;
  }

  /** Empty: the service's default repositories. */
  public List<String> repositories() {
    return repositories;
  }

  /** Empty: the service's default access. */
  public Optional<Access> access() {
    return access;
  }

  /** Where the driver logs in to lakeFS for a login token; empty: no login token is carried. */
  public Optional<URI> loginEndpoint() {
    return loginEndpoint;
  }

  public Duration refreshMargin() {
    return refreshMargin;
  }

  public Duration prefetch() {
    return prefetch;
  }

  @Override
  public String toString() {
    return "LakeFSTokenSettings{" + client + ", key=" + key.map(Object::toString).orElse("none") + ", repositories="
        + repositories + ", access=" + access.map(Access::wireName).orElse("service default") + ", lakeFS login="
        + loginEndpoint.map(URI::toString).orElse("none") + ", refreshMargin="
        + refreshMargin + ", prefetch=" + prefetch + "}";
  }
}
