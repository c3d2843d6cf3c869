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
 * configuration at start-up and passed to the issuers; validated here, so a bad value stops the service at
 * start with a message naming the value and its key, not on the first request.
 *
 * <p>Settings exist only when a role is configured: {@link Builder#buildIfEnabled()} gives an empty Optional
 * without {@value ServiceKeys#ROLE_ARN}, and the service then uses a {@link DisabledCredentialsIssuer}.
 */
public final class StsSettings {
  /** STS's shortest and longest AssumeRole session. */
  public static final Duration MIN_DURATION = Duration.ofSeconds(900);
  public static final Duration MAX_DURATION = Duration.ofHours(12);

  public static final Duration DEFAULT_DURATION = Duration.ofSeconds(ServiceKeys.CREDENTIALS_DURATION_SECONDS_DEFAULT);
  public static final Duration DEFAULT_REFRESH_MARGIN =
      Duration.ofSeconds(ServiceKeys.CREDENTIALS_REFRESH_MARGIN_SECONDS_DEFAULT);
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

    @Override
    public String toString() {
      return "StaticKeys{accessKeyId=" + accessKeyId + ", secretAccessKey=" + secretAccessKey + "}";
    }
  }

  private final String roleArn;
  private final Optional<String> externalId;
  private final String region;
  private final Optional<URI> endpoint;
  private final Optional<StaticKeys> staticKeys;
  private final Duration duration;
  private final Duration refreshMargin;
  private final String userTagKey;
  private final String issuerTagKey;
  private final String issuerTagValue;
  private final int maxAttempts;
  private final Duration baseBackoff;
  private final Duration maxBackoff;
  private final Duration callTimeout;
  private final Duration retryAfterWhenUnavailable;
  private final int cacheMaxEntries;

  private StsSettings(Builder b) {
    this.roleArn = b.roleArn;
    this.externalId = b.externalId;
    this.region = b.region;
    this.endpoint = b.endpoint;
    this.staticKeys = b.staticKeys;
    this.duration = b.duration;
    this.refreshMargin = b.refreshMargin;
    this.userTagKey = b.userTagKey;
    this.issuerTagKey = b.issuerTagKey;
    this.issuerTagValue = b.issuerTagValue;
    this.maxAttempts = b.maxAttempts;
    this.baseBackoff = b.baseBackoff;
    this.maxBackoff = b.maxBackoff;
    this.callTimeout = b.callTimeout;
    this.retryAfterWhenUnavailable = b.retryAfterWhenUnavailable;
    this.cacheMaxEntries = b.cacheMaxEntries;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The role assumed for every lakeFS user ({@value ServiceKeys#ROLE_ARN}). */
  public String roleArn() {
    return roleArn;
  }

  /** The sts:ExternalId the role's trust policy requires ({@value ServiceKeys#ROLE_EXTERNAL_ID}). */
  public Optional<String> externalId() {
    return externalId;
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
    String roleArn = Builder.blankToNull(arn);
    if (roleArn == null) {
      throw new IllegalArgumentException(externalIdKey + " is set but " + arnKey + " is not; set the role's ARN");
    }
    Builder.validateRoleArn(arnKey, roleArn);
    Optional<String> id = Optional.ofNullable(Builder.blankToNull(externalId));
    id.ifPresent(value -> Builder.validateExternalId(externalIdKey, value));
    return new Role(roleArn, id);
  }

  /** {@value ServiceKeys#STS_REGION}. */
  public String region() {
    return region;
  }

  /** An STS endpoint other than AWS's ({@value ServiceKeys#STS_ENDPOINT}). */
  public Optional<URI> endpoint() {
    return endpoint;
  }

  /** {@value ServiceKeys#STS_ACCESS_KEY} and {@value ServiceKeys#STS_SECRET_KEY}, when both are set. */
  public Optional<StaticKeys> staticKeys() {
    return staticKeys;
  }

  /** Lifetime asked of STS, unless the caller's token ends sooner. */
  public Duration duration() {
    return duration;
  }

  /** Cached credentials are re-issued when less than this is left. */
  public Duration refreshMargin() {
    return refreshMargin;
  }

  /** Session tag whose value names the lakeFS user. */
  public String userTagKey() {
    return userTagKey;
  }

  /** Session tag saying who issued the credentials ({@link #issuerTagValue()}). */
  public String issuerTagKey() {
    return issuerTagKey;
  }

  public String issuerTagValue() {
    return issuerTagValue;
  }

  /** Attempts per request while STS throttles, the first one included. */
  public int maxAttempts() {
    return maxAttempts;
  }

  /** The first retry waits up to this; each further one up to twice as long as the one before. */
  public Duration baseBackoff() {
    return baseBackoff;
  }

  /** No retry waits longer than this. */
  public Duration maxBackoff() {
    return maxBackoff;
  }

  public Duration callTimeout() {
    return callTimeout;
  }

  public Duration retryAfterWhenUnavailable() {
    return retryAfterWhenUnavailable;
  }

  public int cacheMaxEntries() {
    return cacheMaxEntries;
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

  /** Collects values; {@link #build()} validates all of them. Setters take nulls as "unset". */
  public static final class Builder {
    private String roleArn;
    private Optional<String> externalId = Optional.empty();
    private String region = ServiceKeys.STS_REGION_DEFAULT;
    private Optional<URI> endpoint = Optional.empty();
    private Optional<StaticKeys> staticKeys = Optional.empty();
    private Duration duration = DEFAULT_DURATION;
    private Duration refreshMargin = DEFAULT_REFRESH_MARGIN;
    private String userTagKey = DEFAULT_USER_TAG_KEY;
    private String issuerTagKey = DEFAULT_ISSUER_TAG_KEY;
    private String issuerTagValue = DEFAULT_ISSUER_TAG_VALUE;
    private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
    private Duration baseBackoff = DEFAULT_BASE_BACKOFF;
    private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
    private Duration callTimeout = DEFAULT_CALL_TIMEOUT;
    private Duration retryAfterWhenUnavailable = DEFAULT_RETRY_AFTER_UNAVAILABLE;
    private int cacheMaxEntries = DEFAULT_CACHE_MAX_ENTRIES;

    private Builder() {
    }

    public Builder roleArn(String value) {
      this.roleArn = blankToNull(value);
      return this;
    }

    public Builder externalId(String value) {
      this.externalId = Optional.ofNullable(blankToNull(value));
      return this;
    }

    public Builder region(String value) {
      this.region = value == null ? ServiceKeys.STS_REGION_DEFAULT : value.strip();
      return this;
    }

    public Builder endpoint(URI value) {
      this.endpoint = Optional.ofNullable(value);
      return this;
    }

    /** Both or neither: one without the other is refused by {@link #build()}. */
    public Builder staticKeys(String accessKeyId, Secret secretAccessKey) {
      String id = blankToNull(accessKeyId);
      Secret secret = secretAccessKey == null || secretAccessKey.reveal().isBlank() ? null : secretAccessKey;
      if ((id == null) != (secret == null)) {
        throw new IllegalArgumentException("Only one of " + ServiceKeys.STS_ACCESS_KEY + " and "
            + ServiceKeys.STS_SECRET_KEY + " is set; set both to call STS with a static key, or neither to use the"
            + " AWS SDK's default credentials chain.");
      }
      this.staticKeys = id == null ? Optional.empty() : Optional.of(new StaticKeys(id, secret));
      return this;
    }

    public Builder duration(Duration value) {
      this.duration = Objects.requireNonNull(value, "duration");
      return this;
    }

    public Builder refreshMargin(Duration value) {
      this.refreshMargin = Objects.requireNonNull(value, "refreshMargin");
      return this;
    }

    public Builder userTagKey(String value) {
      this.userTagKey = Objects.requireNonNull(value, "userTagKey");
      return this;
    }

    public Builder issuerTag(String key, String value) {
      this.issuerTagKey = Objects.requireNonNull(key, "issuer tag key");
      this.issuerTagValue = Objects.requireNonNull(value, "issuer tag value");
      return this;
    }

    public Builder maxAttempts(int value) {
      this.maxAttempts = value;
      return this;
    }

    public Builder backoff(Duration base, Duration max) {
      this.baseBackoff = Objects.requireNonNull(base, "base backoff");
      this.maxBackoff = Objects.requireNonNull(max, "max backoff");
      return this;
    }

    public Builder callTimeout(Duration value) {
      this.callTimeout = Objects.requireNonNull(value, "callTimeout");
      return this;
    }

    public Builder retryAfterWhenUnavailable(Duration value) {
      this.retryAfterWhenUnavailable = Objects.requireNonNull(value, "retryAfterWhenUnavailable");
      return this;
    }

    public Builder cacheMaxEntries(int value) {
      this.cacheMaxEntries = value;
      return this;
    }

    /**
     * The settings, or empty when no role is configured (the feature is off). Every other value is still
     * validated, so a mistake does not lie in wait until the role is set.
     *
     * @throws IllegalArgumentException naming the bad value and its key
     */
    public Optional<StsSettings> buildIfEnabled() {
      validateAllButRole();
      if (roleArn == null) {
        return Optional.empty();
      }
      validateRole();
      return Optional.of(new StsSettings(this));
    }

    /** @throws IllegalArgumentException naming the bad value and its key, or the missing role */
    public StsSettings build() {
      return buildIfEnabled().orElseThrow(() -> new IllegalArgumentException("No IAM role is configured: set "
          + ServiceKeys.ROLE_ARN + " to the ARN of the role to assume for lakeFS users, e.g."
          + " arn:aws:iam::123456789012:role/lakefs-sts."));
    }

    private void validateRole() {
      validateRoleArn(ServiceKeys.ROLE_ARN, roleArn);
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

    private void validateAllButRole() {
      externalId.ifPresent(id -> validateExternalId(ServiceKeys.ROLE_EXTERNAL_ID, id));
      if (!REGION.matcher(region).matches()) {
        throw new IllegalArgumentException(ServiceKeys.STS_REGION + " is '" + region + "', which is not a region"
            + " name; use one such as us-east-1 (lower-case letters, digits and '-').");
      }
      endpoint.ifPresent(StsSettings.Builder::validateEndpoint);
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
}
