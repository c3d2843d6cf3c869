package io.lakefs.sts.hadoop;

/**
 * Every configuration key of this module, each beside its default. They live under S3A's {@code fs.s3a.}
 * prefix, so {@code fs.s3a.bucket.NAME.ext.lakefs.*} overrides one for a bucket, as S3A does for its own keys.
 * Documented in one table in the module README.
 */
public final class LakeFSTokenKeys {
  private LakeFSTokenKeys() {
  }

  /** The prefix of every key here. */
  public static final String PREFIX = "fs.s3a.ext.lakefs.";

  /**
   * Credentials-service base URLs, comma-separated (e.g. {@code https://lakefs-sts.example.com:8765}), in
   * order of preference: the next one is tried when one cannot be reached or answers 503.
   */
  public static final String SERVICE_ENDPOINTS = PREFIX + "service.endpoints";

  /** How long to wait for a TCP connection to the service, in milliseconds. */
  public static final String CONNECT_TIMEOUT_MILLIS = PREFIX + "connect-timeout.millis";
  public static final int DEFAULT_CONNECT_TIMEOUT_MILLIS = 10_000;

  /** How long to wait for the service's answer once connected, in milliseconds. */
  public static final String READ_TIMEOUT_MILLIS = PREFIX + "read-timeout.millis";
  public static final int DEFAULT_READ_TIMEOUT_MILLIS = 30_000;

  /** How many times every endpoint is tried when none can be reached or all answer 503 (at least 1). */
  public static final String RETRY_ATTEMPTS = PREFIX + "retry.attempts";
  public static final int DEFAULT_RETRY_ATTEMPTS = 4;

  /** Wait before the second round over the endpoints, in milliseconds; doubled for each later round. */
  public static final String RETRY_INITIAL_BACKOFF_MILLIS = PREFIX + "retry.initial-backoff.millis";
  public static final long DEFAULT_RETRY_INITIAL_BACKOFF_MILLIS = 500;

  /** Longest wait between rounds, in milliseconds, also bounding how long a 503's Retry-After is honoured. */
  public static final String RETRY_MAX_BACKOFF_MILLIS = PREFIX + "retry.max-backoff.millis";
  public static final long DEFAULT_RETRY_MAX_BACKOFF_MILLIS = 30_000;

  /** The lakeFS access key id the service authenticates the caller with (HTTP Basic). */
  public static final String ACCESS_KEY = PREFIX + "access.key";

  /** Its secret, read with {@code Configuration.getPassword} so it can live in a credential provider. */
  public static final String SECRET_KEY = PREFIX + "secret.key";

  /** lakeFSFS's access key id, used when {@link #ACCESS_KEY} is not set, so lakeFSFS users configure one key. */
  public static final String LAKEFSFS_ACCESS_KEY = "fs.lakefs.access.key";

  /** lakeFSFS's secret, used with {@link #LAKEFSFS_ACCESS_KEY}. */
  public static final String LAKEFSFS_SECRET_KEY = "fs.lakefs.secret.key";

  /**
   * The lakeFS API base URL (e.g. {@code https://lakefs.example.com/api/v1}) the driver logs in to with the
   * lakeFS key ({@code POST /auth/login}), to carry the login token (a JWT) in the {@code LAKEFS_STS} token for
   * executors' metadata calls to lakeFS. Unset: no login token is carried. The JWT reaches all the user may do
   * in lakeFS until lakeFS's {@code auth.login_duration} runs out, so it is carried only when asked for.
   */
  public static final String LOGIN_ENDPOINT = PREFIX + "login.endpoint";

  /** lakeFS repositories the credentials are for, comma-separated; unset: the service's default repositories. */
  public static final String REPOSITORIES = PREFIX + "repositories";

  /** {@code read} or {@code write}; unset: the service's default access (read). */
  public static final String ACCESS = PREFIX + "access";

  /**
   * Seconds before STS credentials expire at which they are no longer used: S3 requests then wait for fresh
   * ones, and the Spark integration re-obtains tokens this long before their embedded credentials expire.
   */
  public static final String REFRESH_MARGIN_SECONDS = PREFIX + "refresh-margin.seconds";
  public static final long DEFAULT_REFRESH_MARGIN_SECONDS = 300;

  /**
   * Seconds before STS credentials expire at which fresh ones are fetched in the background, while S3 requests
   * go on with the current ones; more than {@link #REFRESH_MARGIN_SECONDS}.
   */
  public static final String PREFETCH_SECONDS = PREFIX + "prefetch.seconds";
  public static final long DEFAULT_PREFETCH_SECONDS = 600;
}
