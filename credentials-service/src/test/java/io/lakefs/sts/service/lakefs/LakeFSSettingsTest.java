package io.lakefs.sts.service.lakefs;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.Properties;
import org.junit.Test;

public class LakeFSSettingsTest {
  @Test
  public void emptyPropertiesGiveTheDefaultsOfLakeFSKeys() {
    LakeFSSettings settings = LakeFSSettings.fromProperties(new Properties());

    assertEquals(URI.create(LakeFSKeys.DEFAULT_ENDPOINT), settings.endpoint());
    assertEquals(Duration.ofMillis(LakeFSKeys.DEFAULT_TIMEOUT_MILLIS), settings.connectTimeout());
    assertEquals(Duration.ofMillis(LakeFSKeys.DEFAULT_TIMEOUT_MILLIS), settings.readTimeout());
    assertEquals(Duration.ofSeconds(LakeFSKeys.DEFAULT_AUTH_CACHE_SECONDS), settings.cacheTtl());
  }

  @Test
  public void readsEachKeyTrimmedAndDropsATrailingSlashFromTheEndpoint() {
    Properties properties = new Properties();
    properties.setProperty("lakefs.endpoint", " https://lakefs.example.com:8443/lakefs/api/v1/ ");
    properties.setProperty("lakefs.timeout.millis", "2500 ");
    properties.setProperty("lakefs.auth.cache.seconds", "0");

    LakeFSSettings settings = LakeFSSettings.fromProperties(properties);

    assertEquals(URI.create("https://lakefs.example.com:8443/lakefs/api/v1"), settings.endpoint());
    assertEquals(Duration.ofMillis(2500), settings.connectTimeout());
    assertEquals(Duration.ofMillis(2500), settings.readTimeout());
    assertEquals(Duration.ZERO, settings.cacheTtl());
  }

  @Test
  public void refusesAnEndpointThatIsNotLakeFSsApiUrl() {
    assertEndpointRefused("http://lakefs:8000", "the lakeFS endpoint 'http://lakefs:8000' does not end in /api/v1,"
        + " where lakeFS serves its API; set lakefs.endpoint to lakeFS's API URL, e.g. http://localhost:8000/api/v1");
    assertEndpointRefused("lakefs:8000/api/v1", "the lakeFS endpoint 'lakefs:8000/api/v1' is not an http(s) URL"
        + " with a host; set lakefs.endpoint");
    assertEndpointRefused("s3://bucket/api/v1", "the lakeFS endpoint 's3://bucket/api/v1' is not an http(s) URL");
    assertEndpointRefused("http://lakefs:8000/api/v1?x=1", "the lakeFS endpoint 'http://lakefs:8000/api/v1?x=1' has"
        + " a query or fragment");
    assertEndpointRefused("http://lakefs:8000/api v1", "lakefs.endpoint is not a URL: Illegal character in path");
  }

  @Test
  public void refusesCredentialsInTheEndpointWithoutRepeatingThem() {
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> LakeFSSettings.fromProperties(endpoint("http://AKIA:hunter2@lakefs:8000/api/v1")));

    assertTrue(refused.getMessage(), refused.getMessage().startsWith("the lakeFS endpoint has user info"));
    assertFalse(refused.getMessage(), refused.getMessage().contains("hunter2"));
  }

  @Test
  public void refusesTimeoutsAndCacheTimesThatAreNotWholeNumbersInRange() {
    assertNumberRefused("lakefs.timeout.millis", "abc", "lakefs.timeout.millis must be a whole number of milliseconds"
        + " from 1 to 2147483647, got 'abc'; leave it unset for 10000");
    assertNumberRefused("lakefs.timeout.millis", "0", "lakefs.timeout.millis must be a whole number of milliseconds");
    assertNumberRefused("lakefs.timeout.millis", "1.5", "lakefs.timeout.millis must be a whole number");
    assertNumberRefused("lakefs.auth.cache.seconds", "-1", "lakefs.auth.cache.seconds must be a whole number of"
        + " seconds from 0 to 2147483647, got '-1'; leave it unset for 60");
  }

  @Test
  public void refusesNegativeOrZeroDurationsWhenBuiltInCode() {
    LakeFSSettings settings = LakeFSSettings.forEndpoint(URI.create("http://lakefs:8000/api/v1"));

    assertThrows(IllegalArgumentException.class, () -> settings.withTimeouts(Duration.ZERO, Duration.ofSeconds(1)));
    assertThrows(IllegalArgumentException.class, () -> settings.withTimeouts(Duration.ofSeconds(1),
        Duration.ofMillis(-1)));
    IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
        () -> settings.withCacheTtl(Duration.ofSeconds(-1)));
    assertEquals("the lakeFS cache time to live cannot be negative, got PT-1S; use 0 to turn caching off"
        + " (lakefs.auth.cache.seconds)", negative.getMessage());
  }

  private static void assertEndpointRefused(String endpoint, String expectedStart) {
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> LakeFSSettings.fromProperties(endpoint(endpoint)));
    assertTrue(refused.getMessage(), refused.getMessage().startsWith(expectedStart));
  }

  private static void assertNumberRefused(String key, String value, String expectedStart) {
    Properties properties = new Properties();
    properties.setProperty(key, value);
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> LakeFSSettings.fromProperties(properties));
    assertTrue(refused.getMessage(), refused.getMessage().startsWith(expectedStart));
  }

  private static Properties endpoint(String endpoint) {
    Properties properties = new Properties();
    properties.setProperty(LakeFSKeys.ENDPOINT, endpoint);
    return properties;
  }
}
