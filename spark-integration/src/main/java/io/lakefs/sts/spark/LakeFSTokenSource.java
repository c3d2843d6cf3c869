package io.lakefs.sts.spark;

import io.lakefs.sts.hadoop.token.LakeFSTokenIdentifier;
import io.lakefs.sts.hadoop.token.LakeFSTokenIssuer;
import io.lakefs.sts.hadoop.token.LakeFSTokenSettings;
import io.lakefs.sts.hadoop.token.LakeFSTokens;
import io.lakefs.sts.protocol.TokenKinds;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.security.Credentials;

/**
 * Obtains lakeFS STS tokens on the driver, for the token provider and the plugin alike: hadoop-tokens'
 * {@link LakeFSTokenIssuer} asks the credentials service (authenticating with the lakeFS key or Kerberos from
 * {@code conf}), and the answer says when they must be obtained again: {@code fs.s3a.ext.lakefs.refresh-margin.seconds}
 * before the STS credentials inside expire, not at the token's maximum life.
 */
public final class LakeFSTokenSource {
  private final LakeFSTokenIssuer issuer;
  private final String renewer;
  private final Duration refreshMargin;

  /** Reads hadoop-tokens' {@code fs.s3a.ext.lakefs.*} keys from {@code conf}; the service endpoints must be set. */
  public LakeFSTokenSource(Configuration conf, String renewer) throws IOException {
    this.issuer = new LakeFSTokenIssuer(conf);
    this.renewer = renewer;
    this.refreshMargin = LakeFSTokenSettings.refreshMargin(conf);
  }

  /** Tokens obtained, and when to obtain newer ones. */
  public static final class Obtained {
    private final Credentials credentials;
    private final Instant refreshAt;

    public Obtained(Credentials credentials, Instant refreshAt) {
      this.credentials = credentials;
      this.refreshAt = refreshAt;
    }

    public Credentials credentials() {
      return credentials;
    }

    public Instant refreshAt() {
      return refreshAt;
    }
  }

  public Obtained getDelegationTokens() throws IOException {
    Credentials credentials = new Credentials();
    issuer.addDelegationTokens(renewer, credentials);
    if (credentials.getAllTokens().stream().noneMatch(t -> TokenKinds.LAKEFS_STS.equals(t.getKind().toString()))) {
      throw new IOException("the lakeFS token issuer returned no " + TokenKinds.LAKEFS_STS + " token;"
          + " check the credentials-service endpoints and the lakeFS key or Kerberos login the driver uses");
    }
    Instant refreshAt = LakeFSTokens.nextRefreshTime(credentials, refreshMargin).orElseThrow(() -> new IOException(
        "the lakeFS tokens obtained embed no STS credentials, so there is no telling when to obtain newer ones;"
        + " use a hadoop-tokens issuer that embeds them"));
    return new Obtained(credentials, refreshAt);
  }
}
