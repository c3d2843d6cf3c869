package io.lakefs.sts.cli;

import io.lakefs.sts.hadoop.client.CredentialsServiceClient;
import io.lakefs.sts.hadoop.client.ServiceAuth;
import io.lakefs.sts.hadoop.client.ServiceDelegationToken;
import io.lakefs.sts.protocol.Access;
import io.lakefs.sts.protocol.CredentialsAnswer;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.security.UserGroupInformation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kerberos login from the ticket cache (kinit), with the user's lakeFS key when there is one. The service
 * issues credentials to a Kerberos caller through one of its tokens, so: a token scoped as asked, credentials
 * with it, and the token cancelled again (the credentials stay valid until they expire).
 */
final class KerberosAuthority implements Authority {
  private static final Logger LOG = LoggerFactory.getLogger(KerberosAuthority.class);

  private final UserGroupInformation user;
  private final Optional<LakeFSKeyAuthority> key;

  KerberosAuthority(UserGroupInformation user, Optional<LakeFSKeyAuthority> key) {
    this.user = user;
    this.key = key;
  }

  Optional<LakeFSKeyAuthority> key() {
    return key;
  }

  private ServiceAuth auth() {
    return key.map(k -> ServiceAuth.kerberos(k.key())).orElseGet(ServiceAuth::kerberos);
  }

  @Override
  public String describe() {
    return "the Kerberos login of " + user.getUserName() + " (ticket cache)" + key.map(k -> " with " + k.describe())
        .orElse("");
  }

  @Override
  public String cacheIdentity() {
    return "kerberos " + user.getUserName() + " " + key.map(LakeFSKeyAuthority::cacheIdentity).orElse("");
  }

  @Override
  public List<URI> endpoints() {
    return List.of();
  }

  @Override
  public CredentialsAnswer credentials(CredentialsServiceClient client, List<String> repositories, Access access)
      throws IOException {
    ServiceDelegationToken token = client.getDelegationToken(auth(), user.getShortUserName(), repositories, access);
    try {
      return client.getCredentials(ServiceAuth.delegationToken(token.urlString()), List.of(), null);
    } finally {
      try {
        client.cancel(auth(), token.urlString());
      } catch (IOException e) {
        LOG.warn("could not cancel the service token used once ({}); it expires by itself", e.getMessage());
      }
    }
  }

  @Override
  public String toString() {
    return describe();
  }
}
