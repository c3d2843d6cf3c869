package io.lakefs.sts.hadoop.client;

import static io.lakefs.sts.hadoop.ServiceFixture.ALICE_KEY;
import static io.lakefs.sts.hadoop.ServiceFixture.ALICE_SECRET;
import static io.lakefs.sts.hadoop.ServiceFixture.REPO;
import static io.lakefs.sts.hadoop.ServiceFixture.OTHER_REPO;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.lakefs.sts.hadoop.ServiceFixture;
import io.lakefs.sts.hadoop.token.EmbeddedStsCredentials;
import io.lakefs.sts.protocol.Access;
import io.lakefs.sts.protocol.CredentialsAnswer;
import io.lakefs.sts.protocol.Secret;
import io.lakefs.sts.service.ServiceKeys;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/** The client against the real service on loopback, authenticated by lakeFS keys and by the service's tokens. */
public class CredentialsServiceClientTest {
  private static ServiceFixture fixture;
  private static final LakeFSAccessKey ALICE = new LakeFSAccessKey(ALICE_KEY, Secret.of(ALICE_SECRET));

  @BeforeClass
  public static void start() throws Exception {
    // No cached lakeFS authentications, so an unavailable lakeFS shows at once.
    fixture = ServiceFixture.start(null, conf -> conf.set(ServiceKeys.LAKEFS_AUTH_CACHE_SECONDS, "0"));
  }

  @AfterClass
  public static void stop() throws Exception {
    if (fixture != null) {
      fixture.close();
    }
  }

  private static ClientSettings settings(URI... endpoints) {
    return new ClientSettings(List.of(endpoints), Duration.ofSeconds(2), Duration.ofSeconds(10), 2,
        Duration.ofMillis(100), Duration.ofSeconds(3));
  }

  private static CredentialsServiceClient client() {
    return new CredentialsServiceClient(settings(fixture.endpoint()));
  }

  /** A loopback port nobody listens on: connections to it are refused. */
  private static URI refusingEndpoint() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }
  }

  private static void assertNoSecret(String text) {
    for (String secret : List.of(ALICE_SECRET, ServiceFixture.BOB_SECRET)) {
      assertFalse(text, text.contains(secret));
    }
  }

  @Test
  public void lakeFSKeyGetsCredentialsScopedToTheRepository() throws Exception {
    CredentialsAnswer credentials = client().getCredentials(ServiceAuth.lakeFSKey(ALICE), List.of(REPO), Access.WRITE);

    assertEquals("alice", credentials.sourceIdentity());
    assertEquals(List.of(new CredentialsAnswer.Grant("s3://" + fixture.aws().bucket() + "/" + REPO + "/", "write")),
        credentials.scope());
    assertTrue(credentials.expiration().isAfter(Instant.now().plusSeconds(600)));
    assertFalse(credentials.secretAccessKey().isEmpty());
    String shown = credentials.toString() + EmbeddedStsCredentials.of(credentials) + ServiceAuth.lakeFSKey(ALICE);
    assertFalse(shown, shown.contains(credentials.secretAccessKey().reveal()));
    assertFalse(shown, shown.contains(credentials.sessionToken().reveal()));
    assertNoSecret(shown);
  }

  @Test
  public void refusalQuotesTheServiceAndSaysWhatToDo() {
    CredentialsServiceException e = assertThrows(CredentialsServiceException.class,
        () -> client().getCredentials(ServiceAuth.lakeFSKey(ALICE), List.of(OTHER_REPO), Access.READ));

    assertEquals(403, e.status());
    assertTrue(e.serviceMessage(), e.serviceMessage().contains(OTHER_REPO));
    assertTrue(e.getMessage(), e.getMessage().contains(e.serviceMessage()));
    assertTrue(e.getMessage(), e.getMessage().contains("ask a lakeFS administrator"));
  }

  @Test
  public void wrongSecretIsA401ThatNamesTheKeysAndNotTheSecret() {
    String wrong = "not-alices-secret-at-all-000000000000";
    CredentialsServiceException e = assertThrows(CredentialsServiceException.class,
        () -> client().getCredentials(ServiceAuth.lakeFSKey(new LakeFSAccessKey(ALICE_KEY, Secret.of(wrong))),
            List.of(REPO), null));

    assertEquals(401, e.status());
    assertTrue(e.getMessage(), e.getMessage().contains("fs.s3a.ext.lakefs.access.key"));
    assertFalse(e.getMessage(), e.getMessage().contains(wrong));
  }

  @Test
  public void unreachableEndpointFailsOverToTheNext() throws Exception {
    CredentialsServiceClient client = new CredentialsServiceClient(settings(refusingEndpoint(), fixture.endpoint()));

    CredentialsAnswer credentials = client.getCredentials(ServiceAuth.lakeFSKey(ALICE), List.of(REPO), null);

    assertEquals("alice", credentials.sourceIdentity());
  }

  @Test
  public void noEndpointReachableSaysWhichKeyToCheck() throws Exception {
    List<Duration> waits = new ArrayList<>();
    URI nowhere = refusingEndpoint();
    CredentialsServiceClient client = new CredentialsServiceClient(settings(nowhere), waits::add);

    CredentialsServiceException e = assertThrows(CredentialsServiceException.class,
        () -> client.getCredentials(ServiceAuth.lakeFSKey(ALICE), List.of(REPO), null));

    assertEquals(CredentialsServiceException.NO_ANSWER, e.status());
    assertTrue(e.getMessage(), e.getMessage().contains(nowhere.toString())
        && e.getMessage().contains("fs.s3a.ext.lakefs.service.endpoints"));
    assertEquals(List.of(Duration.ofMillis(100)), waits);
  }

  @Test
  public void answerTooSlowIsNotTriedElsewhereAndSaysWhichTimeoutToRaise() throws Exception {
    CredentialsServiceClient client = new CredentialsServiceClient(new ClientSettings(
        List.of(fixture.endpoint(), refusingEndpoint()), Duration.ofSeconds(2), Duration.ofMillis(300), 2,
        Duration.ofMillis(100), Duration.ofSeconds(1)));
    fixture.lakeFS().delayAnswers(Duration.ofMillis(1000));
    try {
      CredentialsServiceException e = assertThrows(CredentialsServiceException.class,
          () -> client.getCredentials(ServiceAuth.lakeFSKey(ALICE), List.of(REPO), null));

      assertEquals(CredentialsServiceException.NO_ANSWER, e.status());
      assertEquals(fixture.endpoint(), e.endpoint());
      assertTrue(e.getMessage(), e.getMessage().contains("did not answer")
          && e.getMessage().contains("fs.s3a.ext.lakefs.read-timeout.millis"));
    } finally {
      fixture.lakeFS().delayAnswers(Duration.ZERO);
    }
  }

  @Test
  public void unavailableServiceIsRetriedHonouringRetryAfter() throws Exception {
    List<Duration> waits = new ArrayList<>();
    CredentialsServiceClient client = new CredentialsServiceClient(settings(fixture.endpoint()), waits::add);
    fixture.lakeFS().answerUnavailable();
    try {
      CredentialsServiceException e = assertThrows(CredentialsServiceException.class,
          () -> client.getCredentials(ServiceAuth.lakeFSKey(ALICE), List.of(REPO), null));

      assertEquals(503, e.status());
      assertFalse(e.serviceMessage().isEmpty());
      assertTrue(e.getMessage(), e.getMessage().contains("retry later"));
      // The service says Retry-After: 10; the wait is that, bounded by the configured maximum (3 s).
      assertEquals(List.of(Duration.ofSeconds(3)), waits);
    } finally {
      fixture.lakeFS().serveNormally();
    }
  }

  @Test
  public void delegationTokenRenewedByItsRenewerAndRefusedOnceCancelled() throws Exception {
    ServiceDelegationToken token = client().getDelegationToken(ServiceAuth.lakeFSKey(ALICE), "alice",
        List.of(REPO), Access.READ);

    assertEquals("alice", token.owner());
    assertEquals("alice", token.renewer());
    assertTrue(token.maxDate().isAfter(Instant.now()));
    assertNoSecret(token.toString());
    assertFalse(token.toString().contains(token.urlString().reveal()));

    Instant expiry = client().renew(ServiceAuth.lakeFSKey(ALICE), token.urlString());
    assertTrue(expiry.isAfter(Instant.now()));

    client().cancel(ServiceAuth.lakeFSKey(ALICE), token.urlString());
    CredentialsServiceException refused = assertThrows(CredentialsServiceException.class,
        () -> client().renew(ServiceAuth.lakeFSKey(ALICE), token.urlString()));
    assertEquals(403, refused.status());
    // The service's JSON message, not the status line's "Forbidden".
    assertTrue(refused.serviceMessage(), refused.serviceMessage().contains("of lakeFS user alice was cancelled at")
        && refused.serviceMessage().contains(" by alice; obtain a new one"));
    assertTrue(refused.getMessage(), refused.getMessage().contains(refused.serviceMessage()));
    assertFalse(refused.getMessage(), refused.getMessage().contains(token.urlString().reveal()));
  }

  @Test
  public void renewAndCancelRefusalsQuoteTheServicesReason() throws Exception {
    LakeFSAccessKey bob = new LakeFSAccessKey(ServiceFixture.BOB_KEY, Secret.of(ServiceFixture.BOB_SECRET));
    ServiceDelegationToken token = client().getDelegationToken(ServiceAuth.lakeFSKey(ALICE), "alice",
        List.of(REPO), Access.READ);

    CredentialsServiceException renewedByBob = assertThrows(CredentialsServiceException.class,
        () -> client().renew(ServiceAuth.lakeFSKey(bob), token.urlString()));
    CredentialsServiceException cancelledByBob = assertThrows(CredentialsServiceException.class,
        () -> client().cancel(ServiceAuth.lakeFSKey(bob), token.urlString()));
    client().cancel(ServiceAuth.lakeFSKey(ALICE), token.urlString());
    CredentialsServiceException cancelledAgain = assertThrows(CredentialsServiceException.class,
        () -> client().cancel(ServiceAuth.lakeFSKey(ALICE), token.urlString()));

    assertEquals(403, renewedByBob.status());
    assertTrue(renewedByBob.serviceMessage(),
        renewedByBob.serviceMessage().contains("may be renewed only by its renewer alice, not by bob"));
    assertTrue(renewedByBob.getMessage(), renewedByBob.getMessage().contains("renew as the renewer"));
    assertEquals(403, cancelledByBob.status());
    assertTrue(cancelledByBob.serviceMessage(), cancelledByBob.serviceMessage().contains(
        "may be cancelled only by its owner alice or its renewer alice"));
    assertEquals(404, cancelledAgain.status());
    assertTrue(cancelledAgain.serviceMessage(), cancelledAgain.serviceMessage().contains(
        "of lakeFS user alice was cancelled at") && cancelledAgain.serviceMessage().contains(" by alice"));
    for (CredentialsServiceException e : List.of(renewedByBob, cancelledByBob, cancelledAgain)) {
      assertTrue(e.getMessage(), e.getMessage().contains(e.serviceMessage()));
      assertFalse(e.getMessage(), e.getMessage().contains(token.urlString().reveal()));
      assertNoSecret(e.getMessage());
    }
  }

  @Test
  public void delegationTokenAloneGetsCredentialsInItsScope() throws Exception {
    ServiceDelegationToken token = client().getDelegationToken(ServiceAuth.lakeFSKey(ALICE), "alice",
        List.of(REPO), Access.READ);

    CredentialsAnswer credentials = client().getCredentials(ServiceAuth.delegationToken(token.urlString()),
        List.of(), null);

    assertEquals("alice", credentials.sourceIdentity());
    assertEquals(List.of(new CredentialsAnswer.Grant("s3://" + fixture.aws().bucket() + "/" + REPO + "/", "read")),
        credentials.scope());
  }

  @Test
  public void cancelledTokenSurfacesTheServicesMessageVerbatim() throws Exception {
    ServiceDelegationToken token = client().getDelegationToken(ServiceAuth.lakeFSKey(ALICE), "alice",
        List.of(REPO), Access.READ);
    client().cancel(ServiceAuth.lakeFSKey(ALICE), token.urlString());

    CredentialsServiceException e = assertThrows(CredentialsServiceException.class,
        () -> client().getCredentials(ServiceAuth.delegationToken(token.urlString()), List.of(), null));

    assertEquals(403, e.status());
    assertTrue(e.serviceMessage(), e.serviceMessage().contains("cancelled at") && e.serviceMessage().contains("alice"));
    assertTrue(e.getMessage(), e.getMessage().contains(e.serviceMessage()));
    assertFalse(e.getMessage(), e.getMessage().contains(token.urlString().reveal()));
  }
}
