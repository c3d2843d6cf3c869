package io.lakefs.sts.hadoop.client;

import io.lakefs.sts.protocol.Secret;
import java.net.URI;
import java.time.Instant;
import java.util.Objects;

import static java.util.Objects.requireNonNull;

/**
 * A lakeFS login token carried inside a {@link LakeFSTokenIdentifier}: the JWT lakeFS answered to the driver's
 * {@code POST /api/v1/auth/login} with the user's key, the lakeFS API it is for, and its expiry. Executors send
 * it as {@code Authorization: Bearer} for metadata calls (lakeFSFS's staging, stat and list calls) so no lakeFS
 * key reaches them. lakeFS accepts it for everything the user may do until it expires, and cannot revoke it
 * before; hence it is carried only when the driver is told where lakeFS is, and replaced with the rest of the
 * token. Plain strings, no lakeFS SDK type: the YARN RM decodes identifiers. {@code toString()} hides the JWT.
 */
public final class LakeFSLoginToken {
  private final URI lakeFSEndpoint;
  private final Secret token;
  private final long expirationEpochMillis;

  public LakeFSLoginToken(URI lakeFSEndpoint, Secret token, long expirationEpochMillis) {
    this.lakeFSEndpoint = requireNonNull(lakeFSEndpoint, "lakeFSEndpoint");
    this.token = requireNonNull(token, "token");
    if (token.isEmpty()) {
      throw new IllegalArgumentException("a lakeFS login token cannot be empty; omit the login token instead");
    }
    this.expirationEpochMillis = expirationEpochMillis;
  }

  /** The lakeFS API base URL the token was issued by, e.g. {@code https://lakefs.example.com/api/v1}. */
  public URI lakeFSEndpoint() {
    return lakeFSEndpoint;
  }

  /** The JWT, for {@code Authorization: Bearer}. */
  public Secret token() {
    return token;
  }

  public long expirationEpochMillis() {
    return expirationEpochMillis;
  }

  public Instant expiration() {
    return Instant.ofEpochMilli(expirationEpochMillis);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof LakeFSLoginToken)) {
      return false;
    }
    LakeFSLoginToken other = (LakeFSLoginToken) o;
    return lakeFSEndpoint.equals(other.lakeFSEndpoint)
        && token.equals(other.token)
        && expirationEpochMillis == other.expirationEpochMillis;
  }

  @Override
  public int hashCode() {
    return Objects.hash(lakeFSEndpoint, expirationEpochMillis);
  }

  @Override
  public String toString() {
    return "LakeFSLogin{endpoint=" + lakeFSEndpoint + ", expires=" + expiration() + ", token=" + token + "}";
  }
}
