package io.lakefs.sts.benchmarks.load;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Requests sent at a fixed rate, whatever the server's answers do (open loop, as {@code wrk2} sends): the schedule
 * is split over {@code connections} lanes, each sending every {@code connections / rate} seconds, staggered so that
 * together they send evenly. A lane sends its next request once its scheduled time has come <em>and</em> its
 * previous answer has arrived, so at most {@code connections} requests are in flight and the client's HTTP/1.1 pool
 * opens at most that many keep-alive connections (an idle one serves whichever lane sends next, so a server that
 * answers fast sees fewer). A lane whose answer comes late sends its next request as soon as it has it, and every
 * latency is measured from the time the request was <em>scheduled</em>, not sent: a stalled server is charged for
 * every request it delayed (no coordinated omission), which a closed loop (where clients wait, and so send less,
 * exactly when the server is slow) hides. Any answer that is not 200 stops the run, and so does a request that fails
 * or is still unanswered {@link #STRAGGLERS} after the schedule's end.
 *
 * <p>The client is kept light so that it measures the servers, which share its cores, and not itself (a selector
 * thread and a blocked sender per connection made over 500 threads for 256): every lane goes through one HTTP/1.1
 * client ({@code sendAsync}: one selector thread, {@value #CLIENT_THREADS} threads for its exchanges), woken by one
 * timer thread, and records into an array allocated before the run. {@code sendAsync} completes every answer on
 * {@code CompletableFuture}'s default executor, which on fewer than 3 processors starts a thread per task (thousands
 * a second) unless the common pool may run 2 threads or more: {@code benchmarks/run-load} starts this JVM with
 * {@value #COMMON_POOL_PARALLELISM}{@code =2}.
 */
final class OpenLoopLoad implements AutoCloseable {
  private static final int CLIENT_THREADS = 2;
  private static final Duration STRAGGLERS = Duration.ofSeconds(60);
  private static final String COMMON_POOL_PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";

  private final ExecutorService clientThreads;
  private final ScheduledExecutorService timer;
  private final HttpClient http;

  OpenLoopLoad() {
    if (ForkJoinPool.getCommonPoolParallelism() < 2) {
      throw new IllegalStateException("the common pool runs " + ForkJoinPool.getCommonPoolParallelism()
          + " thread, so every answer would start a thread of its own; run this JVM with -D"
          + COMMON_POOL_PARALLELISM + "=2");
    }
    clientThreads = Executors.newFixedThreadPool(CLIENT_THREADS);
    timer = Executors.newSingleThreadScheduledExecutor();
    // HTTP/2 would multiplex lanes over fewer connections, and over cleartext the JDK would offer each an h2c upgrade.
    http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(clientThreads).build();
  }

  /** @param requestsPerSecond what was achieved: below the rate asked when the server (or this client) fell behind */
  record Result(double requestsPerSecond, double p50Millis, double p99Millis, double p999Millis, double maxMillis) {
  }

  /** @param server names the server in a failure's message, e.g. "bare Jetty" */
  Result run(String server, HttpRequest request, double rate, int connections, Duration warmUp, Duration measured)
      throws Exception {
    long intervalNanos = Math.round(connections * 1e9 / rate);
    long first = System.nanoTime() + 100_000_000L; // every lane scheduled before the first send is due
    long start = first + warmUp.toNanos();
    long end = start + measured.toNanos();
    Schedule schedule = new Schedule(server + " (" + request.uri() + ")", request, intervalNanos, start, end,
        connections);
    Lane[] lanes = new Lane[connections];
    for (int i = 0; i < connections; i++) {
      lanes[i] = new Lane(schedule, first + Math.round(i * 1e9 / rate));
      lanes[i].sendWhenDue();
    }
    try {
      schedule.finished.get(end - System.nanoTime() + STRAGGLERS.toNanos(), TimeUnit.NANOSECONDS);
    } catch (ExecutionException failed) {
      throw (Exception) failed.getCause();
    } catch (TimeoutException stalled) {
      IllegalStateException why = new IllegalStateException(schedule.lanesLeft.get() + " of " + connections
          + " requests to " + schedule.server + " still unanswered " + STRAGGLERS.toSeconds()
          + " s after the schedule ended");
      schedule.fail(why); // so that no lane sends again
      throw why;
    }
    // Late requests still go out after the end: the rate achieved counts the time they took.
    double seconds = (Math.max(end, System.nanoTime()) - start) / 1e9;
    long[] all = new long[Arrays.stream(lanes).mapToInt(lane -> lane.count).sum()];
    int filled = 0;
    for (Lane lane : lanes) {
      System.arraycopy(lane.latencies, 0, all, filled, lane.count);
      filled += lane.count;
    }
    Arrays.sort(all);
    return new Result(all.length / seconds, ClosedLoopLoad.percentile(all, 0.50),
        ClosedLoopLoad.percentile(all, 0.99), ClosedLoopLoad.percentile(all, 0.999),
        all.length == 0 ? Double.NaN : all[all.length - 1] / 1e6);
  }

  @Override
  public void close() {
    timer.shutdownNow();
    clientThreads.shutdownNow();
  }

  /** What every lane of one run shares; {@link #finished} completes when the last lane has, or on a failure. */
  private static final class Schedule {
    final String server;
    final HttpRequest request;
    final long intervalNanos;
    final long start;
    final long end;
    final AtomicInteger lanesLeft;
    final CompletableFuture<Void> finished = new CompletableFuture<>();

    Schedule(String server, HttpRequest request, long intervalNanos, long start, long end, int lanes) {
      this.server = server;
      this.request = request;
      this.intervalNanos = intervalNanos;
      this.start = start;
      this.end = end;
      this.lanesLeft = new AtomicInteger(lanes);
    }

    void fail(Exception why) {
      finished.completeExceptionally(why);
    }

    void laneDone() {
      if (lanesLeft.decrementAndGet() == 0) {
        finished.complete(null);
      }
    }
  }

  /**
   * One lane's requests, one at a time: each callback hands over to the next (timer, then client thread), so the
   * fields need no lock; the run reads them after the last lane is done.
   */
  private final class Lane {
    private final Schedule schedule;
    /** Latencies (ns, from the scheduled send) of this lane's requests scheduled within the measured period. */
    private final long[] latencies;
    private int count;
    private long scheduled;

    Lane(Schedule schedule, long firstSend) {
      this.schedule = schedule;
      this.scheduled = firstSend;
      this.latencies = new long[(int) ((schedule.end - schedule.start) / schedule.intervalNanos) + 2];
    }

    void sendWhenDue() {
      long wait = scheduled - System.nanoTime();
      if (wait > 0) {
        timer.schedule(this::send, wait, TimeUnit.NANOSECONDS);
      } else {
        send();
      }
    }

    private void send() {
      if (!schedule.finished.isDone()) {
        try {
          http.sendAsync(schedule.request, HttpResponse.BodyHandlers.ofByteArray()).whenComplete(this::answered);
        } catch (RuntimeException e) { // thrown on the timer's thread, it would be lost and the run would wait
          schedule.fail(new IllegalStateException("could not send to " + schedule.server + ": " + e, e));
        }
      }
    }

    private void answered(HttpResponse<byte[]> answer, Throwable failure) {
      long took = System.nanoTime() - scheduled;
      if (failure != null) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause() : failure;
        schedule.fail(new IllegalStateException("a request to " + schedule.server + " failed: " + cause, cause));
      } else if (answer.statusCode() != 200) {
        schedule.fail(new IllegalStateException(schedule.server + " answered " + answer.statusCode() + ": "
            + new String(answer.body(), StandardCharsets.UTF_8)));
      } else {
        if (scheduled >= schedule.start) {
          latencies[count++] = took;
        }
        scheduled += schedule.intervalNanos;
        if (scheduled < schedule.end) {
          sendWhenDue();
        } else {
          schedule.laneDone();
        }
      }
    }
  }
}
