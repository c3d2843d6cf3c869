package io.lakefs.sts.benchmarks.load;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;

/**
 * Requests sent at a fixed rate, whatever the server's answers do (open loop, as {@code wrk2} sends): the schedule
 * is split over {@code connections} senders, each with an HTTP client (so a keep-alive connection) of its own and
 * sending every {@code connections / rate} seconds, staggered so that together they send evenly; the server holds
 * that many connections, each carrying its share. A sender whose answer comes late sends its next request as soon
 * as it can, and every latency is measured from the time the request was <em>scheduled</em>, not sent: a stalled
 * server is charged for every request it delayed (no coordinated omission), which a closed loop (where clients
 * wait, and so send less, exactly when the server is slow) hides. Any answer that is not 200 stops the run.
 */
final class OpenLoopLoad {
  private final Executor clientThreads;

  /** @param clientThreads the threads every sender's HTTP client shares */
  OpenLoopLoad(Executor clientThreads) {
    this.clientThreads = clientThreads;
  }

  /** @param requestsPerSecond what was achieved: below the rate asked when the server (or this client) fell behind */
  record Result(double requestsPerSecond, double p50Millis, double p99Millis, double p999Millis, double maxMillis) {
  }

  Result run(HttpRequest request, double rate, int connections, Duration warmUp, Duration measured)
      throws Exception {
    ExecutorService senders = Executors.newFixedThreadPool(connections);
    try {
      List<HttpClient> clients = new ArrayList<>();
      for (int i = 0; i < connections; i++) {
        clients.add(HttpClient.newBuilder().executor(clientThreads).build());
      }
      long intervalNanos = Math.round(connections * 1e9 / rate);
      long first = System.nanoTime() + 100_000_000L; // every sender started before the first send is due
      long start = first + warmUp.toNanos();
      long end = start + measured.toNanos();
      List<Future<long[]>> running = new ArrayList<>();
      for (int i = 0; i < connections; i++) {
        long firstSend = first + Math.round(i * 1e9 / rate);
        HttpClient http = clients.get(i);
        running.add(senders.submit(() -> oneSender(http, request, firstSend, intervalNanos, start, end)));
      }
      List<long[]> perSender = new ArrayList<>();
      for (Future<long[]> sender : running) {
        perSender.add(sender.get());
      }
      // Late requests still go out after the end: the rate achieved counts the time they took.
      double seconds = (Math.max(end, System.nanoTime()) - start) / 1e9;
      long[] all = perSender.stream().flatMapToLong(Arrays::stream).sorted().toArray();
      return new Result(all.length / seconds, ClosedLoopLoad.percentile(all, 0.50),
          ClosedLoopLoad.percentile(all, 0.99), ClosedLoopLoad.percentile(all, 0.999),
          all.length == 0 ? Double.NaN : all[all.length - 1] / 1e6);
    } finally {
      senders.shutdownNow();
    }
  }

  /** Latencies (ns, from the scheduled send) of this sender's requests scheduled within the measured period. */
  private static long[] oneSender(HttpClient http, HttpRequest request, long firstSend, long intervalNanos,
      long start, long end) throws Exception {
    long[] latencies = new long[1024];
    int count = 0;
    for (long scheduled = firstSend; scheduled < end; scheduled += intervalNanos) {
      for (long wait = scheduled - System.nanoTime(); wait > 0; wait = scheduled - System.nanoTime()) {
        LockSupport.parkNanos(wait);
      }
      HttpResponse<byte[]> answer = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      long took = System.nanoTime() - scheduled;
      if (answer.statusCode() != 200) {
        throw new IllegalStateException(request.uri() + " answered " + answer.statusCode() + ": "
            + new String(answer.body(), StandardCharsets.UTF_8));
      }
      if (scheduled >= start) {
        if (count == latencies.length) {
          latencies = Arrays.copyOf(latencies, count * 2);
        }
        latencies[count++] = took;
      }
    }
    return Arrays.copyOf(latencies, count);
  }
}
