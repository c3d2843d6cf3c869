package io.lakefs.sts.cli;

import io.lakefs.sts.hadoop.LakeFSTokenKeys;
import io.lakefs.sts.hadoop.client.CredentialsServiceClient;
import io.lakefs.sts.hadoop.client.LakeFSAccessKey;
import io.lakefs.sts.hadoop.client.ServiceAuth;
import io.lakefs.sts.protocol.Access;
import io.lakefs.sts.protocol.CredentialsAnswer;
import io.lakefs.sts.protocol.Secret;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;

/** The user's lakeFS key (lakectl's variables or file), sent to the service as HTTP Basic. */
final class LakeFSKeyAuthority implements Authority {
  private final String accessKeyId;
  private final Secret secretAccessKey;
  private final Optional<String> lakeFSEndpoint;
  private final String source;

  LakeFSKeyAuthority(String accessKeyId, Secret secretAccessKey, Optional<String> lakeFSEndpoint,
      String source) {
    this.accessKeyId = accessKeyId;
    this.secretAccessKey = secretAccessKey;
    this.lakeFSEndpoint = lakeFSEndpoint;
    this.source = source;
  }

  LakeFSAccessKey key() {
    return new LakeFSAccessKey(accessKeyId, secretAccessKey);
  }

  /** The key where Hadoop's token code reads it ({@code fs.s3a.ext.lakefs.access.key} / {@code .secret.key}). */
  void addTo(Configuration conf) {
    conf.set(LakeFSTokenKeys.ACCESS_KEY, accessKeyId);
    conf.set(LakeFSTokenKeys.SECRET_KEY, secretAccessKey.reveal());
  }

  @Override
  public String describe() {
    return "lakeFS key " + accessKeyId + " from " + source
        + lakeFSEndpoint.map(endpoint -> " (lakeFS at " + endpoint + ")").orElse("");
  }

  @Override
  public String cacheIdentity() {
    return "lakefs-key " + accessKeyId + " " + secretAccessKey.reveal() + " " + lakeFSEndpoint.orElse("");
  }

  @Override
  public List<URI> endpoints() {
    return List.of();
  }

  @Override
  public CredentialsAnswer credentials(CredentialsServiceClient client, List<String> repositories, Access access)
      throws IOException {
    return client.getCredentials(ServiceAuth.lakeFSKey(key()), repositories, access);
  }

  @Override
  public String toString() {
    return describe();
  }
}
