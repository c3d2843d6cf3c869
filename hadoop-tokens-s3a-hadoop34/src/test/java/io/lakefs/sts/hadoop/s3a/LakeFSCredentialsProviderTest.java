package io.lakefs.sts.hadoop.s3a;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.lakefs.sts.hadoop.LakeFSTokenKeys;
import io.lakefs.sts.hadoop.ServiceFixture;
import io.lakefs.sts.hadoop.refresh.RefreshingCredentials;
import io.lakefs.sts.hadoop.refresh.StsCredentialsFetcher;
import io.lakefs.sts.hadoop.token.LakeFSTokenIdentifier;
import io.lakefs.sts.hadoop.token.LakeFSTokenIssuer;
import io.lakefs.sts.hadoop.token.LakeFSTokenSettings;
import io.lakefs.sts.hadoop.token.LakeFSTokens;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.security.Credentials;
import org.apache.hadoop.security.UserGroupInformation;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * The provider on its own, with a slow STS behind the service: while fresh credentials are being fetched in
 * the background, callers on several threads get the current ones at once, and only one fetch is made.
 */
public class LakeFSCredentialsProviderTest {
  private static ServiceFixture fixture;

  @BeforeClass
  public static void start() throws Exception {
    UserGroupInformation.reset();
    Configuration simple = new Configuration(false);
    simple.set("hadoop.security.authentication", "simple");
    UserGroupInformation.setConfiguration(simple);
    fixture = ServiceFixture.start(Duration.ofSeconds(15), conf -> { });
  }

  @AfterClass
  public static void stop() throws Exception {
    if (fixture != null) {
      fixture.close();
    }
    UserGroupInformation.reset();
  }

  @Test
  public void prefetchesInTheBackgroundWithoutBlockingCallersAndFetchesOnce() throws Exception {
    Configuration conf = BindingConfs.driver(fixture);
    conf.set(LakeFSTokenKeys.REFRESH_MARGIN_SECONDS, "2");
    conf.set(LakeFSTokenKeys.PREFETCH_SECONDS, "9");
    LakeFSTokenIdentifier token = LakeFSTokens.decode(new LakeFSTokenIssuer(conf).getDelegationToken("alice"))
        .orElseThrow();
    String embedded = token.getCredentials().orElseThrow().accessKeyId();
    Instant prefetchAt = Instant.ofEpochMilli(token.getCredentials().orElseThrow().expirationEpochMillis())
        .minusSeconds(9);
    LakeFSCredentialsProvider provider = provider(conf, token, Clock.systemUTC());
    ExecutorService callers = Executors.newFixedThreadPool(4);
    try {
      assertEquals(embedded, provider.resolveCredentials().accessKeyId());
      fixture.aws().setStsFaults(Map.of("delayMillis", "3000"));
      Thread.sleep(Math.max(0, Duration.between(Instant.now(), prefetchAt).toMillis()) + 200);

      // Four threads ask for credentials for 2.5 s while the fetch waits 3 s on STS.
      Map<String, Boolean> seen = new ConcurrentHashMap<>();
      List<Future<Long>> slowest = new ArrayList<>();
      long end = System.nanoTime() + Duration.ofMillis(2500).toNanos();
      for (int t = 0; t < 4; t++) {
        slowest.add(callers.submit(() -> {
          long max = 0;
          while (System.nanoTime() < end) {
            long start = System.nanoTime();
            seen.put(provider.resolveCredentials().accessKeyId(), true);
            max = Math.max(max, System.nanoTime() - start);
            Thread.sleep(20);
          }
          return max;
        }));
      }
      for (Future<Long> f : slowest) {
        assertTrue("a caller waited " + Duration.ofNanos(f.get()).toMillis() + " ms",
            f.get() < Duration.ofMillis(500).toNanos());
      }
      assertEquals(Set.of(embedded), seen.keySet());

      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (provider.resolveCredentials().accessKeyId().equals(embedded) && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertTrue("fresh credentials arrived", !provider.resolveCredentials().accessKeyId().equals(embedded));
      assertEquals(1, provider.serviceFetches());
    } finally {
      callers.shutdownNow();
      provider.close();
      fixture.aws().setStsFaults(Map.of("delayMillis", "0"));
    }
  }

  @Test
  public void openedLateInTheEmbeddedCredentialsLifeWhileTheServiceCannotAnswerUsesThemUntilStale()
      throws Exception {
    Configuration conf = BindingConfs.driver(fixture);
    conf.set(LakeFSTokenKeys.REFRESH_MARGIN_SECONDS, "2");
    conf.set(LakeFSTokenKeys.PREFETCH_SECONDS, "12");
    LakeFSTokenIdentifier token = LakeFSTokens.decode(new LakeFSTokenIssuer(conf).getDelegationToken("alice"))
        .orElseThrow();
    Instant expiry = Instant.ofEpochMilli(token.getCredentials().orElseThrow().expirationEpochMillis());
    // An executor whose filesystem opens 8 s before the embedded credentials go stale: past their prefetch time.
    Clock late = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), expiry.minusSeconds(10)));
    LakeFSCredentialsProvider provider = provider(conf, token, late);
    fixture.aws().setStsFaults(Map.of("down", "true"));
    try {
      assertEquals(token.getCredentials().orElseThrow().accessKeyId(), provider.resolveCredentials().accessKeyId());
      assertEquals(0, provider.serviceFetches());
    } finally {
      provider.close();
      fixture.aws().setStsFaults(Map.of("down", "false"));
    }
  }

  /** The provider S3A would get for a filesystem bound to {@code token}, whose owner holds no other token. */
  private static LakeFSCredentialsProvider provider(Configuration conf, LakeFSTokenIdentifier token, Clock clock)
      throws IOException {
    return new LakeFSCredentialsProvider(new RefreshingCredentials(new StsCredentialsFetcher(
        LakeFSTokenSettings.from(conf), Credentials::new, Set.of(new Text("s3a://unused")), Optional.of(token), clock),
        clock));
  }
}
