package io.lakefs.sts.service.sts;

import io.lakefs.sts.protocol.Secret;
import io.lakefs.sts.service.scope.Role;
import io.lakefs.sts.service.scope.SessionPolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for STS behind the cache: issues fake credentials lasting {@code lifetime}, counts calls per user,
 * and for users given a gate, holds their call until the gate opens (then fails it, if told to).
 */
final class ScriptedIssuer implements CredentialsIssuer {
  static final String ROLE = "arn:aws:iam::123456789012:role/lakefs-sts";
  static final Role DEFAULT_ROLE = new Role(ROLE, Optional.empty());

  private final Clock clock;
  private final Map<String, Duration> lifetimes = new ConcurrentHashMap<>();
  private final Map<String, CountDownLatch> gates = new ConcurrentHashMap<>();
  private final Map<String, RuntimeException> failures = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
  private final Map<String, CountDownLatch> entered = new ConcurrentHashMap<>();
  private final AtomicInteger keys = new AtomicInteger();
  private volatile Duration lifetime = Duration.ofHours(1);

  ScriptedIssuer(Clock clock) {
    this.clock = clock;
  }

  void lifetime(Duration value) {
    lifetime = value;
  }

  void lifetime(String user, Duration value) {
    lifetimes.put(user, value);
  }

  /** {@code user}'s next call waits for the returned gate; {@link #entered} tells when it started waiting. */
  CountDownLatch hold(String user) {
    CountDownLatch gate = new CountDownLatch(1);
    gates.put(user, gate);
    entered.put(user, new CountDownLatch(1));
    return gate;
  }

  CountDownLatch entered(String user) {
    return entered.get(user);
  }

  void failNext(String user, RuntimeException failure) {
    failures.put(user, failure);
  }

  int calls(String user) {
    AtomicInteger count = calls.get(user);
    return count == null ? 0 : count.get();
  }

  @Override
  public IssuedCredentials issue(String lakeFSUserId, Role role, SessionPolicy policy, Duration maxDuration) {
    calls.computeIfAbsent(lakeFSUserId, u -> new AtomicInteger()).incrementAndGet();
    CountDownLatch gate = gates.remove(lakeFSUserId);
    if (gate != null) {
      entered.get(lakeFSUserId).countDown();
      try {
        gate.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    RuntimeException failure = failures.remove(lakeFSUserId);
    if (failure != null) {
      throw failure;
    }
    Duration life = lifetimes.getOrDefault(lakeFSUserId, lifetime);
    Duration capped = life.compareTo(maxDuration) > 0 ? maxDuration : life;
    AwsCredentials credentials = new AwsCredentials("ASIAFAKE" + keys.incrementAndGet(), Secret.of("secret"),
        Secret.of("token"), clock.instant().plus(capped));
    return new IssuedCredentials(credentials, lakeFSUserId, lakeFSUserId, policy.scope(), role.arn());
  }

  static List<String> users(int count, String prefix) {
    return java.util.stream.IntStream.range(0, count).mapToObj(i -> prefix + i).toList();
  }
}
