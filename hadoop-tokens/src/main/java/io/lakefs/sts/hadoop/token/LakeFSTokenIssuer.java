package io.lakefs.sts.hadoop.token;

import java.io.IOException;
import java.net.URI;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.s3a.auth.delegation.EncryptionSecrets;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.security.token.DelegationTokenIssuer;
import org.apache.hadoop.security.token.Token;

/**
 * Issues {@code LAKEFS_STS} tokens for the credentials service on its own, not tied to a bucket: what the
 * Spark integration and {@code hadoop dtutil get lakefs://HOST:PORT} use on the driver. Tokens are filed
 * under {@code lakefs://HOST:PORT} of the first configured endpoint; executors' S3A finds them there.
 */
public final class LakeFSTokenIssuer implements DelegationTokenIssuer {
  private final LakeFSTokenMinter minter;
  private final Text service;

  /** Reads the {@code fs.s3a.ext.lakefs.*} keys; the service endpoints must be set. */
  public LakeFSTokenIssuer(Configuration conf) throws IOException {
    this(new LakeFSTokenMinter(LakeFSTokenSettings.from(conf)));
  }

  public LakeFSTokenIssuer(LakeFSTokenMinter minter) {
    this.minter = minter;
    this.service = LakeFSTokens.serviceName(minter.settings().client().requireEndpoints().endpoints().get(0));
  }

  /** {@code lakefs://HOST:PORT}: the alias and service of the tokens issued. */
  @Override
  public String getCanonicalServiceName() {
    return service.toString();
  }

  /** A new token, renewable by {@code renewer} (empty: the current user). */
  @Override
  public Token<LakeFSTokenIdentifier> getDelegationToken(String renewer) throws IOException {
    LakeFSTokenIdentifier identifier = minter.mint(URI.create(service.toString()), renewer, new EncryptionSecrets());
    return LakeFSTokenMinter.token(identifier, new Text(service));
  }
}
