package io.lakefs.sts.hadoop.s3a.hadoop33;

import io.lakefs.sts.hadoop.binding.LakeFSTokenBinding;
import io.lakefs.sts.hadoop.refresh.RefreshingCredentials;
import org.apache.hadoop.fs.s3a.AWSCredentialProviderList;

/**
 * S3A's lakeFS delegation-token binding on Hadoop 3.3.x, whose S3A runs on the AWS SDK v1:
 * {@code fs.s3a.delegation.token.binding=io.lakefs.sts.hadoop.s3a.hadoop33.LakeFSDelegationTokenBinding}.
 */
public final class LakeFSDelegationTokenBinding extends LakeFSTokenBinding {
  public LakeFSDelegationTokenBinding() {
    super("LakeFSDelegationTokenBinding");
  }

  @Override
  protected AWSCredentialProviderList providers(RefreshingCredentials credentials) {
    return new AWSCredentialProviderList("lakeFS STS credentials", new LakeFSCredentialsProvider(credentials));
  }
}
