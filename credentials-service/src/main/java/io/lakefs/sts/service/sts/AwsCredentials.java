package io.lakefs.sts.service.sts;

import io.lakefs.sts.protocol.Secret;
import java.time.Instant;
import java.util.Objects;

/**
 * Temporary AWS credentials as STS issued them. Only the access key id and the expiration are printable: the
 * key id is what S3 access logs and CloudTrail show anyway, while the secret and the session token are
 * {@link Secret}s.
 */
public record AwsCredentials(String accessKeyId, Secret secretAccessKey, Secret sessionToken, Instant expiration) {
  public AwsCredentials {
    Objects.requireNonNull(accessKeyId, "accessKeyId");
    Objects.requireNonNull(secretAccessKey, "secretAccessKey");
    Objects.requireNonNull(sessionToken, "sessionToken");
    Objects.requireNonNull(expiration, "expiration");
  }

  @Override
  public String toString() {
    return "AwsCredentials{accessKeyId=" + accessKeyId + ", expiration=" + expiration + "}";
  }
}
