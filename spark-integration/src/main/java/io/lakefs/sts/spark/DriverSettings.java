package io.lakefs.sts.spark;

import io.lakefs.sts.hadoop.LakeFSTokenKeys;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.security.alias.CredentialProviderFactory;
import org.apache.spark.SparkConf;
import scala.Option;

/**
 * What the plugin and the token provider read on the driver, once: the lakeFS key (access key id from the
 * SparkConf, secret from the driver's environment or a driver-only credential provider), the renewer and the
 * retry interval. It refuses the key in {@code spark.hadoop.*}, because Spark hands its whole conf to every
 * executor, whose S3A would then look for a secret it must not have.
 */
public final class DriverSettings {
  private final Optional<String> accessKey;
  private final Optional<String> secretFromEnvironment;
  private final String secretEnvironmentVariable;
  private final Optional<String> credentialProviderPath;
  private final Optional<String> renewer;
  private final Duration retryInterval;

  public DriverSettings(Optional<String> accessKey, Optional<String> secretFromEnvironment,
      String secretEnvironmentVariable, Optional<String> credentialProviderPath, Optional<String> renewer,
      Duration retryInterval) {
    this.accessKey = accessKey;
    this.secretFromEnvironment = secretFromEnvironment;
    this.secretEnvironmentVariable = secretEnvironmentVariable;
    this.credentialProviderPath = credentialProviderPath;
    this.renewer = renewer;
    this.retryInterval = retryInterval;
  }

  public Optional<String> accessKey() {
    return accessKey;
  }

  public Optional<String> secretFromEnvironment() {
    return secretFromEnvironment;
  }

  public String secretEnvironmentVariable() {
    return secretEnvironmentVariable;
  }

  public Optional<String> credentialProviderPath() {
    return credentialProviderPath;
  }

  public Optional<String> renewer() {
    return renewer;
  }

  public Duration retryInterval() {
    return retryInterval;
  }

  public static DriverSettings from(SparkConf conf, Map<String, String> environment) {
    String variable = conf.get(LakeFSSparkKeys.DRIVER_SECRET_KEY_ENV, LakeFSSparkKeys.DEFAULT_DRIVER_SECRET_KEY_ENV);
    for (String key : new String[] {LakeFSSparkKeys.HADOOP_ACCESS_KEY, LakeFSSparkKeys.HADOOP_SECRET_KEY}) {
      if (conf.contains(key)) {
        throw new IllegalArgumentException(key + " is set in the Spark configuration, which Spark sends to every"
            + " executor; the lakeFS key stays on the driver: set the access key id in "
            + LakeFSSparkKeys.DRIVER_ACCESS_KEY + " and the secret in the driver's environment variable " + variable
            + " or in a driver-only Hadoop credential provider (" + LakeFSSparkKeys.DRIVER_CREDENTIAL_PROVIDER_PATH
            + ")");
      }
    }
    long retryMillis = conf.getLong(LakeFSSparkKeys.RETRY_INTERVAL_MILLIS, LakeFSSparkKeys.DEFAULT_RETRY_INTERVAL_MILLIS);
    if (retryMillis <= 0) {
      throw new IllegalArgumentException(LakeFSSparkKeys.RETRY_INTERVAL_MILLIS + " must be a positive number of"
          + " milliseconds, got " + retryMillis);
    }
    return new DriverSettings(optional(conf.getOption(LakeFSSparkKeys.DRIVER_ACCESS_KEY)),
        Optional.ofNullable(environment.get(variable)).filter(s -> !s.isEmpty()), variable,
        optional(conf.getOption(LakeFSSparkKeys.DRIVER_CREDENTIAL_PROVIDER_PATH)),
        optional(conf.getOption(LakeFSSparkKeys.TOKEN_RENEWER)), Duration.ofMillis(retryMillis));
  }

  /**
   * A copy of the driver's Hadoop configuration for the token issuer alone, with the lakeFS key: the secret
   * from the environment when there is one, else the driver-only credential providers, which the issuer reads
   * with {@code Configuration.getPassword}. Without a key the issuer uses the driver's Kerberos login.
   */
  public Configuration issuerConfiguration(Configuration hadoopConf) {
    Configuration copy = new Configuration(hadoopConf);
    accessKey.ifPresent(key -> copy.set(LakeFSTokenKeys.ACCESS_KEY, key));
    secretFromEnvironment.ifPresent(secret -> copy.set(LakeFSTokenKeys.SECRET_KEY, secret));
    if (!secretFromEnvironment.isPresent()) {
      credentialProviderPath.ifPresent(path -> copy.set(CredentialProviderFactory.CREDENTIAL_PROVIDER_PATH, path));
    }
    return copy;
  }

  private static Optional<String> optional(Option<String> value) {
    return value.isDefined() ? Optional.of(value.get()) : Optional.empty();
  }

  @Override
  public String toString() {
    String secretFrom = secretFromEnvironment.isPresent() ? "$" + secretEnvironmentVariable
        : credentialProviderPath.map(p -> "credential provider " + p).orElse("nowhere (Kerberos)");
    return "DriverSettings{accessKey=" + accessKey.orElse("(none)") + ", secret from " + secretFrom + ", renewer="
        + renewer.orElse("(driver user)") + ", retryInterval=" + retryInterval + "}";
  }
}
