package io.lakefs.sts.service.sts;

import io.lakefs.sts.protocol.Secret;
import io.lakefs.sts.service.ServiceKeys;
import io.lakefs.sts.service.scope.Role;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How the service calls STS: which role, where, for how long, and how it caches and retries. Read once from
 * configuration at start-up ({@link #configured}) and passed to the issuers; validated here, so a bad value stops
 * the service at start with a message naming the value and its key, not on the first request.
 *
 * <p>Settings exist only when a role is configured: {@link #configured} gives an empty Optional without
 * {@value ServiceKeys#ROLE_ARN}, and the service then uses a {@link DisabledCredentialsIssuer}.
 *
 * @param roleArn the role assumed for every lakeFS user ({@value ServiceKeys#ROLE_ARN})
 * @param externalId the sts:ExternalId the role's trust policy requires ({@value ServiceKeys#ROLE_EXTERNAL_ID})
 * @param region {@value ServiceKeys#STS_REGION}
 * @param endpoint an STS endpoint other than AWS's ({@value ServiceKeys#STS_ENDPOINT})
 * @param staticKeys {@value ServiceKeys#STS_ACCESS_KEY} and {@value ServiceKeys#STS_SECRET_KEY}, when both are set
 * @param duration lifetime asked of STS, unless the caller's token ends sooner
 * @param refreshMargin cached credentials are re-issued when less than this is left
 * @param userTagKey session tag whose value names the lakeFS user
 * @param issuerTagKey session tag saying who issued the credentials ({@code issuerTagValue})
 * @param maxAttempts attempts per request while STS throttles, the first one included
 * @param baseBackoff the first retry waits up to this; each further one up to twice as long as the one before
 * @param maxBackoff no retry waits longer than this
 * @param callTimeout bounds one AssumeRole call
 * @param retryAfterWhenUnavailable what callers are told to wait when STS is down or unreachable
 * @param cacheMaxEntries how many credentials the cache keeps at most
 */
public record StsSettings(String roleArn, Optional<String> externalId, String region, Optional<URI> endpoint,
    Optional<StaticKeys> staticKeys, Duration duration, Duration refreshMargin, String userTagKey,
    String issuerTagKey, String issuerTagValue, int maxAttempts, Duration baseBackoff, Duration maxBackoff,
    Duration callTimeout, Duration retryAfterWhenUnavailable, int cacheMaxEntries) {
  /** STS's shortest and longest AssumeRole session. */
  public static final Duration MIN_DURATION = Duration.ofSeconds(900);
  public static final Duration MAX_DURATION = Duration.ofHours(12);

  public static final Duration DEFAULT_DURATION = Duration.ofSeconds(ServiceKeys.DEFAULT_CREDENTIALS_DURATION_SECONDS);
  public static final Duration DEFAULT_REFRESH_MARGIN =
      Duration.ofSeconds(ServiceKeys.DEFAULT_CREDENTIALS_REFRESH_MARGIN_SECONDS);
  public static final String DEFAULT_USER_TAG_KEY = "lakefs-user";
  public static final String DEFAULT_ISSUER_TAG_KEY = "issued-by";
  public static final String DEFAULT_ISSUER_TAG_VALUE = "lakeFS";
  /** Attempts per request while STS throttles: the first call and up to 3 retries. */
  public static final int DEFAULT_MAX_ATTEMPTS = 4;
  public static final Duration DEFAULT_BASE_BACKOFF = Duration.ofMillis(200);
  public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(5);
  /** Bounds one AssumeRole call (connect, send, answer), so a hung STS cannot hold request threads. */
  public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(10);
  /** What callers are told to wait when STS is down or unreachable. */
  public static final Duration DEFAULT_RETRY_AFTER_UNAVAILABLE = Duration.ofSeconds(10);
  public static final int DEFAULT_CACHE_MAX_ENTRIES = 10_000;

  // Looser than AWS's own ARN grammar on purpose: MinIO and Ceph RGW use other partitions and empty accounts.
  private static final Pattern ROLE_ARN = Pattern.compile("arn:[^:\\s]+:iam:[^:\\s]*:[^:\\s]*:role/\\S+");
  private static final Pattern EXTERNAL_ID = Pattern.compile("[\\w+=,.@:/-]{2,1224}");
  private static final Pattern REGION = Pattern.compile("[a-z0-9-]{1,64}");
  private static final Pattern ACCESS_KEY_ID = Pattern.compile("\\w{16,128}");
  // STS's definition of tag key and value characters.
  private static final Pattern TAG_KEY = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{1,128}");
  private static final Pattern TAG_VALUE = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]{0,256}");

  /** A long-term key for calling STS; without one the AWS SDK's default credentials chain is used. */
  public record StaticKeys(String accessKeyId, Secret secretAccessKey) {
    public StaticKeys {
      Objects.requireNonNull(accessKeyId, "accessKeyId");
      Objects.requireNonNull(secretAccessKey, "secretAccessKey");
    }

    /** Both or neither (blank counts as unset): one without the other is refused. */
    public static Optional<StaticKeys> of(String accessKeyId, Secret secretAccessKey) {
      String id = blankToNull(accessKeyId);
      Secret secret = secretAccessKey == null || secretAccessKey.reveal().isBlank() ? null : secretAccessKey;
      if ((id == null) != (secret == null)) {
        throw new IllegalArgumentException("Only one of " + ServiceKeys.STS_ACCESS_KEY + " and "
            + ServiceKeys.STS_SECRET_KEY + " is set; set both to call STS with a static key, or neither to use the"
            + " AWS SDK's default credentials chain.");
      }
      return id == null ? Optional.empty() : Optional.of(new StaticKeys(id, secret));
    }

    @Override
    public String toString() {
      return "StaticKeys{accessKeyId=" + accessKeyId + ", secretAccessKey=" + secretAccessKey + "}";
    }
  }

  /** @throws IllegalArgumentException naming the bad value and its key, or the missing role */
  public StsSettings {
    Objects.requireNonNull(externalId, "externalId");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(staticKeys, "staticKeys");
    validateConfigured(externalId, region, endpoint, staticKeys, duration, refreshMargin);
    validateTagKey("user tag key", userTagKey);
    validateTagKey("issuer tag key", issuerTagKey);
    if (userTagKey.equalsIgnoreCase(issuerTagKey)) {
      throw new IllegalArgumentException("The user and issuer session tags both use the key '" + userTagKey
          + "'; STS tag keys are case-insensitive, so pick two different keys.");
    }
    if (!TAG_VALUE.matcher(issuerTagValue).matches()) {
      throw new IllegalArgumentException("The issuer tag value '" + issuerTagValue + "' is not a valid session"
          + " tag value: up to 256 letters, digits, spaces and _ . : / = + - @.");
    }
    if (maxAttempts < 1 || maxAttempts > 10) {
      throw new IllegalArgumentException("maxAttempts is " + maxAttempts + "; it must be from 1 (no retries) to"
          + " 10.");
    }
    if (!isPositive(baseBackoff) || baseBackoff.compareTo(maxBackoff) > 0 || maxBackoff.compareTo(Duration.ofMinutes(1)) > 0) {
      throw new IllegalArgumentException("The backoff is " + baseBackoff.toMillis() + " ms to "
          + maxBackoff.toMillis() + " ms; the base must be positive and at most the maximum, which must be at most"
          + " 60000 ms.");
    }
    if (!isPositive(callTimeout) || callTimeout.compareTo(Duration.ofMinutes(5)) > 0) {
      throw new IllegalArgumentException("callTimeout is " + callTimeout.toMillis() + " ms; it must be positive"
          + " and at most 300000 ms (5 minutes).");
    }
    if (retryAfterWhenUnavailable.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("retryAfterWhenUnavailable is " + retryAfterWhenUnavailable.toMillis()
          + " ms; it must be at least 1 second (Retry-After counts whole seconds).");
    }
    if (cacheMaxEntries < 1) {
      throw new IllegalArgumentException("cacheMaxEntries is " + cacheMaxEntries + "; it must be at least 1.");
    }
    roleArn = blankToNull(roleArn);
    if (roleArn == null) {
      throw new IllegalArgumentException("No IAM role is configured: set " + ServiceKeys.ROLE_ARN + " to the ARN"
          + " of the role to assume for lakeFS users, e.g. arn:aws:iam::123456789012:role/lakefs-sts.");
    }
    validateRoleArn(ServiceKeys.ROLE_ARN, roleArn);
  }

  /**
   * The settings configuration gives (blank values count as unset), with the service's own tags, retries and
   * cache; empty when no role is configured (the feature is off). Every other value is still validated, so a
   * mistake does not lie in wait until the role is set.
   *
   * @throws IllegalArgumentException naming the bad value and its key
   */
  public static Optional<StsSettings> configured(String roleArn, String externalId, String region,
      Optional<URI> endpoint, Optional<StaticKeys> staticKeys, Duration duration, Duration refreshMargin) {
    Optional<String> id = Optional.ofNullable(blankToNull(externalId));
    String regionName = region == null ? ServiceKeys.DEFAULT_STS_REGION : region.strip();
    if (blankToNull(roleArn) == null) {
      validateConfigured(id, regionName, endpoint, staticKeys, duration, refreshMargin);
      return Optional.empty();
    }
    return Optional.of(new StsSettings(roleArn, id, regionName, endpoint, staticKeys, duration, refreshMargin,
        DEFAULT_USER_TAG_KEY, DEFAULT_ISSUER_TAG_KEY, DEFAULT_ISSUER_TAG_VALUE, DEFAULT_MAX_ATTEMPTS,
        DEFAULT_BASE_BACKOFF, DEFAULT_MAX_BACKOFF, DEFAULT_CALL_TIMEOUT, DEFAULT_RETRY_AFTER_UNAVAILABLE,
        DEFAULT_CACHE_MAX_ENTRIES));
  }

  /** The role of storages and buckets no other role is configured for. */
  public Role defaultRole() {
    return new Role(roleArn, externalId);
  }

  /**
   * A role configured for a storage or bucket, checked as {@value ServiceKeys#ROLE_ARN} and
   * {@value ServiceKeys#ROLE_EXTERNAL_ID} are.
   *
   * @throws IllegalArgumentException naming the key whose value is wrong
   */
  public static Role role(String arnKey, String arn, String externalIdKey, String externalId) {
    String roleArn = blankToNull(arn);
    if (roleArn == null) {
      throw new IllegalArgumentException(externalIdKey + " is set but " + arnKey + " is not; set the role's ARN");
    }
    validateRoleArn(arnKey, roleArn);
    Optional<String> id = Optional.ofNullable(blankToNull(externalId));
    id.ifPresent(value -> validateExternalId(externalIdKey, value));
    return new Role(roleArn, id);
  }

  @Override
  public String toString() {
    return "StsSettings{roleArn=" + roleArn + ", externalId=" + externalId.map(id -> "<set>").orElse("<none>")
        + ", region=" + region + ", endpoint=" + endpoint.map(URI::toString).orElse("<AWS>")
        + ", credentials=" + staticKeys.map(StaticKeys::toString).orElse("<default chain>")
        + ", duration=" + duration + ", refreshMargin=" + refreshMargin + ", tags=[" + userTagKey + ", "
        + issuerTagKey + "=" + issuerTagValue + "], maxAttempts=" + maxAttempts + ", backoff=" + baseBackoff + ".."
        + maxBackoff + ", callTimeout=" + callTimeout + ", retryAfterWhenUnavailable=" + retryAfterWhenUnavailable
        + ", cacheMaxEntries=" + cacheMaxEntries + "}";
  }

  /** The values configuration sets, checked whether or not a role is. */
  private static void validateConfigured(Optional<String> externalId, String region, Optional<URI> endpoint,
      Optional<StaticKeys> staticKeys, Duration duration, Duration refreshMargin) {
    externalId.ifPresent(id -> validateExternalId(ServiceKeys.ROLE_EXTERNAL_ID, id));
    if (!REGION.matcher(region).matches()) {
      throw new IllegalArgumentException(ServiceKeys.STS_REGION + " is '" + region + "', which is not a region"
          + " name; use one such as us-east-1 (lower-case letters, digits and '-').");
    }
    endpoint.ifPresent(StsSettings::validateEndpoint);
    staticKeys.ifPresent(keys -> {
      if (!ACCESS_KEY_ID.matcher(keys.accessKeyId()).matches()) {
        throw new IllegalArgumentException(ServiceKeys.STS_ACCESS_KEY + " is '" + keys.accessKeyId() + "', which"
            + " is not an AWS access key id (16 to 128 letters and digits, e.g. AKIA...).");
      }
    });
    if (duration.compareTo(MIN_DURATION) < 0 || duration.compareTo(MAX_DURATION) > 0 || duration.getNano() != 0) {
      throw new IllegalArgumentException(ServiceKeys.CREDENTIALS_DURATION_SECONDS + " is " + seconds(duration)
          + "; STS issues credentials for whole seconds from " + MIN_DURATION.toSeconds() + " to "
          + MAX_DURATION.toSeconds() + " (and at most the role's maximum session duration).");
    }
    if (refreshMargin.isNegative() || refreshMargin.compareTo(duration) >= 0) {
      throw new IllegalArgumentException(ServiceKeys.CREDENTIALS_REFRESH_MARGIN_SECONDS + " is "
          + seconds(refreshMargin) + "; it must be at least 0 and less than "
          + ServiceKeys.CREDENTIALS_DURATION_SECONDS + " (" + seconds(duration) + "), or cached credentials"
          + " would be re-issued on every request.");
    }
  }

  private static void validateRoleArn(String key, String arn) {
    if (arn.length() < 20 || arn.length() > 2048 || !ROLE_ARN.matcher(arn).matches()) {
      throw new IllegalArgumentException(key + " is '" + arn + "', which is not an IAM role"
          + " ARN; it should look like arn:aws:iam::123456789012:role/lakefs-sts (20 to 2048 characters).");
    }
  }

  private static void validateExternalId(String key, String id) {
    if (!EXTERNAL_ID.matcher(id).matches()) {
      throw new IllegalArgumentException(key + " is '" + id + "'; STS accepts 2 to"
          + " 1224 characters of letters, digits and + = , . @ : / - _ only.");
    }
  }

  private static void validateEndpoint(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
        || uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new IllegalArgumentException(ServiceKeys.STS_ENDPOINT + " is '" + uri + "'; it must be an http:// or"
          + " https:// URL with a host and no query, e.g. https://sts.us-east-1.amazonaws.com or"
          + " http://minio.example.com:9000.");
    }
  }

  private static void validateTagKey(String what, String key) {
    if (!TAG_KEY.matcher(key).matches() || key.toLowerCase(Locale.ROOT).startsWith("aws:")) {
      throw new IllegalArgumentException("The " + what + " '" + key + "' is not a valid session tag key: 1 to 128"
          + " letters, digits, spaces and _ . : / = + - @, not starting with 'aws:'.");
    }
  }

  private static boolean isPositive(Duration d) {
    return !d.isNegative() && !d.isZero();
  }

  private static String seconds(Duration d) {
    return d.getNano() == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
