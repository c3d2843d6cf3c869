package io.lakefs.sts.service.lakefs;

import static io.lakefs.sts.service.lakefs.StandInFixture.ALICE;
import static io.lakefs.sts.service.lakefs.StandInFixture.ALICE_WRONG_SECRET;
import static io.lakefs.sts.service.lakefs.StandInFixture.BOB;
import static io.lakefs.sts.service.lakefs.StandInFixture.CAROL;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.lakefs.sts.testsupport.lakefs.LakeFSStandIn;
import io.lakefs.sts.testsupport.lakefs.RecordedRequest;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** Many threads, several users, one client: each caller is only ever taken for itself. */
public class LakeFSConcurrencyTest {
  private static final int THREADS = 12;
  private static final int CALLS_PER_THREAD = 60;
  /** Who each access key id belongs to, and which repository that user may read. */
  private static final Map<String, String> OWNERS = Map.of(StandInFixture.ALICE_KEY, "alice",
      StandInFixture.BOB_KEY, "bob", StandInFixture.CAROL_KEY, "carol");

  private LakeFSStandIn lakeFS;
  private ExecutorService threads;

  @Before
  public void start() throws IOException {
    lakeFS = StandInFixture.start();
    threads = Executors.newFixedThreadPool(THREADS);
  }

  @After
  public void stop() throws InterruptedException {
    threads.shutdownNow();
    threads.awaitTermination(10, TimeUnit.SECONDS);
    lakeFS.close();
  }

  @Test
  public void theUncachedClientNeverSendsOneUsersRequestWithAnothersCredentials() throws Exception {
    try (LakeFSClient client = new LakeFSClient(StandInFixture.settings(lakeFS))) {
      hammer(client);
    }
    assertEveryRequestAnsweredAsItsOwnCaller();
  }

  @Test
  public void theCachingClientNeverAnswersOneUserWithAnothersIdentityOrRepository() throws Exception {
    try (CachingLakeFSClient client = new CachingLakeFSClient(StandInFixture.settings(lakeFS))) {
      hammer(client);
    }
    assertEveryRequestAnsweredAsItsOwnCaller();
  }

  @Test
  public void theCachingClientWithoutCachingAlsoKeepsUsersApart() throws Exception {
    try (CachingLakeFSClient client = new CachingLakeFSClient(StandInFixture.settings(lakeFS)
        .withCacheTtl(Duration.ZERO))) {
      hammer(client);
    }
    assertEveryRequestAnsweredAsItsOwnCaller();
  }

  /** Every thread starts at once and asks, in turn, as each user and as alice with a wrong secret. */
  private void hammer(LakeFSDirectory directory) throws Exception {
    CountDownLatch ready = new CountDownLatch(THREADS);
    List<Future<Integer>> results = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int offset = t;
      Callable<Integer> calls = () -> {
        ready.countDown();
        ready.await();
        for (int i = 0; i < CALLS_PER_THREAD; i++) {
          switch ((offset + i) % 4) {
            case 0 -> {
              assertEquals("alice", directory.currentUser(ALICE).id());
              assertEquals("s3://lakefs-data/repo1/", directory.repository(ALICE, "repo1").storageNamespace());
            }
            case 1 -> {
              assertEquals("bob", directory.currentUser(BOB).id());
              expect(RepositoryAccessDeniedException.class, () -> directory.repository(BOB, "repo1"));
            }
            case 2 -> {
              assertEquals("carol", directory.currentUser(CAROL).id());
              assertEquals("develop", directory.repository(CAROL, "repo2").defaultBranch());
            }
            default -> expect(LakeFSAuthenticationException.class, () -> directory.currentUser(ALICE_WRONG_SECRET));
          }
        }
        return CALLS_PER_THREAD;
      };
      results.add(threads.submit(calls));
    }
    for (Future<Integer> result : results) {
      assertEquals(Integer.valueOf(CALLS_PER_THREAD), result.get(60, TimeUnit.SECONDS));
    }
  }

  private void assertEveryRequestAnsweredAsItsOwnCaller() {
    List<RecordedRequest> requests = lakeFS.requests();
    assertTrue("no request reached lakeFS", !requests.isEmpty());
    for (RecordedRequest request : requests) {
      String key = request.accessKeyId().orElseThrow(() -> new AssertionError("sent without credentials: " + request));
      Optional<String> expected = request.status() == 401 && request.path().equals("/api/v1/user")
          ? Optional.empty()
          : Optional.of(OWNERS.get(key));
      assertEquals(request.toString(), expected, request.user());
    }
  }

  private interface Call {
    void run() throws Exception;
  }

  private static void expect(Class<? extends Exception> type, Call call) throws Exception {
    try {
      call.run();
    } catch (Exception e) {
      if (type.isInstance(e)) {
        return;
      }
      throw e;
    }
    throw new AssertionError("expected " + type.getSimpleName());
  }
}
