package io.lakefs.sts.testsupport.lakefs;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.lakefs.clients.sdk.ApiClient;
import io.lakefs.clients.sdk.ApiException;
import io.lakefs.clients.sdk.AuthApi;
import io.lakefs.clients.sdk.BranchesApi;
import io.lakefs.clients.sdk.model.Error;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * The stand-in playing a lakeFS that fails: down, unavailable, slow, asked for what it does not model.
 * Callers see what the SDK shows for a real server failing the same way.
 */
public class LakeFSStandInFaultsTest {
  private LakeFSStandIn lakeFS;

  @Before
  public void startStandIn() throws IOException {
    lakeFS = LakeFSStandIn.builder()
        .user("alice", "AKIAIOSFODNN7ALICE", "alice-secret")
        .repository("repo1", "s3://lakefs-data/repo1/")
        .grant("alice", "repo1")
        .start();
  }

  @After
  public void stopStandIn() {
    lakeFS.close();
  }

  @Test
  public void answersUnavailableWith503AndAJsonMessageUntilToldToServeNormally() throws Exception {
    lakeFS.answerUnavailable();

    ApiException refused = assertThrows(ApiException.class, () -> new AuthApi(alice()).getCurrentUser().execute());

    assertEquals(503, refused.getCode());
    assertTrue(message(refused), message(refused).contains("serveNormally()"));
    lakeFS.serveNormally();
    assertEquals("alice", new AuthApi(alice()).getCurrentUser().execute().getUser().getId());
    assertEquals(List.of(new RecordedRequest("GET", "/api/v1/user", Optional.of("AKIAIOSFODNN7ALICE"),
        Optional.empty(), 503), new RecordedRequest("GET", "/api/v1/user", Optional.of("AKIAIOSFODNN7ALICE"),
        Optional.of("alice"), 200)), lakeFS.requests());
  }

  @Test
  public void refusesConnectionsUntilToldToServeNormallyOnTheSamePort() throws Exception {
    assertEquals("alice", new AuthApi(alice()).getCurrentUser().execute().getUser().getId());

    lakeFS.refuseConnections();

    ApiException down = assertThrows(ApiException.class, () -> new AuthApi(alice()).getCurrentUser().execute());
    assertTrue("expected a refused connection, got " + down.getCause(), down.getCause() instanceof ConnectException);
    lakeFS.serveNormally();
    assertEquals("alice", new AuthApi(alice()).getCurrentUser().execute().getUser().getId());
    assertEquals(2, lakeFS.requests().size());
  }

  @Test
  public void delaysAnswersPastAClientsReadTimeoutButRecordsTheRequest() throws Exception {
    lakeFS.delayAnswers(Duration.ofSeconds(2));
    ApiClient impatient = alice();
    impatient.setReadTimeout(200);

    ApiException late = assertThrows(ApiException.class, () -> new AuthApi(impatient).getCurrentUser().execute());

    assertTrue("expected a read timeout, got " + late.getCause(), late.getCause() instanceof SocketTimeoutException);
    assertEquals(List.of(new RecordedRequest("GET", "/api/v1/user", Optional.of("AKIAIOSFODNN7ALICE"),
        Optional.of("alice"), 200)), lakeFS.requests());
    lakeFS.delayAnswers(Duration.ZERO);
    assertEquals("alice", new AuthApi(alice()).getCurrentUser().execute().getUser().getId());
  }

  @Test
  public void answersWhatItDoesNotModelWith501NamingTheCall() {
    ApiException missing = assertThrows(ApiException.class,
        () -> new BranchesApi(alice()).listBranches("repo1").execute());

    assertEquals(501, missing.getCode());
    assertTrue(message(missing), message(missing).startsWith(
        "the lakeFS stand-in does not implement GET /api/v1/repositories/repo1/branches;"));
  }

  @Test
  public void closeStopsListeningAndCanBeRepeated() {
    lakeFS.close();
    lakeFS.close();

    ApiException down = assertThrows(ApiException.class, () -> new AuthApi(alice()).getCurrentUser().execute());
    assertTrue("expected a refused connection, got " + down.getCause(), down.getCause() instanceof ConnectException);
    IllegalStateException closed = assertThrows(IllegalStateException.class, lakeFS::serveNormally);
    assertEquals("this lakeFS stand-in is closed; start a new one", closed.getMessage());
  }

  @Test
  public void closeEndsAnAnswerStillWaitingOutADelay() throws Exception {
    lakeFS.delayAnswers(Duration.ofMinutes(5));
    ApiClient client = alice();
    client.setReadTimeout(30_000);
    Thread closer = new Thread(() -> {
      awaitRequests(1);
      lakeFS.close();
    });
    closer.start();
    long started = System.nanoTime();

    assertThrows(ApiException.class, () -> new AuthApi(client).getCurrentUser().execute());

    closer.join();
    assertTrue("close should not wait out the delay",
        Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofSeconds(20)) < 0);
  }

  private void awaitRequests(int count) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (lakeFS.requests().size() < count && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static String message(ApiException e) {
    try {
      return Error.fromJson(e.getResponseBody()).getMessage();
    } catch (IOException notJson) {
      throw new AssertionError("the SDK could not read the error body " + e.getResponseBody(), notJson);
    }
  }

  private ApiClient alice() {
    ApiClient client = new ApiClient();
    client.setBasePath(lakeFS.endpoint().toString());
    client.setUsername("AKIAIOSFODNN7ALICE");
    client.setPassword("alice-secret");
    return client;
  }
}
