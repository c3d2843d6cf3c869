package io.lakefs.sts.cli;

import io.lakefs.sts.hadoop.client.CredentialsServiceClient;
import io.lakefs.sts.hadoop.client.ServiceAuth;
import io.lakefs.sts.protocol.Access;
import io.lakefs.sts.protocol.CredentialsAnswer;
import io.lakefs.sts.protocol.Secret;
import java.io.IOException;
import java.net.URI;
import java.util.List;

/**
 * The service's own delegation token, from a {@code LAKEFS_STS} token in a Hadoop token file or handed over as
 * {@code LAKEFS_STS_SERVICE_TOKEN}: the service issues credentials within the token's scope, narrowed as asked.
 */
final class DelegationTokenAuthority implements Authority {
  private final Secret serviceToken;
  private final List<URI> endpoints;
  private final String description;

  DelegationTokenAuthority(Secret serviceToken, List<URI> endpoints, String description) {
    this.serviceToken = serviceToken;
    this.endpoints = List.copyOf(endpoints);
    this.description = description;
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public String cacheIdentity() {
    return "delegation-token " + serviceToken.reveal();
  }

  @Override
  public List<URI> endpoints() {
    return endpoints;
  }

  @Override
  public CredentialsAnswer credentials(CredentialsServiceClient client, List<String> repositories, Access access)
      throws IOException {
    return client.getCredentials(ServiceAuth.delegationToken(serviceToken), repositories, access);
  }

  @Override
  public String toString() {
    return description;
  }
}
