package io.lakefs.sts.hadoop.refresh;

import io.lakefs.sts.hadoop.token.EmbeddedStsCredentials;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static java.util.Objects.requireNonNull;

/**
 * The refresh schedule of lakeFS STS credentials, whatever AWS SDK S3A runs on: from {@code prefetch} before
 * they expire, one fetch at a time in the background while S3 requests go on with the current credentials;
 * from {@code refresh margin} before expiry (their stale time), requests wait for the fetch. A failed
 * background fetch keeps the current credentials and tries again halfway to their stale time (at least a
 * second on) rather than at every request; a failure once they are stale reaches the caller. Before the first
 * fetch succeeds, the token's embedded credentials are the current ones. Each SDK's provider only gives
 * {@link #get(Function)} its credentials type.
 */
public final class RefreshingCredentials implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RefreshingCredentials.class);
  private static final Duration MIN_RETRY = Duration.ofSeconds(1);

  private final StsCredentialsFetcher fetcher;
  private final Clock clock;
  private final Object refreshing = new Object();
  private final AtomicBoolean prefetchRunning = new AtomicBoolean();
  private ExecutorService prefetcher;
  private boolean closed;
  private volatile Generation current;

  /** Credentials and when to replace them: in the background from prefetch time, waiting from stale time. */
  private static final class Generation {
    final EmbeddedStsCredentials credentials;
    final Instant staleTime;
    final Instant prefetchTime;
    /** The credentials in the provider's SDK type, made on first use; racing threads make equal ones. */
    volatile Object inSdkType;

    Generation(EmbeddedStsCredentials credentials, Instant staleTime, Instant prefetchTime) {
      this.credentials = credentials;
      this.staleTime = staleTime;
      this.prefetchTime = prefetchTime;
    }
  }

  public RefreshingCredentials(StsCredentialsFetcher fetcher, Clock clock) {
    this.fetcher = requireNonNull(fetcher, "fetcher");
    this.clock = requireNonNull(clock, "clock");
  }

  /**
   * The current credentials, fetched first when there are none or they are stale, in an SDK's type: converted
   * once per fetch, so that S3A's every request allocates nothing. An instance serves one provider, so one
   * type: {@code toSdkType} is that provider's conversion.
   */
  @SuppressWarnings("unchecked")
  public <T> T get(Function<EmbeddedStsCredentials, T> toSdkType) throws IOException {
    Generation generation = generation();
    Object converted = generation.inSdkType;
    if (converted == null) {
      converted = toSdkType.apply(generation.credentials);
      generation.inSdkType = converted;
    }
    return (T) converted;
  }

  private Generation generation() throws IOException {
    Generation generation = current;
    Instant now = clock.instant();
    if (generation == null || !now.isBefore(generation.staleTime)) {
      synchronized (refreshing) {
        generation = current;
        if (generation == null || !clock.instant().isBefore(generation.staleTime)) {
          generation = refresh(generation);
          current = generation;
        }
      }
    } else if (!now.isBefore(generation.prefetchTime) && prefetchRunning.compareAndSet(false, true)) {
      prefetchInBackground();
    }
    return generation;
  }

  public StsCredentialsFetcher fetcher() {
    return fetcher;
  }

  private void prefetchInBackground() {
    Runnable prefetch = () -> {
      try {
        synchronized (refreshing) {
          current = refresh(current);
        }
      } catch (IOException e) {
        // Stale by now: the next get() fetches again, waiting, and reports the failure.
        LOG.debug("Background refresh of lakeFS STS credentials failed: {}", e.getMessage());
      } finally {
        prefetchRunning.set(false);
      }
    };
    synchronized (this) {
      if (closed) {
        prefetchRunning.set(false);
        return;
      }
      if (prefetcher == null) {
        prefetcher = Executors.newSingleThreadExecutor(runnable -> {
          Thread thread = new Thread(runnable, "lakefs-sts-credentials-refresh");
          thread.setDaemon(true);
          return thread;
        });
      }
      prefetcher.execute(prefetch);
    }
  }

  private Generation refresh(Generation previous) throws IOException {
    try {
      return generation(fetcher.fetch());
    } catch (IOException e) {
      Generation fallback = previous != null ? previous
          : fetcher.tokenCredentials().map(this::generation).orElse(null);
      Instant now = clock.instant();
      if (fallback != null && now.isBefore(fallback.staleTime)) {
        Duration half = Duration.between(now, fallback.staleTime).dividedBy(2);
        Instant retry = now.plus(half.compareTo(MIN_RETRY) < 0 ? MIN_RETRY : half);
        LOG.warn("Could not refresh lakeFS STS credentials ({}); using the current ones until {}, retrying at {}",
            e.getMessage(), fallback.staleTime, retry);
        return new Generation(fallback.credentials, fallback.staleTime, retry);
      }
      throw e;
    }
  }

  private Generation generation(EmbeddedStsCredentials credentials) {
    Instant expiry = Instant.ofEpochMilli(credentials.expirationEpochMillis());
    return new Generation(credentials, expiry.minus(fetcher.settings().refreshMargin()),
        expiry.minus(fetcher.settings().prefetch()));
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (prefetcher != null) {
      prefetcher.shutdownNow();
    }
  }
}
