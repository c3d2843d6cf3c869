package io.lakefs.sts.hadoop.s3a.hadoop33;

import com.amazonaws.auth.AWSCredentials;
import com.amazonaws.auth.AWSCredentialsProvider;
import com.amazonaws.auth.BasicSessionCredentials;
import io.lakefs.sts.hadoop.refresh.RefreshingCredentials;
import io.lakefs.sts.hadoop.token.EmbeddedStsCredentials;
import java.io.Closeable;
import java.io.IOException;
import org.apache.hadoop.fs.s3a.CredentialInitializationException;

import static java.util.Objects.requireNonNull;

/**
 * AWS SDK v1 credentials for Hadoop 3.3's S3A from lakeFS STS tokens; when and where they are refreshed is
 * {@link RefreshingCredentials}'s, shared with the SDK v2 provider.
 */
public final class LakeFSCredentialsProvider implements AWSCredentialsProvider, Closeable {
  private final RefreshingCredentials credentials;

  public LakeFSCredentialsProvider(RefreshingCredentials credentials) {
    this.credentials = requireNonNull(credentials, "credentials");
  }

  @Override
  public AWSCredentials getCredentials() {
    try {
      return credentials.get(LakeFSCredentialsProvider::inSdkType);
    } catch (IOException e) {
      throw new CredentialInitializationException("lakeFS STS credentials could not be refreshed: "
          + e.getMessage(), e);
    }
  }

  private static AWSCredentials inSdkType(EmbeddedStsCredentials current) {
    return new BasicSessionCredentials(current.accessKeyId(), current.secretAccessKey().reveal(),
        current.sessionToken().reveal());
  }

  /** Refreshes follow the credentials' schedule; S3A's call after a failed request adds nothing to it. */
  @Override
  public void refresh() {
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
