package io.lakefs.sts.spark.plugin;

import io.lakefs.sts.hadoop.LakeFSTokenKeys;
import io.lakefs.sts.spark.LakeFSSparkKeys;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;

/**
 * What the plugin reads on the driver, once, at start: where the lakeFS secret comes from, the renewer and the
 * retry interval. It refuses a secret in the SparkConf, because Spark hands its whole conf to every executor.
 */
record DriverSettings(Optional<String> secretFromEnvironment, String secretEnvironmentVariable,
    Optional<String> renewer, Duration retryInterval) {

  static DriverSettings from(SparkConf conf, Map<String, String> environment) {
    for (String key : new String[] {LakeFSSparkKeys.SECRET_KEY, LakeFSSparkKeys.LAKEFSFS_SECRET_KEY}) {
      if (conf.contains(key)) {
        throw new IllegalArgumentException(key + " is set in the Spark configuration, which Spark sends to every"
            + " executor; remove it and give the lakeFS secret key to the driver only: in its environment variable "
            + conf.get(LakeFSSparkKeys.DRIVER_SECRET_KEY_ENV, LakeFSSparkKeys.DEFAULT_DRIVER_SECRET_KEY_ENV)
            + " or in a Hadoop credential provider (" + LakeFSSparkKeys.CREDENTIAL_PROVIDER_PATH + ")");
      }
    }
    String variable = conf.get(LakeFSSparkKeys.DRIVER_SECRET_KEY_ENV, LakeFSSparkKeys.DEFAULT_DRIVER_SECRET_KEY_ENV);
    long retryMillis = conf.getLong(LakeFSSparkKeys.RETRY_INTERVAL_MILLIS, LakeFSSparkKeys.DEFAULT_RETRY_INTERVAL_MILLIS);
    if (retryMillis <= 0) {
      throw new IllegalArgumentException(LakeFSSparkKeys.RETRY_INTERVAL_MILLIS + " must be a positive number of"
          + " milliseconds, got " + retryMillis);
    }
    return new DriverSettings(Optional.ofNullable(environment.get(variable)).filter(s -> !s.isEmpty()), variable,
        conf.getOption(LakeFSSparkKeys.TOKEN_RENEWER).map(Optional::of).getOrElse(Optional::empty),
        Duration.ofMillis(retryMillis));
  }

  /**
   * A copy of the driver's Hadoop configuration for the token issuer alone, with the secret from the environment
   * when there is one; otherwise the issuer reads it with {@code Configuration.getPassword} (credential providers).
   */
  Configuration issuerConfiguration(Configuration hadoopConf) {
    Configuration copy = new Configuration(hadoopConf);
    secretFromEnvironment.ifPresent(secret -> copy.set(LakeFSTokenKeys.SECRET_KEY, secret));
    return copy;
  }

  @Override
  public String toString() {
    return "DriverSettings{secret from " + (secretFromEnvironment.isPresent() ? "$" + secretEnvironmentVariable
        : "the Hadoop configuration's credential providers") + ", renewer=" + renewer.orElse("(driver user)")
        + ", retryInterval=" + retryInterval + "}";
  }
}
