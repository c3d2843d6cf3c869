package io.lakefs.sts.spark;

import io.lakefs.sts.hadoop.LakeFSTokenKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.security.Credentials;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.spark.SparkConf;
import org.apache.spark.security.HadoopDelegationTokenProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Option;

/**
 * Spark's token provider for lakeFS (service name {@value #SERVICE_NAME}), for clusters with Kerberos: Spark's
 * {@code HadoopDelegationTokenManager} loads it through {@code ServiceLoader} on the driver, calls it at start
 * and again at the time it returns, and pushes what it adds to {@code creds} to every executor, where S3A's
 * lakeFS binding finds the token. The driver authenticates with its Kerberos login plus the lakeFS key, which
 * the service needs to scope the token, taken from the same driver-only places as the plugin's
 * ({@link DriverSettings}). Switched off with {@code spark.security.credentials.lakefs.enabled=false}.
 */
public final class LakeFSDelegationTokenProvider implements HadoopDelegationTokenProvider {
  public static final String SERVICE_NAME = "lakefs";
  private static final Logger LOG = LoggerFactory.getLogger(LakeFSDelegationTokenProvider.class);

  @Override
  public String serviceName() {
    return SERVICE_NAME;
  }

  /** Only jobs that name a credentials service want lakeFS tokens. */
  @Override
  public boolean delegationTokensRequired(SparkConf sparkConf, Configuration hadoopConf) {
    return hadoopConf.getTrimmedStrings(LakeFSTokenKeys.SERVICE_ENDPOINTS).length > 0;
  }

  /**
   * Adds the tokens to {@code creds} and returns when to obtain them again (epoch millis), before the STS
   * credentials inside expire. A failure is thrown rather than logged away: at submission it stops the job
   * with the reason, and later Spark's manager logs it and tries again after
   * {@code spark.security.credentials.retryWait}.
   */
  @Override
  public Option<Object> obtainDelegationTokens(Configuration hadoopConf, SparkConf sparkConf, Credentials creds) {
    try {
      DriverSettings settings = DriverSettings.from(sparkConf, System.getenv());
      LakeFSTokenSource.Obtained obtained = new LakeFSTokenSource(settings.issuerConfiguration(hadoopConf),
          settings.renewer().orElse(UserGroupInformation.getCurrentUser().getShortUserName())).getDelegationTokens();
      creds.addAll(obtained.credentials());
      LOG.info("Obtained {} lakeFS token(s) for {}; obtaining again at {}", obtained.credentials().numberOfTokens(),
          obtained.credentials().getAllTokens().stream().map(t -> t.getService().toString())
              .collect(Collectors.toList()),
          obtained.refreshAt());
      return Option.apply(obtained.refreshAt().toEpochMilli());
    } catch (IOException e) {
      throw new UncheckedIOException("could not obtain lakeFS tokens from "
          + String.join(",", hadoopConf.getTrimmedStrings(LakeFSTokenKeys.SERVICE_ENDPOINTS)) + ": " + e.getMessage()
          + ". Check that the credentials service is reachable and that the driver's Kerberos login (or lakeFS key)"
          + " is accepted, or set " + LakeFSSparkKeys.PROVIDER_ENABLED + "=false to stop asking for lakeFS tokens", e);
    }
  }
}
