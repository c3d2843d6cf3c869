package io.lakefs.sts.examples.lakefs;

import io.lakefs.sts.hadoop.LakeFSTokenKeys;
import io.lakefs.sts.hadoop.client.LakeFSLoginToken;
import io.lakefs.sts.hadoop.token.LakeFSTokens;
import java.io.IOException;
import java.time.Clock;
import java.util.function.Supplier;
import okhttp3.Interceptor;
import okhttp3.Response;
import org.apache.hadoop.security.Credentials;

import static java.util.Objects.requireNonNull;

/**
 * Authenticates each lakeFS SDK request with the lakeFS login token of the newest {@code LAKEFS_STS} token in
 * the caller's Hadoop credentials, read again at every request: the driver replaces tokens before they expire
 * (Spark's token push, the plugin, a new job's credentials), and a long task must pick the newer one up without
 * reopening anything. This is what lakeFSFS's {@code fs.lakefs.auth.provider} would need to do upstream; its
 * {@code LakeFSClient} sets a bearer token once, at construction.
 */
final class BearerFromLakeFSToken implements Interceptor {
  private final Supplier<Credentials> credentials;
  private final Clock clock;

  BearerFromLakeFSToken(Supplier<Credentials> credentials, Clock clock) {
    this.credentials = requireNonNull(credentials, "credentials");
    this.clock = requireNonNull(clock, "clock");
  }

  /** The current login token, refusing a missing or expired one with what to do. */
  LakeFSLoginToken current() throws IOException {
    LakeFSLoginToken login = LakeFSTokens.newestLogin(credentials.get()).orElseThrow(() -> new IOException(
        "no lakeFS login token in this user's LAKEFS_STS tokens, so lakeFS cannot be called without a lakeFS key;"
            + " set " + LakeFSTokenKeys.LOGIN_ENDPOINT + " to lakeFS's API URL where the driver obtains tokens"));
    if (!clock.instant().isBefore(login.expiration())) {
      throw new IOException("the lakeFS login token for " + login.lakeFSEndpoint() + " expired at "
          + login.expiration() + " and the driver sent no newer one; check the driver's log for why it could not"
          + " obtain new lakeFS tokens");
    }
    return login;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    return chain.proceed(chain.request().newBuilder()
        .header("Authorization", "Bearer " + current().token().reveal())
        .build());
  }
}
