package io.lakefs.sts.cli;

import io.lakefs.sts.hadoop.LakeFSTokenKeys;
import io.lakefs.sts.hadoop.client.Access;
import io.lakefs.sts.hadoop.client.CredentialsServiceClient;
import io.lakefs.sts.hadoop.client.IssuedCredentials;
import io.lakefs.sts.hadoop.client.LakeFSKey;
import io.lakefs.sts.hadoop.client.ServiceAuth;
import io.lakefs.sts.hadoop.token.RedactedSecret;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;

/** The user's lakeFS key (lakectl's variables or file), sent to the service as HTTP Basic. */
final class LakeFSKeyAuthority implements Authority {
  private final String accessKeyId;
  private final RedactedSecret secretAccessKey;
  private final Optional<String> lakeFSEndpoint;
  private final String source;

  LakeFSKeyAuthority(String accessKeyId, RedactedSecret secretAccessKey, Optional<String> lakeFSEndpoint,
      String source) {
    this.accessKeyId = accessKeyId;
    this.secretAccessKey = secretAccessKey;
    this.lakeFSEndpoint = lakeFSEndpoint;
    this.source = source;
  }

  LakeFSKey key() {
    return new LakeFSKey(accessKeyId, secretAccessKey);
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
  public IssuedCredentials credentials(CredentialsServiceClient client, List<String> repositories, Access access)
      throws IOException {
    return client.getCredentials(ServiceAuth.lakeFSKey(key()), repositories, access);
  }

  @Override
  public String toString() {
    return describe();
  }
}
