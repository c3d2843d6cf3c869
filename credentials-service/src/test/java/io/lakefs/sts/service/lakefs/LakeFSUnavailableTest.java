package io.lakefs.sts.service.lakefs;

import static io.lakefs.sts.service.lakefs.StandInFixture.ALICE;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.lakefs.sts.testsupport.lakefs.LakeFSStandIn;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * lakeFS down, failing, slow or not lakeFS at all: always {@link LakeFSUnavailableException}, never an
 * authentication failure, so the service answers 503 and not 401.
 */
public class LakeFSUnavailableTest {
  private static final String UNTIL_BACK = "; the credentials service answers 503 until it is back";

  private LakeFSStandIn lakeFS;
  private LakeFSClient client;

  @Before
  public void start() throws IOException {
    lakeFS = StandInFixture.start();
    client = new LakeFSClient(StandInFixture.settings(lakeFS));
  }

  @After
  public void stop() {
    client.close();
    lakeFS.close();
  }

  @Test
  public void aLakeFSRefusingConnectionsIsUnreachable() {
    lakeFS.refuseConnections();

    LakeFSUnavailableException down = assertThrows(LakeFSUnavailableException.class, () -> client.currentUser(ALICE));

    assertEquals("lakeFS at " + lakeFS.endpoint() + " is unreachable: connection refused" + UNTIL_BACK,
        down.getMessage());
    assertEquals(lakeFS.endpoint(), down.endpoint());
    assertTrue(down.getCause() != null);
  }

  @Test
  public void aLakeFSAnswering503IsUnavailableAndSaysWhatLakeFSSaid() {
    lakeFS.answerUnavailable();

    LakeFSUnavailableException unavailable = assertThrows(LakeFSUnavailableException.class,
        () -> client.repository(ALICE, "repo1"));

    assertEquals("lakeFS at " + lakeFS.endpoint() + " is unavailable: it answered GET /user with HTTP 503 (lakeFS:"
        + " the lakeFS stand-in was told to answer 503 Service Unavailable; call serveNormally() to undo)"
        + UNTIL_BACK, unavailable.getMessage());
  }

  @Test
  public void aLakeFSTooSlowToAnswerIsUnreachableOnceTheReadTimeoutPasses() {
    LakeFSClient impatient = new LakeFSClient(StandInFixture.settings(lakeFS)
        .withTimeouts(Duration.ofMillis(500), Duration.ofMillis(300)));
    lakeFS.delayAnswers(Duration.ofSeconds(10));
    long started = System.nanoTime();

    LakeFSUnavailableException slow = assertThrows(LakeFSUnavailableException.class,
        () -> impatient.currentUser(ALICE));

    Duration waited = Duration.ofNanos(System.nanoTime() - started);
    assertTrue("waited " + waited, waited.compareTo(Duration.ofMillis(250)) >= 0
        && waited.compareTo(Duration.ofSeconds(3)) < 0);
    assertEquals("lakeFS at " + lakeFS.endpoint() + " is unreachable: no answer to GET /user within 500 ms to"
        + " connect and 300 ms to read (lakefs.timeout.millis)" + UNTIL_BACK, slow.getMessage());
  }

  @Test
  public void aRedirectIsNotFollowedSoCredentialsGoOnlyToTheConfiguredEndpoint() {
    LakeFSClient redirected = behind(chain -> rewritten(chain.proceed(chain.request())).code(307)
        .message("Temporary Redirect").header("Location", "https://elsewhere.example.com/api/v1/user")
        .body(ResponseBody.create("", MediaType.get("text/plain"))).build());

    LakeFSUnavailableException refused = assertThrows(LakeFSUnavailableException.class,
        () -> redirected.currentUser(ALICE));

    assertEquals("lakeFS at " + lakeFS.endpoint() + " redirected GET /user to"
        + " https://elsewhere.example.com/api/v1/user; set lakefs.endpoint to the URL lakeFS serves its API on"
        + UNTIL_BACK, refused.getMessage());
  }

  @Test
  public void anAnswerThatIsNotLakeFSsJsonIsUnavailableNotAnEmptyUser() {
    for (String body : List.of("<html>lakeFS UI</html>", "", "{\"id\":\"repo1\"}")) {
      LakeFSClient misdirected = behind(chain -> rewritten(chain.proceed(chain.request()))
          .body(ResponseBody.create(body, MediaType.get("application/json"))).build());

      LakeFSUnavailableException user = assertThrows(LakeFSUnavailableException.class,
          () -> misdirected.currentUser(ALICE));
      LakeFSUnavailableException repository = assertThrows(LakeFSUnavailableException.class,
          () -> misdirected.repositoryAs(ALICE, new LakeFSUser("alice", Optional.empty(), Optional.empty(),
              Instant.EPOCH), "repo1"));

      assertEquals("lakeFS at " + lakeFS.endpoint() + " answered GET /user with a body that is not lakeFS's JSON;"
          + " check that lakefs.endpoint is lakeFS's API URL" + UNTIL_BACK, user.getMessage());
      assertTrue(repository.getMessage(), repository.getMessage().startsWith("lakeFS at " + lakeFS.endpoint()
          + " answered GET /repositories/repo1 with a body that is not lakeFS's JSON"));
    }
  }

  @Test
  public void answersNormallyAgainOnceLakeFSIsBack() throws Exception {
    lakeFS.refuseConnections();
    assertThrows(LakeFSUnavailableException.class, () -> client.currentUser(ALICE));

    lakeFS.serveNormally();

    assertEquals("alice", client.currentUser(ALICE).id());
  }

  /** A client whose calls go through this interceptor, as through a proxy between it and lakeFS. */
  private LakeFSClient behind(Interceptor proxy) {
    LakeFSSettings settings = StandInFixture.settings(lakeFS);
    return new LakeFSClient(settings, LakeFSClient.httpClient(settings).newBuilder().addNetworkInterceptor(proxy)
        .build());
  }

  /** lakeFS's real answer, to be changed as a proxy or another server in its place would. */
  private static Response.Builder rewritten(Response answer) {
    answer.close();
    return answer.newBuilder();
  }
}
