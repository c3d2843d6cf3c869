package io.lakefs.sts.hadoop.token;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.lakefs.sts.hadoop.LakeFSTokenKeys;
import io.lakefs.sts.hadoop.client.CredentialsServiceClient;
import io.lakefs.sts.protocol.Access;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.Test;

/** Reading the keys: defaults, per-bucket values as S3A hands them, and refusals that say what to fix. */
public class LakeFSTokenSettingsTest {
  private static Configuration conf(String... keysAndValues) {
    Configuration conf = new Configuration(false);
    for (int i = 0; i < keysAndValues.length; i += 2) {
      conf.set(keysAndValues[i], keysAndValues[i + 1]);
    }
    return conf;
  }

  @Test
  public void readsEndpointsKeyAndScope() throws Exception {
    LakeFSTokenSettings settings = LakeFSTokenSettings.from(conf(
        LakeFSTokenKeys.SERVICE_ENDPOINTS, "https://a.example.com:8765/, http://b.example.com:8765",
        LakeFSTokenKeys.ACCESS_KEY, "AKIAEXAMPLE", LakeFSTokenKeys.SECRET_KEY, "do-not-print-me",
        LakeFSTokenKeys.REPOSITORIES, "repo1, repo2", LakeFSTokenKeys.ACCESS, "WRITE"));

    assertEquals(List.of(URI.create("https://a.example.com:8765"), URI.create("http://b.example.com:8765")),
        settings.client().endpoints());
    assertEquals("AKIAEXAMPLE", settings.key().orElseThrow().accessKeyId());
    assertEquals(List.of("repo1", "repo2"), settings.repositories());
    assertEquals(Access.WRITE, settings.access().orElseThrow());
    assertEquals(Duration.ofSeconds(300), settings.refreshMargin());
    assertEquals(Duration.ofSeconds(600), settings.prefetch());
    assertFalse(settings.toString(), settings.toString().contains("do-not-print-me"));
  }

  @Test
  public void noEndpointIsFineUntilAClientIsNeeded() throws Exception {
    LakeFSTokenSettings settings = LakeFSTokenSettings.from(conf());

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new CredentialsServiceClient(settings.client()));
    assertTrue(e.getMessage(), e.getMessage().contains(LakeFSTokenKeys.SERVICE_ENDPOINTS));
  }

  @Test
  public void keyIdWithoutSecretIsRefusedNamingTheSecretKey() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LakeFSTokenSettings.from(conf(LakeFSTokenKeys.ACCESS_KEY, "AKIAEXAMPLE")));

    assertTrue(e.getMessage(), e.getMessage().contains(LakeFSTokenKeys.SECRET_KEY));
  }

  @Test
  public void prefetchMustComeBeforeTheMargin() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LakeFSTokenSettings.from(
        conf(LakeFSTokenKeys.REFRESH_MARGIN_SECONDS, "600", LakeFSTokenKeys.PREFETCH_SECONDS, "300")));

    assertTrue(e.getMessage(), e.getMessage().contains(LakeFSTokenKeys.PREFETCH_SECONDS));
  }

  @Test
  public void badAccessAndEndpointsSayWhatToFix() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> LakeFSTokenSettings.from(
        conf(LakeFSTokenKeys.ACCESS, "admin"))).getMessage().contains("read, write or gc"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> LakeFSTokenSettings.from(
        conf(LakeFSTokenKeys.SERVICE_ENDPOINTS, "ftp://x:1"))).getMessage().contains(
            LakeFSTokenKeys.SERVICE_ENDPOINTS));
  }

  @Test
  public void theLoginEndpointIsOptionalAndMustBeAnHttpUrl() throws Exception {
    assertFalse(LakeFSTokenSettings.from(conf()).loginEndpoint().isPresent());
    assertEquals(java.net.URI.create("https://lakefs.example.com/api/v1"), LakeFSTokenSettings.from(
        conf(LakeFSTokenKeys.LOGIN_ENDPOINT, "https://lakefs.example.com/api/v1/")).loginEndpoint().orElseThrow());
    for (String bad : new String[] {"lakefs.example.com/api/v1", "ftp://lakefs.example.com/api/v1", "http://[x"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> LakeFSTokenSettings.from(conf(LakeFSTokenKeys.LOGIN_ENDPOINT, bad)));
      assertTrue(e.getMessage(), e.getMessage().contains(LakeFSTokenKeys.LOGIN_ENDPOINT)
          && e.getMessage().contains("/api/v1"));
    }
  }
}
