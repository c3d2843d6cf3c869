package io.lakefs.sts.hadoop.s3a;

import io.lakefs.sts.hadoop.ServiceFixture;
import io.lakefs.sts.hadoop.TestConfs;
import org.apache.hadoop.conf.Configuration;

/** hadoop-tokens' {@link TestConfs} with S3A's delegation-token binding set to this module's. */
public final class BindingConfs {
  private BindingConfs() {
  }

  /** What an executor has: S3A against local-aws with the lakeFS binding; no AWS key, no lakeFS key. */
  public static Configuration executor(ServiceFixture fixture) {
    return withBinding(TestConfs.executor(fixture));
  }

  /** An executor's configuration plus alice's lakeFS key, repositories and access: what a driver has. */
  public static Configuration driver(ServiceFixture fixture) {
    return withBinding(TestConfs.driver(fixture));
  }

  private static Configuration withBinding(Configuration conf) {
    conf.set("fs.s3a.delegation.token.binding", LakeFSDelegationTokenBinding.class.getName());
    return conf;
  }
}
