package io.lakefs.sts.spark;

import io.lakefs.sts.hadoop.token.LakeFSTokenIdentifier;
import io.lakefs.sts.hadoop.token.LakeFSTokenIssuer;
import io.lakefs.sts.hadoop.token.LakeFSTokens;
import java.io.IOException;
import java.time.Instant;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.security.Credentials;

/**
 * Obtains lakeFS STS tokens on the driver, for the token provider and the plugin alike: hadoop-tokens'
 * {@link LakeFSTokenIssuer} asks the credentials service (authenticating with the lakeFS key or Kerberos from
 * {@code conf}), and the answer says when they must be obtained again: before the STS credentials inside
 * expire, not at the token's maximum life.
 */
public final class LakeFSTokenSource {
  private final LakeFSTokenIssuer issuer;
  private final String renewer;

  public LakeFSTokenSource(Configuration conf, String renewer) {
    this.issuer = new LakeFSTokenIssuer(conf);
    this.renewer = renewer;
  }

  /** Tokens obtained, and when to obtain newer ones. */
  public record Obtained(Credentials credentials, Instant refreshAt) {
  }

  public Obtained obtain() throws IOException {
    Credentials credentials = new Credentials();
    issuer.addDelegationTokens(renewer, credentials);
    if (credentials.getAllTokens().stream().noneMatch(t -> LakeFSTokenIdentifier.KIND_NAME.equals(t.getKind().toString()))) {
      throw new IOException("the lakeFS token issuer returned no " + LakeFSTokenIdentifier.KIND_NAME + " token;"
          + " check the credentials-service endpoints and the lakeFS key or Kerberos login the driver uses");
    }
    return new Obtained(credentials, LakeFSTokens.nextRefreshTime(credentials));
  }
}
