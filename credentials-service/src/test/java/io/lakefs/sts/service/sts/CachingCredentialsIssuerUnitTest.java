package io.lakefs.sts.service.sts;

import static io.lakefs.sts.service.scope.AccessLevel.WRITE;
import static io.lakefs.sts.service.sts.LocalAwsIssuing.A_DAY;
import static io.lakefs.sts.service.sts.LocalAwsIssuing.policy;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.lakefs.sts.service.scope.SessionPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Test;

/** {@link CachingCredentialsIssuer} in front of a scripted issuer, to hold and fail calls exactly when wanted. */
public class CachingCredentialsIssuerUnitTest {
  private static final SessionPolicy POLICY = policy("s3://lakefs-data/repo1/", WRITE);

  private final MutableClock clock = new MutableClock();
  private final ScriptedIssuer sts = new ScriptedIssuer(clock);
  private final CountingListener listener = new CountingListener();
  private final ExecutorService threads = Executors.newCachedThreadPool();

  @After
  public void stopThreads() {
    threads.shutdownNow();
  }

  @Test
  public void aStuckOrFailingCallForOneUserDoesNotBlockAnother() throws Exception {
    CachingCredentialsIssuer issuer = issuer(settings().build());
    CountDownLatch gate = sts.hold("alice");
    sts.failNext("alice", new StsUnavailableException("STS is unavailable", Duration.ofSeconds(10), null, null));
    Future<IssuedCredentials> alice = threads.submit(() -> issuer.issue("alice", ScriptedIssuer.DEFAULT_ROLE, POLICY, A_DAY));
    assertTrue(sts.entered("alice").await(10, TimeUnit.SECONDS));

    assertEquals("bob", issuer.issue("bob", ScriptedIssuer.DEFAULT_ROLE, POLICY, A_DAY).sessionName());
    assertEquals("and again from the cache", "bob", issuer.issue("bob", ScriptedIssuer.DEFAULT_ROLE, POLICY, A_DAY).sessionName());
    assertFalse(alice.isDone());

    gate.countDown();
    ExecutionException e = assertThrows(ExecutionException.class, () -> alice.get(10, TimeUnit.SECONDS));
    assertTrue(e.getCause() instanceof StsUnavailableException);
  }

  @Test
  public void everyoneWaitingForAFailedCallGetsItsRefusalAndTheNextRequestCallsAgain() throws Exception {
    CachingCredentialsIssuer issuer = issuer(settings().build());
    StsThrottledException throttled = new StsThrottledException("STS is throttling", Duration.ofSeconds(2),
        "Throttling", null);
    CountDownLatch gate = sts.hold("alice");
    sts.failNext("alice", throttled);
    List<Future<IssuedCredentials>> requests = new ArrayList<>();
    requests.add(threads.submit(() -> issuer.issue("alice", ScriptedIssuer.DEFAULT_ROLE, POLICY, A_DAY)));
    assertTrue(sts.entered("alice").await(10, TimeUnit.SECONDS));
    for (int i = 0; i < 3; i++) {
      requests.add(threads.submit(() -> issuer.issue("alice", ScriptedIssuer.DEFAULT_ROLE, POLICY, A_DAY)));
    }
    awaitSharedCalls(3);
    gate.countDown();

    for (Future<IssuedCredentials> request : requests) {
      ExecutionException e = assertThrows(ExecutionException.class, () -> request.get(10, TimeUnit.SECONDS));
      assertSame(throttled, e.getCause());
    }
    assertEquals(1, sts.calls("alice"));
    assertEquals("alice", issuer.issue("alice", ScriptedIssuer.DEFAULT_ROLE, POLICY, A_DAY).sessionName());
    assertEquals("the refusal was not cached", 2, sts.calls("alice"));
  }

  @Test
  public void aWaiterHoldsNoThreadAndGivesUpAfterTheCallTimeoutSayingStsIsSlow() throws Exception {
    CachingCredentialsIssuer issuer = issuer(settings().callTimeout(Duration.ofMillis(300))
        .retryAfterWhenUnavailable(Duration.ofSeconds(7)).build());
    CountDownLatch gate = sts.hold("alice");
    Future<IssuedCredentials> making = threads.submit(() -> issuer.issue("alice", ScriptedIssuer.DEFAULT_ROLE, POLICY, A_DAY));
    assertTrue(sts.entered("alice").await(10, TimeUnit.SECONDS));

    CompletableFuture<IssuedCredentials> waiting = issuer.issueAsync("alice", ScriptedIssuer.DEFAULT_ROLE, POLICY, A_DAY);
    assertFalse("issueAsync returned to its caller while the call is in flight", waiting.isDone());
    ExecutionException e = assertThrows(ExecutionException.class, () -> waiting.get(5, TimeUnit.SECONDS));
    StsUnavailableException slow = (StsUnavailableException) e.getCause();
    assertTrue(slow.getMessage(), slow.getMessage().startsWith("STS is slow: an identical request's AssumeRole call"
        + " has not answered within 300 ms; retry after 7 s."));
    assertEquals(7, slow.retryAfterSeconds());
    assertFalse("the call itself goes on", making.isDone());

    gate.countDown();
    assertEquals("alice", making.get(10, TimeUnit.SECONDS).sessionName());
    assertEquals(1, sts.calls("alice"));
  }

  @Test
  public void onItsOwnThreadsACallHoldsNoRequestThread() throws Exception {
    try (StsCallThreads calls = new StsCallThreads(2, 2)) {
      CachingCredentialsIssuer issuer = new CachingCredentialsIssuer(sts, settings().build(), clock, listener, calls);
      CountDownLatch gate = sts.hold("alice");
      CompletableFuture<IssuedCredentials> alice = issuer.issueAsync("alice", ScriptedIssuer.DEFAULT_ROLE, POLICY,
          A_DAY);
      assertTrue(sts.entered("alice").await(10, TimeUnit.SECONDS));
      assertFalse("issueAsync returned while its own call is in flight", alice.isDone());

      gate.countDown();
      assertEquals("alice", alice.get(10, TimeUnit.SECONDS).sessionName());
      assertEquals(1, sts.calls("alice"));
    }
  }

  @Test
  public void withNoRoomForAnotherCallTheRequestIsToldToRetryLater() throws Exception {
    try (StsCallThreads calls = new StsCallThreads(1, 1)) {
      CachingCredentialsIssuer issuer = new CachingCredentialsIssuer(sts, settings()
          .retryAfterWhenUnavailable(Duration.ofSeconds(3)).build(), clock, listener, calls);
      CountDownLatch gate = sts.hold("alice");
      CompletableFuture<IssuedCredentials> running = issuer.issueAsync("alice", ScriptedIssuer.DEFAULT_ROLE, POLICY,
          A_DAY);
      assertTrue(sts.entered("alice").await(10, TimeUnit.SECONDS));
      CompletableFuture<IssuedCredentials> waiting = issuer.issueAsync("bob", ScriptedIssuer.DEFAULT_ROLE, POLICY,
          A_DAY);

      ExecutionException e = assertThrows(ExecutionException.class, () -> issuer.issueAsync("carol",
          ScriptedIssuer.DEFAULT_ROLE, POLICY, A_DAY).get(5, TimeUnit.SECONDS));
      StsUnavailableException busy = (StsUnavailableException) e.getCause();
      assertEquals("The service is busy calling STS (1 AssumeRole calls running and 1 waiting); retry after 3 s.",
          busy.getMessage());
      assertEquals(3, busy.retryAfterSeconds());

      gate.countDown();
      assertEquals("alice", running.get(10, TimeUnit.SECONDS).sessionName());
      assertEquals("bob", waiting.get(10, TimeUnit.SECONDS).sessionName());
      assertEquals("carol asks again once there is room", "carol",
          issuer.issueAsync("carol", ScriptedIssuer.DEFAULT_ROLE, POLICY, A_DAY).get(10, TimeUnit.SECONDS).sessionName());
    }
  }

  @Test
  public void credentialsShorterThanTheRefreshMarginAreNeverServedFromTheCache() {
    CachingCredentialsIssuer issuer = issuer(settings().build());
    sts.lifetime(Duration.ofMinutes(4));
    String first = issuer.issue("alice", ScriptedIssuer.DEFAULT_ROLE, POLICY, A_DAY).credentials().accessKeyId();
    String second = issuer.issue("alice", ScriptedIssuer.DEFAULT_ROLE, POLICY, A_DAY).credentials().accessKeyId();
    assertNotEquals(first, second);
    assertEquals(0, issuer.size());
  }

  @Test
  public void aFullCacheDropsStaleEntriesFirst() {
    CachingCredentialsIssuer issuer = issuer(settings().cacheMaxEntries(10).build());
    for (String user : ScriptedIssuer.users(5, "short-")) {
      sts.lifetime(user, Duration.ofMinutes(20));
      issuer.issue(user, ScriptedIssuer.DEFAULT_ROLE, POLICY, A_DAY);
    }
    ScriptedIssuer.users(5, "long-").forEach(user -> issuer.issue(user, ScriptedIssuer.DEFAULT_ROLE, POLICY, A_DAY));
    assertEquals(10, issuer.size());

    clock.advance(Duration.ofMinutes(16));
    issuer.issue("newcomer", ScriptedIssuer.DEFAULT_ROLE, POLICY, A_DAY);

    assertEquals("5 stale dropped, 1 added", 6, issuer.size());
    ScriptedIssuer.users(5, "long-").forEach(user -> issuer.issue(user, ScriptedIssuer.DEFAULT_ROLE, POLICY, A_DAY));
    assertEquals(5, listener.cacheHits.get());
  }

  @Test
  public void aCacheFullOfFreshEntriesDropsThoseThatGoStaleSoonest() {
    CachingCredentialsIssuer issuer = issuer(settings().cacheMaxEntries(10).build());
    List<String> users = ScriptedIssuer.users(10, "user-");
    for (int i = 0; i < users.size(); i++) {
      sts.lifetime(users.get(i), Duration.ofMinutes(20 + i));
      issuer.issue(users.get(i), ScriptedIssuer.DEFAULT_ROLE, POLICY, A_DAY);
    }

    issuer.issue("newcomer", ScriptedIssuer.DEFAULT_ROLE, POLICY, A_DAY);

    assertEquals("a tenth of the room made, then the newcomer added", 10, issuer.size());
    issuer.issue("user-0", ScriptedIssuer.DEFAULT_ROLE, POLICY, A_DAY);
    assertEquals("user-0's credentials were to go stale first, so they were dropped", 2, sts.calls("user-0"));
    issuer.issue("user-9", ScriptedIssuer.DEFAULT_ROLE, POLICY, A_DAY);
    assertEquals(1, sts.calls("user-9"));
  }

  @Test
  public void tokenEndingSoonerThanStsShortestSessionIsRefusedEvenWhenCredentialsAreCached() {
    CachingCredentialsIssuer issuer = issuer(settings().build());
    issuer.issue("alice", ScriptedIssuer.DEFAULT_ROLE, POLICY, A_DAY);
    assertThrows(TokenExpiresTooSoonException.class, () -> issuer.issue("alice", ScriptedIssuer.DEFAULT_ROLE, POLICY, Duration.ofMinutes(10)));
    assertEquals(1, sts.calls("alice"));
  }

  /** Calls on the thread of the request that needs them, so that a test holds a call by holding its thread. */
  private CachingCredentialsIssuer issuer(StsSettings settings) {
    return new CachingCredentialsIssuer(sts, settings, clock, listener, Runnable::run);
  }

  private static StsSettingsBuilder settings() {
    return StsSettingsBuilder.forRole(ScriptedIssuer.ROLE);
  }

  private void awaitSharedCalls(int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (listener.sharedCalls.get() < count) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("only " + listener.sharedCalls.get() + " requests joined the call in flight");
      }
      Thread.sleep(10);
    }
  }
}
