package io.lakefs.sts.benchmarks.load;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import org.junit.After;
import org.junit.Test;

/** The open and the closed loop ({@link OpenLoopLoad}, {@link ClosedLoopLoad}), both made of {@link Lanes}. */
public class LanesTest {
  private static final int LANES = 8;
  private final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
  private HttpServer server;
  private Duration serverDelay = Duration.ZERO;

  @After
  public void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  public void sendsAtTheRateAskedOverAtMostOneConnectionPerLane() throws Exception {
    URI uri = serve(200, "{}");
    try (OpenLoopLoad load = new OpenLoopLoad()) {
      OpenLoopLoad.Result result = load.run("test server", HttpRequest.newBuilder(uri).build(), 400, LANES,
          Duration.ofSeconds(1), Duration.ofSeconds(1));
      // Late answers stretch the measured second; a cold JVM on a busy machine is late by tens of ms.
      assertEquals(400, result.requestsPerSecond(), 80);
      assertTrue(result + " has its percentiles in order", result.p50Millis() > 0
          && result.p50Millis() <= result.p99Millis() && result.p99Millis() <= result.p999Millis()
          && result.p999Millis() <= result.maxMillis());
    }
    assertTrue(clientPorts.size() + " connections for " + LANES + " lanes", clientPorts.size() <= LANES);
  }

  @Test
  public void aClosedLoopSendsAgainOnlyOnceAnswered() throws Exception {
    serverDelay = Duration.ofMillis(10);
    URI uri = serve(200, "{}");
    ClosedLoopLoad.Result result = new ClosedLoopLoad(HttpClient.newHttpClient()).run(HttpRequest.newBuilder(uri)
        .build(), 4, Duration.ofMillis(500), Duration.ofSeconds(1));
    // 4 clients answered after 10 ms each: at most 400 in the second, and not far below it.
    assertTrue(result.toString(), result.requests() > 200 && result.requests() <= 400);
    assertTrue(result.toString(), result.p50Millis() >= 10);
    assertTrue(clientPorts.size() + " connections for 4 clients", clientPorts.size() <= 4);
  }

  @Test
  public void aRefusalStopsTheRunWithTheServerItsStatusAndBody() throws Exception {
    URI uri = serve(503, "{\"message\": \"slow down\"}");
    try (OpenLoopLoad load = new OpenLoopLoad()) {
      Exception refused = assertThrows(IllegalStateException.class, () -> load.run("test server",
          HttpRequest.newBuilder(uri).build(), 100, LANES, Duration.ZERO, Duration.ofSeconds(1)));
      assertEquals("test server (" + uri + ") answered 503: {\"message\": \"slow down\"}", refused.getMessage());
    }
  }

  @Test
  public void aServerThatIsGoneStopsTheRunSayingWhichAndWhy() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    URI uri = URI.create("http://127.0.0.1:" + closedPort + "/");
    try (OpenLoopLoad load = new OpenLoopLoad()) {
      Exception failed = assertThrows(IllegalStateException.class, () -> load.run("test server",
          HttpRequest.newBuilder(uri).build(), 100, LANES, Duration.ZERO, Duration.ofSeconds(1)));
      assertTrue(failed.getMessage(), failed.getMessage().startsWith("a request to test server (" + uri
          + ") failed: java.net.ConnectException"));
    }
  }

  /** A loopback server answering every request {@code status} and {@code body}, noting each connection's port. */
  private URI serve(int status, String body) throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    server.createContext("/", exchange -> {
      clientPorts.add(exchange.getRemoteAddress().getPort());
      exchange.getRequestBody().readAllBytes();
      try {
        Thread.sleep(serverDelay.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.sendResponseHeaders(status, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
    server.setExecutor(Executors.newFixedThreadPool(LANES));
    server.start();
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }
}
