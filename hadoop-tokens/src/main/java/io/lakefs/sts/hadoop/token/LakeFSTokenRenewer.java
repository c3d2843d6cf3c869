package io.lakefs.sts.hadoop.token;

import io.lakefs.sts.hadoop.client.ClientSettings;
import io.lakefs.sts.hadoop.client.CredentialsServiceClient;
import io.lakefs.sts.hadoop.client.CredentialsServiceException;
import io.lakefs.sts.hadoop.client.LakeFSAccessKey;
import io.lakefs.sts.hadoop.client.ServiceAuth;
import io.lakefs.sts.protocol.TokenKinds;
import java.io.IOException;
import java.net.HttpURLConnection;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.security.token.Token;
import org.apache.hadoop.security.token.TokenRenewer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renews and cancels {@code LAKEFS_STS} tokens, found by Hadoop through the service loader: in the YARN RM
 * (as its Kerberos login, which must be the token's renewer) and in {@code hadoop dtutil renew/cancel}. It
 * calls the endpoints the token names with the service token it carries; renewing extends the service
 * token, not the embedded STS credentials, which executors refresh themselves.
 */
public final class LakeFSTokenRenewer extends TokenRenewer {
  private static final Logger LOG = LoggerFactory.getLogger(LakeFSTokenRenewer.class);

  @Override
  public boolean handleKind(Text kind) {
    return TokenKinds.LAKEFS_STS.equals(kind.toString());
  }

  @Override
  public boolean isManaged(Token<?> token) {
    return true;
  }

  /** Returns the new expiry, epoch millis, as the service set it. */
  @Override
  public long renew(Token<?> token, Configuration conf) throws IOException {
    LakeFSTokenIdentifier identifier = identifier(token);
    return client(identifier, conf).renew(caller(conf), identifier.getServiceToken()).toEpochMilli();
  }

  /**
   * Cancels the token; one the service signed but no longer holds (cancelled already, say under another alias of
   * the same credentials file, or expired and purged) counts as cancelled, as the YARN RM and {@code hadoop dtutil
   * cancel} expect of an idempotent cancel: the service answers that alone with 404. Every other refusal fails, a
   * forged or altered token's (403) among them.
   */
  @Override
  public void cancel(Token<?> token, Configuration conf) throws IOException {
    LakeFSTokenIdentifier identifier = identifier(token);
    try {
      client(identifier, conf).cancel(caller(conf), identifier.getServiceToken());
    } catch (CredentialsServiceException e) {
      if (e.status() != HttpURLConnection.HTTP_NOT_FOUND) {
        throw e;
      }
      LOG.info("the {} token for {} is no longer held by the credentials service at {}, so there is nothing to"
          + " cancel: {}", token.getKind(), token.getService(), e.endpoint(), e.serviceMessage());
    }
  }

  private static LakeFSTokenIdentifier identifier(Token<?> token) throws IOException {
    return LakeFSTokens.decode(token).orElseThrow(() -> new IOException("the " + token.getKind() + " token for "
        + token.getService() + " is not a readable lakeFS STS token; obtain a new one"));
  }

  private static CredentialsServiceClient client(LakeFSTokenIdentifier identifier, Configuration conf) {
    return new CredentialsServiceClient(ClientSettings.from(conf, identifier.getServiceEndpoints()));
  }

  /** The caller's own identity: Kerberos (the RM), or the lakeFS key of a user on a cluster without it. */
  private static ServiceAuth caller(Configuration conf) throws IOException {
    return ServiceAuth.forCurrentUser(LakeFSAccessKey.fromConfiguration(conf));
  }
}
