package io.lakefs.sts.service.lakefs;

import static io.lakefs.sts.service.lakefs.StandInFixture.ALICE;
import static io.lakefs.sts.service.lakefs.StandInFixture.ALICE_KEY;
import static io.lakefs.sts.service.lakefs.StandInFixture.ALICE_SECRET;
import static io.lakefs.sts.service.lakefs.StandInFixture.ALICE_WRONG_SECRET;
import static io.lakefs.sts.service.lakefs.StandInFixture.BOB;
import static io.lakefs.sts.service.lakefs.StandInFixture.CAROL;
import static io.lakefs.sts.service.lakefs.StandInFixture.UNKNOWN_KEY;
import static io.lakefs.sts.service.lakefs.StandInFixture.basic;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import io.lakefs.sts.testsupport.lakefs.LakeFSStandIn;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** No secret, nor the header that carries one, in any failure or description this package produces. */
public class LakeFSSecretsTest {
  private LakeFSStandIn lakeFS;
  private final List<Throwable> failures = new ArrayList<>();

  @Before
  public void start() throws IOException {
    lakeFS = StandInFixture.start();
  }

  @After
  public void stop() {
    lakeFS.close();
  }

  @Test
  public void noFailureShowsASecretInItsMessageOrAnyCause() throws Exception {
    try (CachingLakeFSClient client = new CachingLakeFSClient(StandInFixture.settings(lakeFS))) {
      collect(() -> client.authenticate(basic(ALICE_KEY, "")));
      collect(() -> client.authenticate("Bearer " + ALICE_SECRET));
      collect(() -> client.authenticate("Basic " + ALICE_SECRET));
      collect(() -> client.authenticate("Basic " + StandInFixture.encoded(ALICE_KEY + ALICE_SECRET)));
      collect(() -> client.authenticate(basic(ALICE_KEY, StandInFixture.WRONG_SECRET)));
      collect(() -> client.currentUser(ALICE_WRONG_SECRET));
      collect(() -> client.currentUser(UNKNOWN_KEY));
      collect(() -> client.repository(BOB, "repo1"));
      collect(() -> client.repository(CAROL, "no-such-repo"));
      collect(() -> client.repository(ALICE, "Not A Repo"));
    }
    // Uncached, so that each call reaches the failing lakeFS.
    try (LakeFSClient client = new LakeFSClient(StandInFixture.settings(lakeFS)
        .withTimeouts(Duration.ofMillis(200), Duration.ofMillis(200)))) {
      lakeFS.answerUnavailable();
      collect(() -> client.currentUser(CAROL));
      lakeFS.serveNormally();
      lakeFS.delayAnswers(Duration.ofSeconds(5));
      collect(() -> client.repository(ALICE, "repo1"));
      lakeFS.refuseConnections();
      collect(() -> client.currentUser(BOB));
    }

    assertEquals(13, failures.size());
    for (Throwable failure : failures) {
      assertShowsNoSecret(StandInFixture.printed(failure));
      assertShowsNoSecret(failure.toString());
    }
  }

  @Test
  public void credentialsSettingsAndAnswersDescribeThemselvesWithoutSecrets() throws Exception {
    try (LakeFSClient client = new LakeFSClient(StandInFixture.settings(lakeFS))) {
      assertShowsNoSecret(ALICE.toString());
      assertShowsNoSecret(LakeFSCredentials.fromAuthorizationHeader(basic(ALICE_KEY, ALICE_SECRET)).toString());
      assertShowsNoSecret(client.settings().toString());
      assertShowsNoSecret(client.currentUser(ALICE).toString());
      assertShowsNoSecret(client.repository(ALICE, "repo1").toString());
    }
  }

  private void collect(StandInCall call) {
    try {
      call.run();
    } catch (Exception e) {
      failures.add(e);
      return;
    }
    throw new AssertionError("expected a failure");
  }

  private interface StandInCall {
    void run() throws Exception;
  }

  private static void assertShowsNoSecret(String text) {
    assertFalse(text.isEmpty());
    for (String secret : StandInFixture.SECRETS) {
      assertFalse("shows the secret " + secret + ": " + text, text.contains(secret));
      assertFalse("shows the header of " + secret + ": " + text,
          text.contains(StandInFixture.encoded(ALICE_KEY + ":" + secret)));
    }
  }
}
