package io.lakefs.sts.service;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * Callers with a valid key who start a request body and never finish it, on the service's default limits but a
 * shorter body deadline (so the test is short): more connections than the server has threads, half sending a
 * byte a second, half sending nothing after the headers. The health check still answers throughout, and a
 * trickling body is cut off at the deadline. Bounded: 250 loopback connections for about six seconds.
 */
public class SlowBodiesTest {
  private static final String ALICE_KEY = ServiceOnLoopback.ALICE_KEY;
  private static final String ALICE_SECRET = ServiceOnLoopback.ALICE_SECRET;
  private static final int CONNECTIONS = 250;
  private static final Duration HEALTH_WITHIN = Duration.ofSeconds(5);

  private static ServiceOnLoopback loopback;
  private static CredentialsService service;
  private static final HttpClient http = HttpClient.newBuilder().connectTimeout(HEALTH_WITHIN).build();

  @BeforeClass
  public static void startService() throws Exception {
    loopback = ServiceOnLoopback.start(ServiceOnLoopback.aliceInRepo1(),
        conf -> conf.set(ServiceKeys.HTTP_BODY_TIMEOUT_MILLIS, "3000"));
    service = loopback.service;
  }

  @AfterClass
  public static void stopService() throws Exception {
    if (loopback != null) {
      loopback.close();
    }
  }

  private static String basic(String key, String secret) {
    return "Basic " + Base64.getEncoder().encodeToString((key + ":" + secret).getBytes(StandardCharsets.UTF_8));
  }

  /** Headers of a credentials request announcing a 4 KiB JSON body, by a caller whose key is valid. */
  private static Socket startBody() throws IOException {
    Socket socket = new Socket(service.endpoint().getHost(), service.endpoint().getPort());
    socket.setSoTimeout((int) HEALTH_WITHIN.toMillis());
    String headers = "POST /api/v1/credentials HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: "
        + basic(ALICE_KEY, ALICE_SECRET) + "\r\nContent-Type: application/json\r\nContent-Length: 4096\r\n\r\n";
    socket.getOutputStream().write(headers.getBytes(StandardCharsets.ISO_8859_1));
    socket.getOutputStream().flush();
    return socket;
  }

  private static HttpResponse<String> health() throws Exception {
    return http.send(HttpRequest.newBuilder(service.endpoint().resolve("/health")).timeout(HEALTH_WITHIN).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Writes one byte; false once the service has closed the connection. */
  private static boolean trickle(Socket socket) {
    try {
      OutputStream out = socket.getOutputStream();
      out.write(' ');
      out.flush();
      return true;
    } catch (IOException closed) {
      return false;
    }
  }

  @Test
  public void healthAnswersWhileMoreSlowBodiesThanThreadsAreOpenAndTricklingBodiesAreCutOff() throws Exception {
    // Alice's key is checked with lakeFS once and then cached, as for any busy caller.
    assertEquals(501, http.send(HttpRequest.newBuilder(service.endpoint().resolve("/api/v1/credentials"))
        .header("Authorization", basic(ALICE_KEY, ALICE_SECRET)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"repositories\": [\"repo1\"]}")).build(),
        HttpResponse.BodyHandlers.ofString()).statusCode());
    List<Socket> silent = new ArrayList<>();
    List<Socket> trickling = new ArrayList<>();
    try {
      for (int i = 0; i < CONNECTIONS; i++) {
        Socket socket = startBody();
        (i % 2 == 0 ? silent : trickling).add(socket);
        trickle(socket);
      }
      for (int second = 0; second < 6; second++) {
        Thread.sleep(1000);
        trickling.forEach(SlowBodiesTest::trickle);
        if (second >= 2) {
          long start = System.nanoTime();
          HttpResponse<String> health = health();
          assertEquals(health.body(), 200, health.statusCode());
          assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(HEALTH_WITHIN) < 0);
        }
      }
      String cutOff = statusLine(trickling.get(0).getInputStream());
      assertTrue(cutOff, cutOff.startsWith("HTTP/1.1 408"));
    } finally {
      for (Socket socket : silent) {
        socket.close();
      }
      for (Socket socket : trickling) {
        socket.close();
      }
    }
  }

  private static String statusLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int c = in.read(); c != -1 && c != '\r'; c = in.read()) {
      line.append((char) c);
    }
    return line.toString();
  }
}
