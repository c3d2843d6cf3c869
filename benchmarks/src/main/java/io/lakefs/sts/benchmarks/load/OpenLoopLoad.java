package io.lakefs.sts.benchmarks.load;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Requests sent at a fixed rate, whatever the server's answers do (open loop, as {@code wrk2} sends): the schedule
 * is split over {@code connections} {@link Lanes}, each sending every {@code connections / rate} seconds, staggered
 * so that together they send evenly. A lane sends its next request once its scheduled time has come <em>and</em>
 * its previous answer has arrived, so at most {@code connections} requests are in flight and the client's HTTP/1.1
 * pool opens at most that many keep-alive connections (an idle one serves whichever lane sends next, so a server
 * that answers fast sees fewer). A lane whose answer comes late sends its next request as soon as it has it, and
 * every latency is measured from the time the request was <em>scheduled</em>, not sent: a stalled server is charged
 * for every request it delayed (no coordinated omission), which a closed loop (where clients wait, and so send less,
 * exactly when the server is slow) hides. Any answer that is not 200 stops the run, and so does a request that
 * fails or stays unanswered. One client of its own, with {@value #CLIENT_THREADS} threads for its exchanges.
 */
final class OpenLoopLoad implements AutoCloseable {
  private static final int CLIENT_THREADS = 2;

  private final ExecutorService clientThreads = Executors.newFixedThreadPool(CLIENT_THREADS);
  // HTTP/2 would multiplex lanes over fewer connections, and over cleartext the JDK would offer each an h2c upgrade.
  private final Lanes lanes = new Lanes(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .executor(clientThreads).build());

  /** @param requestsPerSecond what was achieved: below the rate asked when the server (or this client) fell behind */
  record Result(double requestsPerSecond, double p50Millis, double p99Millis, double p999Millis, double maxMillis) {
  }

  /** @param server names the server in a failure's message, e.g. "bare Jetty" */
  Result run(String server, HttpRequest request, double rate, int connections, Duration warmUp, Duration measured)
      throws Exception {
    long first = System.nanoTime() + 100_000_000L; // every lane scheduled before the first send is due
    long start = first + warmUp.toNanos();
    long end = start + measured.toNanos();
    long[] firstSends = new long[connections];
    for (int i = 0; i < connections; i++) {
      firstSends[i] = first + Math.round(i * 1e9 / rate);
    }
    Lanes.Latencies latencies = lanes.openLoop(server + " (" + request.uri() + ")", request, firstSends,
        Math.round(connections * 1e9 / rate), start, end);
    // Late requests still go out after the end: the rate achieved counts the time they took.
    double seconds = (Math.max(end, latencies.finishedNanos()) - start) / 1e9;
    return new Result(latencies.sortedNanos().length / seconds, latencies.millis(0.50), latencies.millis(0.99),
        latencies.millis(0.999), latencies.millis(1));
  }

  @Override
  public void close() {
    lanes.close();
    clientThreads.shutdownNow();
  }
}
