package io.lakefs.sts.hadoop.s3a;

import io.lakefs.sts.hadoop.refresh.RefreshingCredentials;
import io.lakefs.sts.hadoop.token.EmbeddedStsCredentials;
import java.io.IOException;
import java.time.Instant;
import org.apache.hadoop.fs.s3a.CredentialInitializationException;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.utils.SdkAutoCloseable;

import static java.util.Objects.requireNonNull;

/**
 * AWS SDK v2 credentials for S3A (Hadoop 3.4 and later) from lakeFS STS tokens; when and where they are
 * refreshed is {@link RefreshingCredentials}'s, shared with the SDK v1 provider of Hadoop 3.3.
 */
public final class LakeFSCredentialsProvider implements AwsCredentialsProvider, SdkAutoCloseable {
  private final RefreshingCredentials credentials;

  public LakeFSCredentialsProvider(RefreshingCredentials credentials) {
    this.credentials = requireNonNull(credentials, "credentials");
  }

  @Override
  public AwsCredentials resolveCredentials() {
    try {
      return credentials.get(LakeFSCredentialsProvider::inSdkType);
    } catch (IOException e) {
      throw new CredentialInitializationException("lakeFS STS credentials could not be refreshed: "
          + e.getMessage(), e);
    }
  }

  private static AwsCredentials inSdkType(EmbeddedStsCredentials current) {
    return AwsSessionCredentials.builder()
        .accessKeyId(current.accessKeyId())
        .secretAccessKey(current.secretAccessKey().reveal())
        .sessionToken(current.sessionToken().reveal())
        .expirationTime(Instant.ofEpochMilli(current.expirationEpochMillis()))
        .providerName("LakeFSCredentialsProvider")
        .build();
  }

  /** How many times credentials were fetched from the service (not taken from a token). */
  public int serviceFetches() {
    return credentials.fetcher().serviceFetches();
  }

  @Override
  public void close() {
    credentials.close();
  }

  @Override
  public String toString() {
    return "LakeFSCredentialsProvider{" + credentials.fetcher() + "}";
  }
}
