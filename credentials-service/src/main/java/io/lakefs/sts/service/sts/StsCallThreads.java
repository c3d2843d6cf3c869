package io.lakefs.sts.service.sts;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads {@link CachingCredentialsIssuer} makes its AssumeRole calls on, so that no request thread waits for
 * STS: a burst of cold requests for many users (a cluster starting its jobs) holds these threads, not the server's,
 * which keep answering cached requests and {@code /health}. At most {@link #MAX_RUNNING} calls run at once, which
 * also spares STS a burst beyond its throttling limits; up to {@link #MAX_WAITING} more wait their turn, and beyond
 * that {@link #execute} refuses ({@link RejectedExecutionException}), which the issuer answers 503 with Retry-After.
 */
public final class StsCallThreads implements Executor, AutoCloseable {
  static final int MAX_RUNNING = 32;
  static final int MAX_WAITING = 1_000;

  private final ThreadPoolExecutor pool;

  public StsCallThreads() {
    this(MAX_RUNNING, MAX_WAITING);
  }

  /** For tests: fewer threads or room. */
  StsCallThreads(int maxRunning, int maxWaiting) {
    AtomicInteger count = new AtomicInteger();
    pool = new ThreadPoolExecutor(maxRunning, maxRunning, 60, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(maxWaiting), task -> {
          Thread thread = new Thread(task, "sts-call-" + count.incrementAndGet());
          thread.setDaemon(true); // a call STS never answers must not keep the JVM from exiting
          return thread;
        }, new ThreadPoolExecutor.AbortPolicy());
    pool.allowCoreThreadTimeOut(true);
  }

  /** @throws RejectedExecutionException saying how many calls run and wait, when no more may wait */
  @Override
  public void execute(Runnable call) {
    try {
      pool.execute(call);
    } catch (RejectedExecutionException e) {
      throw new RejectedExecutionException(pool.getActiveCount() + " AssumeRole calls running and "
          + pool.getQueue().size() + " waiting");
    }
  }

  /** Lets calls already started or waiting finish (each bounded by STS's call timeout); takes no new ones. */
  @Override
  public void close() {
    pool.shutdown();
  }
}
