package io.lakefs.sts.service.sts;

import io.lakefs.sts.protocol.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Tests' way to write {@link StsSettings}: the service's defaults, with the values a test changes; {@link #build()}
 * gives the record, which checks them all.
 */
final class StsSettingsBuilder {
  private String roleArn;
  private Optional<String> externalId = Optional.empty();
  private String region = "us-east-1";
  private Optional<URI> endpoint = Optional.empty();
  private Optional<StsSettings.StaticKeys> staticKeys = Optional.empty();
  private Duration duration = StsSettings.DEFAULT_DURATION;
  private Duration refreshMargin = StsSettings.DEFAULT_REFRESH_MARGIN;
  private String userTagKey = StsSettings.DEFAULT_USER_TAG_KEY;
  private String issuerTagKey = StsSettings.DEFAULT_ISSUER_TAG_KEY;
  private String issuerTagValue = StsSettings.DEFAULT_ISSUER_TAG_VALUE;
  private int maxAttempts = StsSettings.DEFAULT_MAX_ATTEMPTS;
  private Duration baseBackoff = StsSettings.DEFAULT_BASE_BACKOFF;
  private Duration maxBackoff = StsSettings.DEFAULT_MAX_BACKOFF;
  private Duration callTimeout = StsSettings.DEFAULT_CALL_TIMEOUT;
  private Duration retryAfterWhenUnavailable = StsSettings.DEFAULT_RETRY_AFTER_UNAVAILABLE;
  private int cacheMaxEntries = StsSettings.DEFAULT_CACHE_MAX_ENTRIES;

  static StsSettingsBuilder forRole(String roleArn) {
    StsSettingsBuilder builder = new StsSettingsBuilder();
    builder.roleArn = roleArn;
    return builder;
  }

  StsSettingsBuilder roleArn(String value) {
    roleArn = value;
    return this;
  }

  StsSettingsBuilder externalId(String value) {
    externalId = Optional.ofNullable(value).filter(id -> !id.isBlank());
    return this;
  }

  StsSettingsBuilder region(String value) {
    region = value;
    return this;
  }

  StsSettingsBuilder endpoint(URI value) {
    endpoint = Optional.of(value);
    return this;
  }

  StsSettingsBuilder staticKeys(String accessKeyId, Secret secretAccessKey) {
    staticKeys = StsSettings.StaticKeys.of(accessKeyId, secretAccessKey);
    return this;
  }

  StsSettingsBuilder duration(Duration value) {
    duration = value;
    return this;
  }

  StsSettingsBuilder refreshMargin(Duration value) {
    refreshMargin = value;
    return this;
  }

  StsSettingsBuilder userTagKey(String value) {
    userTagKey = value;
    return this;
  }

  StsSettingsBuilder issuerTag(String key, String value) {
    issuerTagKey = key;
    issuerTagValue = value;
    return this;
  }

  StsSettingsBuilder maxAttempts(int value) {
    maxAttempts = value;
    return this;
  }

  StsSettingsBuilder backoff(Duration base, Duration max) {
    baseBackoff = base;
    maxBackoff = max;
    return this;
  }

  StsSettingsBuilder callTimeout(Duration value) {
    callTimeout = value;
    return this;
  }

  StsSettingsBuilder retryAfterWhenUnavailable(Duration value) {
    retryAfterWhenUnavailable = value;
    return this;
  }

  StsSettingsBuilder cacheMaxEntries(int value) {
    cacheMaxEntries = value;
    return this;
  }

  StsSettings build() {
    return new StsSettings(roleArn, externalId, region, endpoint, staticKeys, duration, refreshMargin, userTagKey,
        issuerTagKey, issuerTagValue, maxAttempts, baseBackoff, maxBackoff, callTimeout, retryAfterWhenUnavailable,
        cacheMaxEntries);
  }
}
