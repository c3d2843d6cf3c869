package io.lakefs.sts.hadoop.token;

import io.lakefs.sts.protocol.CredentialsAnswer;
import io.lakefs.sts.protocol.Secret;
import java.time.Instant;
import java.util.Objects;

import static java.util.Objects.requireNonNull;

/**
 * STS session credentials carried inside a {@link LakeFSTokenIdentifier}, so executors can reach S3 without a
 * first call to the credentials service. Plain strings, no AWS SDK type: the YARN RM decodes identifiers
 * without the SDK on its classpath. {@code toString()} shows the access key id and expiry only.
 */
public final class EmbeddedStsCredentials {
  private final String accessKeyId;
  private final Secret secretAccessKey;
  private final Secret sessionToken;
  private final long expirationEpochMillis;

  public EmbeddedStsCredentials(String accessKeyId, Secret secretAccessKey, Secret sessionToken,
      long expirationEpochMillis) {
    this.accessKeyId = requireNonNull(accessKeyId, "accessKeyId");
    this.secretAccessKey = requireNonNull(secretAccessKey, "secretAccessKey");
    this.sessionToken = requireNonNull(sessionToken, "sessionToken");
    if (accessKeyId.isEmpty() || secretAccessKey.isEmpty()) {
      throw new IllegalArgumentException(
          "embedded STS credentials need an access key id and a secret key; omit the credentials instead");
    }
    this.expirationEpochMillis = expirationEpochMillis;
  }

  /** The keys of the service's answer, in the form a {@code LAKEFS_STS} token carries them. */
  public static EmbeddedStsCredentials of(CredentialsAnswer answer) {
    return new EmbeddedStsCredentials(answer.accessKeyId(), answer.secretAccessKey(), answer.sessionToken(),
        answer.expiration().toEpochMilli());
  }

  public String accessKeyId() {
    return accessKeyId;
  }

  public Secret secretAccessKey() {
    return secretAccessKey;
  }

  public Secret sessionToken() {
    return sessionToken;
  }

  public long expirationEpochMillis() {
    return expirationEpochMillis;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof EmbeddedStsCredentials)) {
      return false;
    }
    EmbeddedStsCredentials other = (EmbeddedStsCredentials) o;
    return accessKeyId.equals(other.accessKeyId)
        && secretAccessKey.equals(other.secretAccessKey)
        && sessionToken.equals(other.sessionToken)
        && expirationEpochMillis == other.expirationEpochMillis;
  }

  @Override
  public int hashCode() {
    return Objects.hash(accessKeyId, expirationEpochMillis);
  }

  @Override
  public String toString() {
    return "StsCredentials{accessKeyId=" + accessKeyId
        + ", expires=" + Instant.ofEpochMilli(expirationEpochMillis) + "}";
  }
}
