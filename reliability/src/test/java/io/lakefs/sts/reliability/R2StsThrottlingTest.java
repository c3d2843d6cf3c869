package io.lakefs.sts.reliability;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.lakefs.sts.testsupport.CredentialsServiceProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
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
 * R2: STS throttles every second call (local-aws's deterministic 50%) while 1,000 clients ask the service for
 * credentials at the same instant, spread over several (user, scope) pairs: every client gets credentials,
 * each pair gets exactly one successful AssumeRole (no herd), and STS sees at most 2 calls per pair.
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
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Integer>> statuses = new ArrayList<>();
      long started;
      try {
        for (int i = 0; i < CLIENTS; i++) {
          Users.User user = users.get(i % users.size());
          statuses.add(pool.submit(() -> {
            ready.countDown();
            go.await();
            return askForCredentials(service.endpoint(), user);
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
      boolean held = byStatus.equals(Map.of(200, (long) CLIENTS)) && successesBySession.size() == users.size()
          && maxSuccesses == 1 && calls.size() <= 2 * users.size();
      Figures.record("R2", "STS throttles 50% of calls; " + CLIENTS + " concurrent clients over " + users.size()
          + " (user, scope) pairs", "every client answered; 1 successful AssumeRole and ≤ 2 STS calls per pair",
          "answers " + byStatus + " in " + millis + " ms; " + calls.size() + " STS calls (" + throttled
          + " throttled) = " + String.format("%.2f", callsPerPair) + " per pair; most successful AssumeRoles for"
          + " one pair: " + maxSuccesses, held);
      assertEquals("statuses the clients got", Map.of(200, (long) CLIENTS), byStatus);
      assertEquals("pairs that got credentials from STS: " + successesBySession, users.size(),
          successesBySession.size());
      assertEquals("successful AssumeRoles per pair (a herd makes more): " + successesBySession, 1, maxSuccesses);
      assertTrue(calls.size() + " STS calls for " + users.size() + " pairs", calls.size() <= 2 * users.size());
    }
  }

  private static int askForCredentials(URI endpoint, Users.User user) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) endpoint.resolve("/api/v1/credentials").toURL()
        .openConnection();
    connection.setConnectTimeout(30_000);
    connection.setReadTimeout(120_000);
    connection.setRequestMethod("POST");
    connection.setDoOutput(true);
    connection.setRequestProperty("Authorization", "Basic " + Base64.getEncoder().encodeToString(
        (user.accessKeyId() + ":" + user.secret()).getBytes(StandardCharsets.UTF_8)));
    connection.setRequestProperty("Content-Type", "application/json");
    try (OutputStream out = connection.getOutputStream()) {
      out.write(("{\"repositories\":[\"" + user.repository() + "\"],\"access\":\"read\"}")
          .getBytes(StandardCharsets.UTF_8));
    }
    int status = connection.getResponseCode();
    try (InputStream in = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
      if (in != null) {
        in.readAllBytes();
      }
    }
    return status;
  }

  private static int join(Future<Integer> status) {
    try {
      return status.get();
    } catch (Exception e) {
      return -1;
    }
  }
}
