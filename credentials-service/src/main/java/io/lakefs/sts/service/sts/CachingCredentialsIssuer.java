package io.lakefs.sts.service.sts;

import io.lakefs.sts.service.scope.Grant;
import io.lakefs.sts.service.scope.Role;
import io.lakefs.sts.service.scope.SessionPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Serves repeated requests (every executor of a job asks for the same user and repositories) from a cache, so
 * STS sees one AssumeRole per user and policy per credential lifetime, not one per executor.
 *
 * <ul>
 *   <li>Key: lakeFS user, the policy's grants (so a user who lost a repository gets new credentials at once;
 *       the policy JSON is a function of them, not re-rendered to look an entry up), role,
 *       and, when the caller's token ends before a full-length credential would, that end: credentials never
 *       outlive the token they were issued on.
 *   <li>Fresh until {@link StsSettings#refreshMargin()} before they expire; then the next request re-issues.
 *   <li>Single flight: concurrent requests for one key share one STS call; failures are handed to those
 *       waiting and never cached.
 *   <li>No lock is held during an STS call, so a slow or failing call for one key never delays another key;
 *       with {@link #issueAsync}, no request thread waits for a call at all: calls run on their own threads
 *       ({@link StsCallThreads}), so herds waiting on slow calls leave the server's threads to everyone else.
 *   <li>At most {@link StsSettings#cacheMaxEntries()} entries (plus calls completing at that moment): when
 *       full, stale entries go first, then those that go stale soonest.
 * </ul>
 */
public final class CachingCredentialsIssuer implements CredentialsIssuer {
  private final CredentialsIssuer delegate;
  private final StsSettings settings;
  private final Clock clock;
  private final IssuerListener listener;
  private final Executor stsCalls;
  private final Map<Key, IssuedCredentials> entries = new ConcurrentHashMap<>();
  private final Map<Key, CompletableFuture<IssuedCredentials>> inFlight = new ConcurrentHashMap<>();
  private final Object evictionLock = new Object();

  /** {@code expiresBy} is empty for full-length credentials, else the minute the caller's token ends in. */
  private record Key(String userId, List<Grant> grants, Role role, Optional<Instant> expiresBy) {
  }

  /**
   * @param stsCalls where the STS calls run ({@link StsCallThreads}); {@code Runnable::run} makes each on the
   *     thread of the request that needs it
   */
  public CachingCredentialsIssuer(CredentialsIssuer delegate, StsSettings settings, Clock clock,
      IssuerListener listener, Executor stsCalls) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.stsCalls = Objects.requireNonNull(stsCalls, "stsCalls");
  }

  @Override
  public IssuedCredentials issue(String lakeFSUserId, Role role, SessionPolicy policy, Duration maxDuration) {
    try {
      return issueAsync(lakeFSUserId, role, policy, maxDuration).join();
    } catch (CompletionException e) {
      // The same failure the caller that made the call got, so every waiter answers alike; the calls and the
      // waits fail with unchecked exceptions only.
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw (RuntimeException) e.getCause();
    }
  }

  /**
   * Completes at once from the cache; or starts the STS call on {@code stsCalls} and completes when it does (with
   * {@link StsUnavailableException} when {@code stsCalls} has no room); or, when an identical call is in flight,
   * completes when that call does, or with {@link StsUnavailableException} (STS is slow) after
   * {@link StsSettings#callTimeout()}. The calling thread is never held.
   */
  @Override
  public CompletableFuture<IssuedCredentials> issueAsync(String lakeFSUserId, Role role, SessionPolicy policy,
      Duration maxDuration) {
    Objects.requireNonNull(lakeFSUserId, "lakeFSUserId");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(maxDuration, "maxDuration");
    if (maxDuration.compareTo(StsSettings.MIN_DURATION) < 0) {
      return CompletableFuture.failedFuture(new TokenExpiresTooSoonException(lakeFSUserId, maxDuration));
    }
    Instant now = clock.instant();
    Optional<Instant> expiresBy = Optional.empty();
    Duration cap = maxDuration;
    if (maxDuration.compareTo(settings.duration()) < 0) {
      // The token ends first. Rounding its end down to the minute lets every request presenting that token
      // share credentials that end with it.
      Instant end = now.plus(maxDuration).truncatedTo(ChronoUnit.MINUTES);
      cap = Duration.between(now, end);
      if (cap.compareTo(StsSettings.MIN_DURATION) < 0) {
        // The last minute before STS's minimum: too rare to share, and rounding would go below it.
        return delegate.issueAsync(lakeFSUserId, role, policy, maxDuration);
      }
      expiresBy = Optional.of(end);
    }
    Key key = new Key(lakeFSUserId, policy.scope(), role, expiresBy);
    IssuedCredentials cached = freshEntry(key, now);
    if (cached != null) {
      listener.cacheHit();
      return CompletableFuture.completedFuture(cached);
    }
    CompletableFuture<IssuedCredentials> call = new CompletableFuture<>();
    CompletableFuture<IssuedCredentials> running = inFlight.putIfAbsent(key, call);
    if (running != null) {
      listener.sharedCall();
      return waitFor(running);
    }
    try {
      Duration duration = cap;
      stsCalls.execute(() -> call(key, lakeFSUserId, role, policy, duration, call));
    } catch (RejectedExecutionException e) {
      inFlight.remove(key, call);
      call.completeExceptionally(retryLater("The service is busy calling STS (" + e.getMessage() + ")"));
    }
    return call;
  }

  /** Makes the call for {@code key} and completes {@code call} with its outcome, which every waiter shares. */
  private void call(Key key, String lakeFSUserId, Role role, SessionPolicy policy, Duration cap,
      CompletableFuture<IssuedCredentials> call) {
    try {
      // A call for this key may have completed between the cache check and putIfAbsent.
      IssuedCredentials issued = freshEntry(key, clock.instant());
      if (issued != null) {
        listener.cacheHit();
      } else {
        issued = delegate.issue(lakeFSUserId, role, policy, cap);
        store(key, issued);
      }
      call.complete(issued);
    } catch (RuntimeException e) {
      call.completeExceptionally(e);
    } catch (Error e) {
      call.completeExceptionally(e);
      throw e;
    } finally {
      // After store(), so a request arriving now finds either this call or its result.
      inFlight.remove(key, call);
    }
  }

  /** The call in flight, as seen by one more caller: it gives up waiting when an STS call would have. */
  private CompletableFuture<IssuedCredentials> waitFor(CompletableFuture<IssuedCredentials> running) {
    Duration limit = settings.callTimeout();
    return running.copy().orTimeout(limit.toMillis(), TimeUnit.MILLISECONDS).exceptionallyCompose(failure -> {
      Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
      return CompletableFuture.failedFuture(cause instanceof TimeoutException ? retryLater("STS is slow: an"
          + " identical request's AssumeRole call has not answered within " + limit.toMillis() + " ms") : cause);
    });
  }

  /** A 503 for now: {@code why}, and when to ask again (the settings' Retry-After). */
  private StsUnavailableException retryLater(String why) {
    Duration retryAfter = settings.retryAfterWhenUnavailable();
    return new StsUnavailableException(why + "; retry after " + StsFailures.wholeSeconds(retryAfter) + " s.",
        retryAfter, null, null);
  }

  /** How many credentials are cached, stale ones included. */
  int size() {
    return entries.size();
  }

  private IssuedCredentials freshEntry(Key key, Instant now) {
    IssuedCredentials cached = entries.get(key);
    return cached != null && isFresh(cached, now) ? cached : null;
  }

  private boolean isFresh(IssuedCredentials credentials, Instant now) {
    return now.isBefore(credentials.expiration().minus(settings.refreshMargin()));
  }

  private void store(Key key, IssuedCredentials issued) {
    Instant now = clock.instant();
    if (!isFresh(issued, now)) {
      // STS issued them shorter than the refresh margin (an endpoint that caps lifetimes): never servable.
      entries.remove(key);
      return;
    }
    if (entries.size() >= settings.cacheMaxEntries() && !entries.containsKey(key)) {
      evict(now);
    }
    entries.put(key, issued);
  }

  private void evict(Instant now) {
    synchronized (evictionLock) {
      int max = settings.cacheMaxEntries();
      if (entries.size() < max) {
        return;
      }
      entries.values().removeIf(credentials -> !isFresh(credentials, now));
      // Still full of fresh entries: make room for a tenth more, so a full cache is not scanned on every store.
      int excess = entries.size() - max + Math.max(1, max / 10);
      if (excess > 0) {
        List<Key> soonestStale = entries.entrySet().stream()
            .sorted(Comparator.comparing(entry -> entry.getValue().expiration()))
            .limit(excess)
            .map(Map.Entry::getKey)
            .toList();
        soonestStale.forEach(entries::remove);
      }
    }
  }
}
