package io.lakefs.sts.service;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakefs.sts.testsupport.Closeables;
import io.lakefs.sts.testsupport.LocalAwsProcess;
import io.lakefs.sts.testsupport.lakefs.LakeFSStandIn;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * Requests waiting on slow AssumeRole calls hold none of the server's threads, whether a herd of one user's
 * requests shares one call or many users each need their own: the service runs with fewer threads than there are
 * such requests, so waits that blocked a thread each would leave none for {@code /health} nor for another user
 * until STS answered. Real HTTP on loopback, local-aws's STS slowed.
 */
public class SlowStsHerdTest {
  private static final int HERD = 120;
  private static final int THREADS = 16;
  private static final Duration STS_DELAY = Duration.ofSeconds(5);
  private static final Duration ANSWERS_WITHIN = Duration.ofSeconds(1);
  private static final String ALICE = basic(ServiceOnLoopback.ALICE_KEY, ServiceOnLoopback.ALICE_SECRET);
  private static final String BOB = basic("AKIAIOSFODNN7BOB0001", "bob-secret-for-loopback-tests-00001");
  private static final ObjectMapper JSON = new ObjectMapper();
  /** More users, each needing an AssumeRole of its own, than the server has threads (all calls at once). */
  private static final int COLD_USERS = 24;

  private static LakeFSStandIn lakeFS;
  private static LocalAwsProcess aws;
  private static CredentialsService service;
  private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  @BeforeClass
  public static void startEverything() throws Exception {
    LakeFSStandIn.Builder users = ServiceOnLoopback.aliceInRepo1()
        .user("bob", "AKIAIOSFODNN7BOB0001", "bob-secret-for-loopback-tests-00001")
        .grant("bob", ServiceOnLoopback.REPOSITORY);
    for (int i = 0; i < COLD_USERS; i++) {
      users.user("user" + i, coldUserKey(i), coldUserSecret(i)).grant("user" + i, ServiceOnLoopback.REPOSITORY);
    }
    lakeFS = users.start();
    aws = LocalAwsProcess.builder().start();
    Configuration conf = LoopbackServers.serviceConfiguration(lakeFS, aws);
    conf.set(ServiceKeys.HTTP_MAX_THREADS, Integer.toString(THREADS));
    service = CredentialsService.start(ServiceConfig.from(conf), Clock.systemUTC());
  }

  @AfterClass
  public static void stopEverything() throws Exception {
    Closeables.closeAll(service, aws, lakeFS);
  }

  @Test
  public void healthAndAnotherUserAnswerWithinMillisecondsWhileAHerdWaitsForOneSlowAssumeRole() throws Exception {
    // Bob's credentials are cached, and lakeFS already knows both keys and alice's repository (her write
    // credentials), as on any busy service; alice's read credentials are not, so her herd needs STS.
    assertEquals(200, credentials(BOB, "write").join().statusCode());
    assertEquals(200, credentials(ALICE, "write").join().statusCode());
    double issuedBefore = metric("lakefs_sts_sts_credentials_issued_total");
    double sharedBefore = metric("lakefs_sts_sts_shared_calls_total");
    aws.setStsFaults(Map.of("delayMillis", Long.toString(STS_DELAY.toMillis())));
    try {
      long herdStart = System.nanoTime();
      List<CompletableFuture<HttpResponse<String>>> herd = new ArrayList<>();
      for (int i = 0; i < HERD; i++) {
        herd.add(credentials(ALICE, "read"));
      }
      awaitMetric("lakefs_sts_sts_shared_calls_total", sharedBefore + HERD - 1);

      assertHealthAndBobAnswerWhileWaiting(herd);

      Set<String> keyIds = new HashSet<>();
      for (CompletableFuture<HttpResponse<String>> request : herd) {
        HttpResponse<String> answer = request.get(30, TimeUnit.SECONDS);
        assertEquals(answer.body(), 200, answer.statusCode());
        keyIds.add(JSON.readTree(answer.body()).get("access_key_id").asText());
      }
      assertTrue("the herd was answered after STS's delay", since(herdStart).compareTo(STS_DELAY) >= 0);
      assertEquals("one set of credentials for the whole herd", 1, keyIds.size());
      assertEquals("one AssumeRole for the whole herd", issuedBefore + 1,
          metric("lakefs_sts_sts_credentials_issued_total"), 0);
    } finally {
      aws.resetStsFaults();
    }
  }

  @Test
  public void healthAnswersWithinMillisecondsWhileManyUsersWaitForTheirOwnSlowAssumeRole() throws Exception {
    assertEquals(200, credentials(BOB, "write").join().statusCode());
    double issuedBefore = metric("lakefs_sts_sts_credentials_issued_total");
    aws.setStsFaults(Map.of("delayMillis", Long.toString(STS_DELAY.toMillis())));
    try {
      List<CompletableFuture<HttpResponse<String>>> cold = new ArrayList<>();
      for (int i = 0; i < COLD_USERS; i++) {
        cold.add(credentials(basic(coldUserKey(i), coldUserSecret(i)), "read"));
      }
      Thread.sleep(STS_DELAY.toMillis() / 5); // every cold request past lakeFS, its AssumeRole started or queued

      assertHealthAndBobAnswerWhileWaiting(cold);
      for (CompletableFuture<HttpResponse<String>> request : cold) {
        HttpResponse<String> answer = request.get(60, TimeUnit.SECONDS);
        assertEquals(answer.body(), 200, answer.statusCode());
      }
      assertEquals("one AssumeRole per cold user", issuedBefore + COLD_USERS,
          metric("lakefs_sts_sts_credentials_issued_total"), 0);
    } finally {
      aws.resetStsFaults();
    }
  }

  /** {@code /health} and bob's cached credentials answer within milliseconds, before any of {@code waiting}. */
  private static void assertHealthAndBobAnswerWhileWaiting(List<CompletableFuture<HttpResponse<String>>> waiting)
      throws Exception {
    long healthStart = System.nanoTime();
    HttpResponse<String> health = http.send(HttpRequest.newBuilder(service.endpoint().resolve("/health"))
        .timeout(STS_DELAY).build(), HttpResponse.BodyHandlers.ofString());
    Duration healthTook = since(healthStart);
    long bobStart = System.nanoTime();
    HttpResponse<String> bob = credentials(BOB, "write").get(STS_DELAY.toMillis(), TimeUnit.MILLISECONDS);
    Duration bobTook = since(bobStart);
    boolean stillWaiting = waiting.stream().noneMatch(CompletableFuture::isDone);

    assertEquals(200, health.statusCode());
    assertEquals(bob.body(), 200, bob.statusCode());
    assertTrue("health took " + healthTook.toMillis() + " ms", healthTook.compareTo(ANSWERS_WITHIN) < 0);
    assertTrue("bob took " + bobTook.toMillis() + " ms", bobTook.compareTo(ANSWERS_WITHIN) < 0);
    assertTrue("health and bob answered before the slow AssumeRole returned", stillWaiting);
  }

  private static String coldUserKey(int user) {
    return String.format(Locale.ROOT, "AKIACOLDUSER%08d", user);
  }

  private static String coldUserSecret(int user) {
    return "cold-user-secret-for-loopback-tests-" + user;
  }

  private static CompletableFuture<HttpResponse<String>> credentials(String authorization, String access) {
    return http.sendAsync(HttpRequest.newBuilder(service.endpoint().resolve("/api/v1/credentials"))
        .header("Authorization", authorization).header("Content-Type", "application/json")
        .timeout(Duration.ofSeconds(30))
        .POST(HttpRequest.BodyPublishers.ofString("{\"repositories\": [\"" + ServiceOnLoopback.REPOSITORY
            + "\"], \"access\": \"" + access + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static double metric(String name) throws Exception {
    String text = http.send(HttpRequest.newBuilder(service.endpoint().resolve("/metrics")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    Matcher value = Pattern.compile("(?m)^" + name + " (\\S+)$").matcher(text);
    return value.find() ? Double.parseDouble(value.group(1)) : 0;
  }

  /** Until every request of the herd but the one calling STS waits on that call (bounded: STS answers first). */
  private static void awaitMetric(String name, double atLeast) throws Exception {
    long deadline = System.nanoTime() + STS_DELAY.toNanos() / 2;
    double value;
    while ((value = metric(name)) < atLeast) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(name + " is " + value + ", not " + atLeast + ", " + STS_DELAY.toMillis() / 2
            + " ms after the herd was sent");
      }
      Thread.sleep(20);
    }
  }

  private static Duration since(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  private static String basic(String key, String secret) {
    return "Basic " + Base64.getEncoder().encodeToString((key + ":" + secret).getBytes(StandardCharsets.UTF_8));
  }
}
