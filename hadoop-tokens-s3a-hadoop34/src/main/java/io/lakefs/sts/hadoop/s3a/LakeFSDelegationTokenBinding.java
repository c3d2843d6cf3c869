package io.lakefs.sts.hadoop.s3a;

import io.lakefs.sts.hadoop.binding.LakeFSTokenBinding;
import io.lakefs.sts.hadoop.refresh.RefreshingCredentials;
import org.apache.hadoop.fs.s3a.AWSCredentialProviderList;

/**
 * S3A's lakeFS delegation-token binding on Hadoop 3.4 and later, whose S3A runs on the AWS SDK v2:
 * {@code fs.s3a.delegation.token.binding=io.lakefs.sts.hadoop.s3a.LakeFSDelegationTokenBinding}.
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
