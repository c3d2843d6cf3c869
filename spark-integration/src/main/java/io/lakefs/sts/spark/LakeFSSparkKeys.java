package io.lakefs.sts.spark;

import io.lakefs.sts.hadoop.LakeFSTokenKeys;

/**
 * Every configuration key of the Spark integration, each beside its default: the {@code spark.lakefs.*} keys
 * read by the plugin and the token provider, and the Spark spellings of the Hadoop keys users set (Spark copies
 * {@code spark.hadoop.X} into the Hadoop configuration as {@code X}). Documented in one table in the README.
 */
public final class LakeFSSparkKeys {
  private LakeFSSparkKeys() {
  }

  /** The prefix of this module's own keys. */
  public static final String PREFIX = "spark.lakefs.";

  /** How Spark spells a Hadoop key in a SparkConf. */
  public static final String SPARK_HADOOP_PREFIX = "spark.hadoop.";

  /**
   * Spark's own switch for the token provider (service name {@code lakefs}); Spark enables every provider it
   * finds unless this is {@code false}.
   */
  public static final String PROVIDER_ENABLED = "spark.security.credentials.lakefs.enabled";
  public static final boolean DEFAULT_PROVIDER_ENABLED = true;

  /**
   * The plugin class for {@code spark.plugins} on clusters without Kerberos. Named, not imported: the plugin reads
   * these keys, so an import would tie the two packages in a loop (a test checks the name).
   */
  public static final String PLUGIN_CLASS = "io.lakefs.sts.spark.plugin.LakeFSTokenPlugin";

  /**
   * The lakeFS access key id the plugin obtains tokens with, on the driver (not a secret). A {@code spark.lakefs.}
   * key rather than {@code spark.hadoop.fs.s3a.ext.lakefs.access.key}: that one would reach executors' S3A,
   * which would then look there for a secret that is not there.
   */
  public static final String DRIVER_ACCESS_KEY = PREFIX + "driver.access-key";

  /**
   * Name of the driver's environment variable holding the lakeFS secret key, read by the plugin on the driver
   * only. Spark does not copy environment variables into the SparkConf it sends executors.
   */
  public static final String DRIVER_SECRET_KEY_ENV = PREFIX + "driver.secret-key.env";
  public static final String DEFAULT_DRIVER_SECRET_KEY_ENV = "LAKEFS_SECRET_ACCESS_KEY";

  /**
   * Hadoop credential providers (e.g. {@code jceks://file/home/alice/lakefs.jceks}) that the plugin reads on the
   * driver only, for the alias {@code fs.s3a.ext.lakefs.secret.key}, when the environment variable is not set.
   */
  public static final String DRIVER_CREDENTIAL_PROVIDER_PATH = PREFIX + "driver.credential-provider.path";

  /**
   * The renewer named in the tokens (a short user name, e.g. {@code yarn} for the YARN ResourceManager);
   * unset: the user the driver runs as.
   */
  public static final String TOKEN_RENEWER = PREFIX + "token.renewer";

  /**
   * After a failed attempt, how long the driver waits before obtaining tokens again, and an executor before
   * asking the driver again, in milliseconds.
   */
  public static final String RETRY_INTERVAL_MILLIS = PREFIX + "retry-interval.millis";
  public static final long DEFAULT_RETRY_INTERVAL_MILLIS = 10_000;

  /** Credentials-service base URLs, as users set them in Spark (see hadoop-tokens' README). */
  public static final String SERVICE_ENDPOINTS = SPARK_HADOOP_PREFIX + LakeFSTokenKeys.SERVICE_ENDPOINTS;

  /**
   * The lakeFS key as it must <em>not</em> be set with the plugin: SparkConf entries reach every executor. The
   * plugin refuses to start when either is in the SparkConf.
   */
  public static final String HADOOP_ACCESS_KEY = SPARK_HADOOP_PREFIX + LakeFSTokenKeys.ACCESS_KEY;
  public static final String HADOOP_SECRET_KEY = SPARK_HADOOP_PREFIX + LakeFSTokenKeys.SECRET_KEY;

  /** S3A's delegation-token binding; set to {@link #S3A_BINDING_CLASS} so S3A uses the lakeFS tokens. */
  public static final String S3A_DELEGATION_TOKEN_BINDING = SPARK_HADOOP_PREFIX + "fs.s3a.delegation.token.binding";
  public static final String S3A_BINDING_CLASS = "io.lakefs.sts.hadoop.s3a.LakeFSDelegationTokenBinding";
}
