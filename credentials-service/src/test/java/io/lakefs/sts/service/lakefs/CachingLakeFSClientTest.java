package io.lakefs.sts.service.lakefs;

import static io.lakefs.sts.service.lakefs.StandInFixture.ALICE;
import static io.lakefs.sts.service.lakefs.StandInFixture.ALICE_KEY;
import static io.lakefs.sts.service.lakefs.StandInFixture.ALICE_WRONG_SECRET;
import static io.lakefs.sts.service.lakefs.StandInFixture.BOB;
import static io.lakefs.sts.service.lakefs.StandInFixture.CAROL;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.lakefs.sts.testsupport.lakefs.LakeFSStandIn;
import io.lakefs.sts.testsupport.lakefs.RecordedRequest;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** What is remembered, for how long, and what never is; time moves only when a test moves it. */
public class CachingLakeFSClientTest {
  private static final Duration TTL = Duration.ofSeconds(60);

  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private LakeFSStandIn lakeFS;
  private CachingLakeFSClient client;

  @Before
  public void start() throws IOException {
    lakeFS = StandInFixture.start();
    client = caching(TTL, CachingLakeFSClient.MAX_ENTRIES);
  }

  @After
  public void stop() {
    client.close();
    lakeFS.close();
  }

  @Test
  public void aSecondAuthenticationWithinTheTtlAsksLakeFSNothing() throws Exception {
    assertEquals("alice", client.currentUser(ALICE).id());
    passes(TTL.minusMillis(1));

    assertEquals("alice", client.authenticate(StandInFixture.basic(ALICE_KEY, StandInFixture.ALICE_SECRET)).id());

    assertEquals(List.of("GET /api/v1/user"), lines());
  }

  @Test
  public void aWrongSecretAfterARememberedSuccessStillFailsAtLakeFS() throws Exception {
    client.currentUser(ALICE);

    assertThrows(LakeFSAuthenticationException.class, () -> client.currentUser(ALICE_WRONG_SECRET));

    assertEquals(List.of(200, 401), lakeFS.requests().stream().map(RecordedRequest::status).toList());
  }

  @Test
  public void anAuthenticationIsAskedAgainOnceTheTtlHasPassed() throws Exception {
    client.currentUser(ALICE);
    passes(TTL);

    client.currentUser(ALICE);

    assertEquals(List.of("GET /api/v1/user", "GET /api/v1/user"), lines());
  }

  @Test
  public void aRepositoryIsRememberedPerUserOnceTheCallerAuthenticated() throws Exception {
    LakeFSRepository first = client.repository(ALICE, "repo1");
    passes(TTL.minusMillis(1));

    assertEquals(first, client.repository(ALICE, "repo1"));

    assertEquals(List.of("GET /api/v1/user", "GET /api/v1/repositories/repo1"), lines());
    assertThrows(RepositoryAccessDeniedException.class, () -> client.repository(BOB, "repo1"));
    assertThrows(LakeFSAuthenticationException.class, () -> client.repository(ALICE_WRONG_SECRET, "repo1"));
  }

  @Test
  public void aRepositoryIsAskedAgainOnceTheTtlHasPassed() throws Exception {
    client.repository(ALICE, "repo1");
    passes(TTL);

    client.repository(ALICE, "repo1");

    assertEquals(List.of("GET /api/v1/user", "GET /api/v1/repositories/repo1", "GET /api/v1/user",
        "GET /api/v1/repositories/repo1"), lines());
  }

  @Test
  public void deniedAndMissingRepositoriesAreAskedEveryTimeSoNewGrantsWorkAtOnce() throws Exception {
    for (int i = 0; i < 2; i++) {
      assertThrows(RepositoryAccessDeniedException.class, () -> client.repository(BOB, "repo1"));
      assertThrows(RepositoryNotFoundException.class, () -> client.repository(CAROL, "no-such-repo"));
    }

    assertEquals(List.of("GET /api/v1/user", "GET /api/v1/repositories/repo1", "GET /api/v1/user",
        "GET /api/v1/repositories/no-such-repo", "GET /api/v1/repositories/repo1",
        "GET /api/v1/repositories/no-such-repo"), lines());
  }

  @Test
  public void aRejectionIsRememberedForAFewSecondsOnlyForTheSameSecret() {
    LakeFSAuthenticationException first = assertThrows(LakeFSAuthenticationException.class,
        () -> client.currentUser(ALICE_WRONG_SECRET));
    passes(CachingLakeFSClient.REJECTION_TTL.minusMillis(1));

    LakeFSAuthenticationException again = assertThrows(LakeFSAuthenticationException.class,
        () -> client.currentUser(ALICE_WRONG_SECRET));
    assertEquals(first.getMessage(), again.getMessage());
    assertEquals(1, lakeFS.requests().size());
    // Another guess is other credentials: asked at once.
    assertThrows(LakeFSAuthenticationException.class,
        () -> client.currentUser(new LakeFSCredentials(ALICE_KEY, "another-guess")));
    assertEquals(2, lakeFS.requests().size());
    passes(Duration.ofMillis(1));
    assertThrows(LakeFSAuthenticationException.class, () -> client.currentUser(ALICE_WRONG_SECRET));
    assertEquals(3, lakeFS.requests().size());
  }

  @Test
  public void unavailabilityIsNeverRemembered() throws Exception {
    lakeFS.answerUnavailable();
    assertThrows(LakeFSUnavailableException.class, () -> client.currentUser(ALICE));
    lakeFS.serveNormally();

    assertEquals("alice", client.currentUser(ALICE).id());

    assertEquals(List.of(503, 200), lakeFS.requests().stream().map(RecordedRequest::status).toList());
  }

  @Test
  public void aTtlOfZeroAsksLakeFSEveryTime() throws Exception {
    client = caching(Duration.ZERO, CachingLakeFSClient.MAX_ENTRIES);

    client.repository(ALICE, "repo1");
    client.repository(ALICE, "repo1");
    assertThrows(LakeFSAuthenticationException.class, () -> client.currentUser(ALICE_WRONG_SECRET));
    assertThrows(LakeFSAuthenticationException.class, () -> client.currentUser(ALICE_WRONG_SECRET));

    assertEquals(6, lakeFS.requests().size());
  }

  @Test
  public void holdsAtMostItsBoundForgettingTheOldestFirst() throws Exception {
    client = caching(TTL, 2);
    client.currentUser(ALICE);
    client.currentUser(BOB);
    client.currentUser(ALICE);

    client.currentUser(CAROL);
    client.currentUser(ALICE);
    client.currentUser(BOB);

    assertEquals("alice went first, then bob", List.of("AKIAIOSFODNN7ALICE", "AKIAIOSFODNN7BOB", "AKIAIOSFODNN7CAROL",
        "AKIAIOSFODNN7ALICE", "AKIAIOSFODNN7BOB"),
        lakeFS.requests().stream().map(request -> request.accessKeyId().orElseThrow()).toList());
  }

  @Test
  public void callersMissingTogetherShareOneLakeFSCallPerLookup() throws Exception {
    lakeFS.delayAnswers(Duration.ofMillis(300));
    int callers = 200;
    ExecutorService threads = Executors.newFixedThreadPool(callers);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<LakeFSRepository>> answers = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        answers.add(threads.submit(() -> {
          start.await();
          LakeFSRepository repository = client.repository(ALICE, "repo1");
          client.requirePermission(ALICE, repository, RepositoryPermission.WRITE_OBJECTS);
          return repository;
        }));
      }
      start.countDown();
      for (Future<LakeFSRepository> answer : answers) {
        assertEquals("repo1", answer.get(30, TimeUnit.SECONDS).id());
      }
    } finally {
      threads.shutdownNow();
    }

    assertEquals("one call per lookup: who alice is, her repository, her write permission",
        List.of("GET /api/v1/user", "GET /api/v1/repositories/repo1"), lines().subList(0, 2));
    assertEquals(lines().toString(), 3, lines().size());
  }

  @Test
  public void callersWaitingOnAFailedCallEachGetItsRefusalAndItIsNotKept() throws Exception {
    lakeFS.answerUnavailable();
    lakeFS.delayAnswers(Duration.ofMillis(300));
    ExecutorService threads = Executors.newFixedThreadPool(20);
    try {
      List<Future<LakeFSUser>> answers = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        answers.add(threads.submit(() -> client.currentUser(ALICE)));
      }
      for (Future<LakeFSUser> answer : answers) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> answer.get(30, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof LakeFSUnavailableException);
      }
    } finally {
      threads.shutdownNow();
    }
    int failedCalls = lakeFS.requests().size();
    lakeFS.serveNormally();

    assertEquals("alice", client.currentUser(ALICE).id());
    assertEquals(failedCalls + 1, lakeFS.requests().size());
  }

  private CachingLakeFSClient caching(Duration ttl, int maxEntries) {
    return new CachingLakeFSClient(new LakeFSClient(StandInFixture.settings(lakeFS).withCacheTtl(ttl)), maxEntries,
        nanos::get);
  }

  private void passes(Duration time) {
    nanos.addAndGet(time.toNanos());
  }

  private List<String> lines() {
    return lakeFS.requests().stream().map(RecordedRequest::line).toList();
  }
}
