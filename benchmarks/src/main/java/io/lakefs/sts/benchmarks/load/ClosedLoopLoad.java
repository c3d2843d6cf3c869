package io.lakefs.sts.benchmarks.load;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;

/**
 * {@code clients} callers ({@link Lanes} of one HTTP client), each sending the request again as soon as the answer
 * is read, for a warm-up and then a measured period; the answer is throughput and latency percentiles of the
 * measured period, and any answer that was not 200 stops the run (a load of refusals measures nothing).
 */
final class ClosedLoopLoad {
  private final Lanes lanes;

  ClosedLoopLoad(HttpClient http) {
    this.lanes = new Lanes(http);
  }

  record Result(double requestsPerSecond, double p50Millis, double p99Millis, long requests) {
  }

  Result run(HttpRequest request, int clients, Duration warmUp, Duration measured) throws Exception {
    long start = System.nanoTime() + warmUp.toNanos();
    Lanes.Latencies latencies = lanes.closedLoop(request.uri().toString(), request, clients, start,
        start + measured.toNanos());
    long requests = latencies.sortedNanos().length;
    return new Result(requests / (measured.toNanos() / 1e9), latencies.millis(0.50), latencies.millis(0.99),
        requests);
  }
}
