package io.lakefs.sts.reliability;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.lakefs.sts.hadoop.client.ClientSettings;
import io.lakefs.sts.hadoop.client.CredentialsServiceClient;
import io.lakefs.sts.hadoop.client.CredentialsServiceException;
import io.lakefs.sts.hadoop.client.LakeFSAccessKey;
import io.lakefs.sts.hadoop.client.ServiceAuth;
import io.lakefs.sts.protocol.Access;
import io.lakefs.sts.protocol.Secret;
import io.lakefs.sts.testsupport.CredentialsServiceProcess;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.Test;

/**
 * R2: STS throttles every second call (local-aws's deterministic 50%) while 1,000 clients (hadoop-tokens'
 * client, which honours Retry-After) ask the service for credentials at the same instant, spread over several
 * (user, scope) pairs: every client gets credentials, each pair gets exactly one successful AssumeRole (no
 * herd), and STS sees at most 2 calls per pair on average (one success per two calls at 50%).
 */
public class R2StsThrottlingTest {
  private static final int CLIENTS = 1_000;
  private static final Pattern SESSION = Pattern.compile(" session=(\\S+) outcome=(\\S+) ");

  @Test
  public void thousandConcurrentClientsUnderThrottlingMakeNoHerd() throws Exception {
    Scale scale = Scale.current();
    List<Users.User> users = Users.r2Users(scale.r2Scopes());
    try (Stack stack = Stack.start("r2", Optional.empty(), false)) {
      CredentialsServiceProcess service = stack.startService(0, Map.of());
      stack.aws().setStsFaults(Map.of("throttleFraction", "0.5"));
      int callsBefore = stack.stsCalls().size();

      ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
      CountDownLatch ready = new CountDownLatch(CLIENTS);
      Queue<String> failures = new ConcurrentLinkedQueue<>();
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Integer>> statuses = new ArrayList<>();
      long started;
      try {
        for (int i = 0; i < CLIENTS; i++) {
          Users.User user = users.get(i % users.size());
          statuses.add(pool.submit(() -> {
            ready.countDown();
            go.await();
            return askForCredentials(service.endpoint(), user, failures);
          }));
        }
        ready.await();
        started = System.nanoTime();
        go.countDown();
        for (Future<Integer> status : statuses) {
          status.get();
        }
      } finally {
        pool.shutdownNow();
      }
      long millis = (System.nanoTime() - started) / 1_000_000;

      Map<Integer, Long> byStatus = new TreeMap<>(statuses.stream().map(R2StsThrottlingTest::join)
          .collect(Collectors.groupingBy(Function.identity(), Collectors.counting())));
      List<String> all = stack.stsCalls();
      List<String> calls = all.subList(callsBefore, all.size());
      Map<String, Long> successesBySession = new TreeMap<>(calls.stream().map(SESSION::matcher)
          .filter(Matcher::find).filter(m -> m.group(2).equals("OK"))
          .collect(Collectors.groupingBy(m -> m.group(1), Collectors.counting())));
      long throttled = calls.stream().filter(line -> line.contains("outcome=Throttling")).count();
      long maxSuccesses = successesBySession.values().stream().mapToLong(Long::longValue).max().orElse(0);
      double callsPerPair = (double) calls.size() / users.size();
      // The deterministic throttle alternates, so one odd call more than twice the successes is its rounding.
      long maxCalls = 2L * users.size() + 1;
      long retryLater = service.output().lines().filter(line -> line.contains("\"status\":503")).count();
      boolean held = byStatus.equals(Map.of(200, (long) CLIENTS)) && successesBySession.size() == users.size()
          && maxSuccesses == 1 && calls.size() <= maxCalls;
      Figures.record("R2", "STS throttles 50% of calls; " + CLIENTS + " concurrent clients over " + users.size()
          + " (user, scope) pairs", "every client gets credentials; 1 successful AssumeRole per pair; ≤ 2 STS"
          + " calls per pair on average", "clients " + byStatus + " in " + millis + " ms (" + retryLater
          + " answers were 503 with Retry-After, then retried); " + calls.size() + " STS calls (" + throttled
          + " throttled) = " + String.format("%.2f", callsPerPair) + " per pair; most successful AssumeRoles for"
          + " one pair: " + maxSuccesses, held);
      assertEquals("statuses the clients got (first failures: " + failures.stream().limit(3).toList() + ")",
          Map.of(200, (long) CLIENTS), byStatus);
      assertEquals("pairs that got credentials from STS: " + successesBySession, users.size(),
          successesBySession.size());
      assertEquals("successful AssumeRoles per pair (a herd makes more): " + successesBySession, 1, maxSuccesses);
      assertTrue(calls.size() + " STS calls for " + users.size() + " pairs", calls.size() <= maxCalls);
    }
  }

  /**
   * One client as hadoop-tokens makes it (the one S3A and the Spark integration use): it honours a 503's
   * Retry-After and retries. Returns 200 once it has credentials, else the status of its last refusal.
   */
  private static int askForCredentials(URI endpoint, Users.User user, Queue<String> failures) {
    CredentialsServiceClient client = new CredentialsServiceClient(new ClientSettings(List.of(endpoint),
        Duration.ofSeconds(30), Duration.ofSeconds(120), 4, Duration.ofMillis(500), Duration.ofSeconds(10)));
    try {
      client.getCredentials(ServiceAuth.lakeFSKey(new LakeFSAccessKey(user.accessKeyId(), Secret.of(
          user.secret()))), List.of(user.repository()), Access.READ);
      return 200;
    } catch (CredentialsServiceException e) {
      failures.add(e.getMessage());
      return e.status();
    } catch (IOException e) {
      failures.add(e.toString());
      return -1;
    }
  }

  private static int join(Future<Integer> status) {
    try {
      return status.get();
    } catch (Exception e) {
      return -1;
    }
  }
}
