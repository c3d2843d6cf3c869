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
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What both loads are made of: lanes, each with at most one request in flight, all sent with {@code sendAsync}
 * through one HTTP client and woken by one timer thread, so that 256 lanes take a handful of threads and leave the
 * cores to the servers they measure (a blocked thread per client, and in the open loop an HTTP client and so a
 * selector thread per connection, made over 500). A lane's next request is due a fixed interval after its previous
 * one was due (open loop) or when the previous answer arrives (closed loop); it is sent once it is due and the
 * previous answer is in, and its latency counts from when it was due. Any answer that is not 200 stops the run, and
 * so does a request that fails or is still unanswered {@link #STRAGGLERS} after the end.
 *
 * <p>{@code sendAsync} completes every answer on {@code CompletableFuture}'s default executor, which on fewer than
 * 3 processors starts a thread per task (thousands a second) unless the common pool may run 2 threads or more:
 * {@code benchmarks/run-load} and the module's tests start the JVM with {@value #COMMON_POOL_PARALLELISM}{@code =2}.
 */
final class Lanes implements AutoCloseable {
  private static final Duration STRAGGLERS = Duration.ofSeconds(60);
  private static final String COMMON_POOL_PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";

  private final HttpClient http;
  // Its thread starts with the first wait: a closed loop never waits.
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

  Lanes(HttpClient http) {
    if (ForkJoinPool.getCommonPoolParallelism() < 2) {
      throw new IllegalStateException("the common pool runs " + ForkJoinPool.getCommonPoolParallelism()
          + " thread, so every answer would start a thread of its own; run this JVM with -D"
          + COMMON_POOL_PARALLELISM + "=2");
    }
    this.http = http;
  }

  /** Latencies (ns, sorted) of the requests due within the measured period, and when the last lane finished. */
  record Latencies(long[] sortedNanos, long finishedNanos) {
    /** The latency (ms) below which {@code fraction} of the latencies fall; 1 for the maximum. */
    double millis(double fraction) {
      return sortedNanos.length == 0 ? Double.NaN
          : sortedNanos[(int) Math.min(sortedNanos.length - 1, sortedNanos.length * fraction)] / 1e6;
    }
  }

  /**
   * Open loop: lane {@code i}'s first request is due at {@code firstDue[i]}, each next one {@code intervalNanos}
   * after the previous one was due; measured are those due from {@code start} to {@code end} (nanoTime).
   *
   * @param server names the server in a failure's message
   */
  Latencies openLoop(String server, HttpRequest request, long[] firstDue, long intervalNanos, long start, long end)
      throws Exception {
    return run(new Schedule(server, request, intervalNanos, start, end, firstDue.length), firstDue);
  }

  /** Closed loop: {@code lanes} lanes sending from now, each again as soon as it is answered. */
  Latencies closedLoop(String server, HttpRequest request, int lanes, long start, long end) throws Exception {
    long[] now = new long[lanes];
    Arrays.fill(now, System.nanoTime());
    return run(new Schedule(server, request, 0, start, end, lanes), now);
  }

  private Latencies run(Schedule schedule, long[] firstDue) throws Exception {
    Lane[] lanes = new Lane[firstDue.length];
    for (int i = 0; i < lanes.length; i++) {
      lanes[i] = new Lane(schedule, firstDue[i]);
      lanes[i].sendWhenDue();
    }
    try {
      schedule.finished.get(schedule.end - System.nanoTime() + STRAGGLERS.toNanos(), TimeUnit.NANOSECONDS);
    } catch (ExecutionException failed) {
      throw (Exception) failed.getCause();
    } catch (TimeoutException stalled) {
      IllegalStateException why = new IllegalStateException(schedule.lanesLeft.get() + " of " + lanes.length
          + " requests to " + schedule.server + " still unanswered " + STRAGGLERS.toSeconds()
          + " s after the end");
      schedule.fail(why); // so that no lane sends again
      throw why;
    }
    long finished = System.nanoTime();
    long[] all = new long[Arrays.stream(lanes).mapToInt(lane -> lane.count).sum()];
    int filled = 0;
    for (Lane lane : lanes) {
      System.arraycopy(lane.latencies, 0, all, filled, lane.count);
      filled += lane.count;
    }
    Arrays.sort(all);
    return new Latencies(all, finished);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }

  /** What every lane of one run shares; {@link #finished} completes when the last lane has, or on a failure. */
  private static final class Schedule {
    final String server;
    final HttpRequest request;
    /** 0 in a closed loop: the next request is due when the answer comes. */
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
    /** Latencies (ns, from when each was due) of this lane's requests due within the measured period. */
    private long[] latencies;
    private int count;
    private long due;

    Lane(Schedule schedule, long firstDue) {
      this.schedule = schedule;
      this.due = firstDue;
      // An open loop's lane knows how many it will send; a closed loop's grows its array, rarely.
      this.latencies = new long[schedule.intervalNanos > 0
          ? (int) ((schedule.end - schedule.start) / schedule.intervalNanos) + 2 : 1024];
    }

    void sendWhenDue() {
      long wait = due - System.nanoTime();
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
      long now = System.nanoTime();
      if (failure != null) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause() : failure;
        schedule.fail(new IllegalStateException("a request to " + schedule.server + " failed: " + cause, cause));
      } else if (answer.statusCode() != 200) {
        schedule.fail(new IllegalStateException(schedule.server + " answered " + answer.statusCode() + ": "
            + new String(answer.body(), StandardCharsets.UTF_8)));
      } else {
        if (due >= schedule.start) {
          if (count == latencies.length) {
            latencies = Arrays.copyOf(latencies, count * 2);
          }
          latencies[count++] = now - due;
        }
        due = schedule.intervalNanos > 0 ? due + schedule.intervalNanos : now;
        if (due < schedule.end) {
          sendWhenDue();
        } else {
          schedule.laneDone();
        }
      }
    }
  }
}
