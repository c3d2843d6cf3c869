package io.lakefs.sts.spark.plugin;

import org.apache.spark.api.plugin.DriverPlugin;
import org.apache.spark.api.plugin.ExecutorPlugin;
import org.apache.spark.api.plugin.SparkPlugin;

/**
 * lakeFS STS tokens for Spark clusters without Kerberos ({@code spark.plugins=io.lakefs.sts.spark.plugin.LakeFSTokenPlugin}),
 * where Spark's own token manager does not run. The driver obtains the tokens with its lakeFS key, which stays
 * on the driver; executors ask the driver for them over the plugin RPC when they start and again before the
 * STS credentials inside expire, and put them in their Hadoop credentials, where S3A's lakeFS binding finds
 * them. The README says why executors pull rather than the driver pushing.
 */
public final class LakeFSTokenPlugin implements SparkPlugin {
  @Override
  public DriverPlugin driverPlugin() {
    return new DriverTokens();
  }

  @Override
  public ExecutorPlugin executorPlugin() {
    return new ExecutorTokens();
  }
}
