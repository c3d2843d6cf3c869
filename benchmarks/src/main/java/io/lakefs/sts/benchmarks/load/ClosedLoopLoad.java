package io.lakefs.sts.benchmarks.load;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code clients} callers, each sending the request again as soon as the answer is read, for a warm-up and then a
 * measured period; the answer is throughput and latency percentiles of the measured period, and any answer that
 * was not 200 stops the run (a load of refusals measures nothing).
 */
final class ClosedLoopLoad {
  private final HttpClient http;

  ClosedLoopLoad(HttpClient http) {
    this.http = http;
  }

  record Result(double requestsPerSecond, double p50Millis, double p99Millis, long requests) {
  }

  Result run(HttpRequest request, int clients, Duration warmUp, Duration measured) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      long start = System.nanoTime() + warmUp.toNanos();
      long end = start + measured.toNanos();
      List<Future<long[]>> running = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        running.add(pool.submit(() -> oneClient(request, start, end)));
      }
      List<long[]> perClient = new ArrayList<>();
      for (Future<long[]> client : running) {
        perClient.add(client.get());
      }
      long[] all = perClient.stream().flatMapToLong(Arrays::stream).sorted().toArray();
      return new Result(all.length / (measured.toNanos() / 1e9), percentile(all, 0.50), percentile(all, 0.99),
          all.length);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Latencies (ns) of the requests this client started within the measured period. */
  private long[] oneClient(HttpRequest request, long start, long end) throws Exception {
    long[] latencies = new long[1024];
    int count = 0;
    for (long now = System.nanoTime(); now < end; now = System.nanoTime()) {
      HttpResponse<byte[]> answer = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      long took = System.nanoTime() - now;
      if (answer.statusCode() != 200) {
        throw new IllegalStateException(request.uri() + " answered " + answer.statusCode() + ": "
            + new String(answer.body(), java.nio.charset.StandardCharsets.UTF_8));
      }
      if (now >= start) {
        if (count == latencies.length) {
          latencies = Arrays.copyOf(latencies, count * 2);
        }
        latencies[count++] = took;
      }
    }
    return Arrays.copyOf(latencies, count);
  }

  /** The latency (ms) below which {@code fraction} of the {@code sorted} latencies (ns) fall. */
  static double percentile(long[] sorted, double fraction) {
    return sorted.length == 0 ? Double.NaN : sorted[(int) Math.min(sorted.length - 1, sorted.length * fraction)] / 1e6;
  }
}
