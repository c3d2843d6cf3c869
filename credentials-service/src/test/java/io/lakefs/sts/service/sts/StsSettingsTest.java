package io.lakefs.sts.service.sts;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.lakefs.sts.protocol.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.Test;

public class StsSettingsTest {
  private static final String ROLE = "arn:aws:iam::123456789012:role/lakefs-sts";

  @Test
  public void defaultsAreAnHourMarginOfFiveMinutesAndTransitiveLakeFSTags() {
    StsSettings settings = StsSettingsBuilder.forRole(ROLE).build();
    assertEquals(ROLE, settings.roleArn());
    assertEquals(Optional.empty(), settings.externalId());
    assertEquals("us-east-1", settings.region());
    assertEquals(Optional.empty(), settings.endpoint());
    assertEquals(Optional.empty(), settings.staticKeys());
    assertEquals(Duration.ofHours(1), settings.duration());
    assertEquals(Duration.ofMinutes(5), settings.refreshMargin());
    assertEquals("lakefs-user", settings.userTagKey());
    assertEquals("issued-by", settings.issuerTagKey());
    assertEquals("lakeFS", settings.issuerTagValue());
    assertEquals(4, settings.maxAttempts());
  }

  @Test
  public void withoutARoleTheFeatureIsOff() {
    assertEquals(Optional.empty(), StsSettings.configured(null, null, null, Optional.empty(), Optional.empty(),
        StsSettings.DEFAULT_DURATION, StsSettings.DEFAULT_REFRESH_MARGIN));
    assertEquals(Optional.empty(), StsSettings.configured("  ", null, null, Optional.empty(),
        Optional.empty(), StsSettings.DEFAULT_DURATION, StsSettings.DEFAULT_REFRESH_MARGIN));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new StsSettingsBuilder().build());
    assertEquals("No IAM role is configured: set lakefs.sts.role.arn to the ARN of the role to assume for lakeFS"
        + " users, e.g. arn:aws:iam::123456789012:role/lakefs-sts.", e.getMessage());
  }

  @Test
  public void otherValuesAreCheckedEvenWhileTheFeatureIsOff() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> StsSettings.configured(null, null, null, Optional.empty(), Optional.empty(),
            Duration.ofMinutes(5), StsSettings.DEFAULT_REFRESH_MARGIN));
    assertTrue(e.getMessage(), e.getMessage().startsWith("lakefs.sts.credentials.duration.seconds is 300 s;"));
  }

  @Test
  public void roleArnsOfOtherPartitionsAndStsCompatibleStoresAreAccepted() {
    for (String arn : new String[] {"arn:aws-cn:iam::123456789012:role/x/lakefs", "arn:aws:iam:::role/S3Access",
        "arn:minio:iam:us-east-1:123:role/lakefs"}) {
      assertEquals(arn, StsSettingsBuilder.forRole(arn).build().roleArn());
    }
  }

  @Test
  public void everyBadValueIsRefusedNamingItAndItsKey() {
    assertRefused(b -> b.roleArn("lakefs-sts"), "lakefs.sts.role.arn is 'lakefs-sts', which is not an IAM role ARN");
    assertRefused(b -> b.roleArn("arn:aws:iam::123456789012:user/alice"), "lakefs.sts.role.arn is"
        + " 'arn:aws:iam::123456789012:user/alice'");
    assertRefused(b -> b.externalId("has space"), "lakefs.sts.role.external-id is 'has space'");
    assertRefused(b -> b.region("US East"), "lakefs.sts.sts.region is 'US East'");
    assertRefused(b -> b.endpoint(URI.create("sts.example.com")), "lakefs.sts.sts.endpoint is 'sts.example.com'");
    assertRefused(b -> b.endpoint(URI.create("ftp://sts.example.com")), "lakefs.sts.sts.endpoint is");
    assertRefused(b -> b.staticKeys("short", Secret.of("s")), "lakefs.sts.sts.access-key is 'short'");
    assertRefused(b -> b.duration(Duration.ofHours(13)), "lakefs.sts.credentials.duration.seconds is 46800 s");
    assertRefused(b -> b.duration(Duration.ofMillis(1_000_500)), "lakefs.sts.credentials.duration.seconds is"
        + " 1000500 ms");
    assertRefused(b -> b.refreshMargin(Duration.ofHours(1)), "lakefs.sts.credentials.refresh-margin.seconds is 3600 s");
    assertRefused(b -> b.refreshMargin(Duration.ofSeconds(-1)), "lakefs.sts.credentials.refresh-margin.seconds is -1 s");
    assertRefused(b -> b.userTagKey("aws:user"), "The user tag key 'aws:user' is not a valid session tag key");
    assertRefused(b -> b.issuerTag("Lakefs-User", "lakeFS"), "The user and issuer session tags both use the key");
    assertRefused(b -> b.issuerTag("issued-by", "lake,FS"), "The issuer tag value 'lake,FS'");
    assertRefused(b -> b.maxAttempts(0), "maxAttempts is 0");
    assertRefused(b -> b.backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)), "The backoff is 2000 ms to 1000 ms");
    assertRefused(b -> b.callTimeout(Duration.ZERO), "callTimeout is 0 ms");
    assertRefused(b -> b.retryAfterWhenUnavailable(Duration.ofMillis(10)), "retryAfterWhenUnavailable is 10 ms");
    assertRefused(b -> b.cacheMaxEntries(0), "cacheMaxEntries is 0");
  }

  @Test
  public void halfAStaticKeyIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> StsSettings.StaticKeys.of("AKIAEXAMPLEEXAMPLE01", null));
    assertTrue(e.getMessage(), e.getMessage().startsWith("Only one of lakefs.sts.sts.access-key and"
        + " lakefs.sts.sts.secret-key is set"));
  }

  @Test
  public void toStringShowsTheKeyIdButNotTheSecret() {
    String text = StsSettingsBuilder.forRole(ROLE).externalId("ext-id-value")
        .staticKeys("AKIAEXAMPLEEXAMPLE01", Secret.of("wJalrXUtnFEMI/K7MDENG")).build().toString();
    assertTrue(text, text.contains("AKIAEXAMPLEEXAMPLE01"));
    assertFalse(text, text.contains("wJalrXUtnFEMI"));
    assertTrue(text, text.contains("secretAccessKey=<redacted>"));
  }

  private static void assertRefused(UnaryOperator<StsSettingsBuilder> change, String messageStart) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> change.apply(StsSettingsBuilder.forRole(ROLE)).build());
    assertTrue(e.getMessage(), e.getMessage().startsWith(messageStart));
  }
}
