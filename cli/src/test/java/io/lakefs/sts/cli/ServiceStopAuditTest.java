package io.lakefs.sts.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The service's audit lines are written off the request path, so SIGTERM under load must still leave one
 * {@code credentials.issued} line for every credential a caller received: the service drains its audit queue
 * before it exits.
 */
public class ServiceStopAuditTest {
  private static final int CLIENTS = 8;
  private static final String ISSUED = "\"event\":\"credentials.issued\",\"user\":\"alice\"";

  @Rule
  public final TemporaryFolder dir = new TemporaryFolder();

  @Test
  public void sigtermUnderLoadLosesNoAuditLine() throws Exception {
    CliFixture fixture = CliFixture.start(dir.getRoot().toPath(), Duration.ofMinutes(15));
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    try {
      HttpRequest request = HttpRequest.newBuilder(fixture.service.endpoint().resolve("/api/v1/credentials"))
          .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
              (CliFixture.ALICE_KEY + ":" + CliFixture.ALICE_SECRET).getBytes(StandardCharsets.UTF_8)))
          .header("Content-Type", "application/json")
          .timeout(Duration.ofSeconds(30))
          .POST(HttpRequest.BodyPublishers.ofString("{\"repositories\": [\"" + CliFixture.REPO + "\"]}"))
          .build();
      AtomicInteger granted = new AtomicInteger();
      AtomicBoolean stopping = new AtomicBoolean();
      AtomicInteger grantedWhileStopping = new AtomicInteger();
      AtomicInteger emptyAnswers = new AtomicInteger();
      List<Future<?>> running = new ArrayList<>();
      for (int i = 0; i < CLIENTS; i++) {
        running.add(clients.submit(() -> {
          HttpClient http = HttpClient.newHttpClient();
          while (true) {
            try {
              HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
              if (answer.statusCode() == 200) {
                if (!answer.body().contains("\"session_token\"")) {
                  emptyAnswers.incrementAndGet();
                }
                granted.incrementAndGet();
                if (stopping.get()) {
                  grantedWhileStopping.incrementAndGet();
                }
              }
            } catch (java.io.IOException refusedOnceStopped) {
              return null;
            }
          }
        }));
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (granted.get() < 200 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      stopping.set(true);
      int status = fixture.service.stop();
      for (Future<?> client : running) {
        client.get(60, TimeUnit.SECONDS);
      }

      assertEquals(fixture.service.output(), 0, status);
      assertEquals("200s without credentials (an async dispatch Jetty left unhandled while stopping)", 0,
          emptyAnswers.get());
      assertTrue("the load never got going: " + granted.get() + " credentials", granted.get() >= 200);
      String output = fixture.service.output();
      int lines = output.split(java.util.regex.Pattern.quote(ISSUED), -1).length - 1;
      assertTrue(lines + " audit lines for " + granted.get() + " credentials issued (" + grantedWhileStopping.get()
          + " during the stop)", lines >= granted.get());
    } finally {
      clients.shutdownNow();
      fixture.close();
    }
  }
}
