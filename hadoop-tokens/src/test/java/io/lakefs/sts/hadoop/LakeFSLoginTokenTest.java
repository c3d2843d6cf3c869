package io.lakefs.sts.hadoop;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.lakefs.sts.hadoop.client.LakeFSLoginToken;
import io.lakefs.sts.hadoop.token.LakeFSTokenIdentifier;
import io.lakefs.sts.hadoop.token.LakeFSTokenIssuer;
import io.lakefs.sts.hadoop.token.LakeFSTokens;
import io.lakefs.sts.testsupport.LogCapture;
import io.lakefs.sts.testsupport.lakefs.LakeFSStandIn;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.security.Credentials;
import org.apache.hadoop.security.token.Token;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * The lakeFS login token in {@code LAKEFS_STS}: the driver logs in to lakeFS with alice's key, the token carries
 * the JWT, and lakeFS accepts it as alice from a holder without the key; its expiry schedules the driver's next
 * refresh, and lakeFS setups whose tokens could not be replaced in time are refused at mint time.
 */
public class LakeFSLoginTokenTest {
  private static ServiceFixture fixture;

  @BeforeClass
  public static void start() throws Exception {
    fixture = ServiceFixture.startWithoutKerberos(null);
  }

  @AfterClass
  public static void stop() throws Exception {
    ServiceFixture.stop(fixture);
  }

  private static Configuration driverLoggingInTo(URI lakeFS) {
    Configuration conf = TestConfs.driver(fixture);
    conf.set(LakeFSTokenKeys.LOGIN_ENDPOINT, lakeFS.toString());
    return conf;
  }

  private static LakeFSTokenIdentifier mint(Configuration conf) throws IOException {
    Token<LakeFSTokenIdentifier> token = new LakeFSTokenIssuer(conf).getDelegationToken("alice");
    return LakeFSTokens.decode(token).orElseThrow();
  }

  /** GET /api/v1/user with {@code Authorization: Bearer}: who lakeFS takes the holder for. */
  private static HttpResponse<String> whoAmI(URI lakeFS, LakeFSLoginToken login) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(lakeFS + "/user"))
        .header("Authorization", "Bearer " + login.token().reveal()).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  public void theTokenCarriesALoginLakeFSAcceptsAsTheUserFromAHolderWithoutTheKey() throws Exception {
    URI lakeFS = fixture.lakeFS().endpoint();
    LakeFSTokenIdentifier identifier;
    try (LogCapture log = new LogCapture()) {
      identifier = mint(driverLoggingInTo(lakeFS));
      LakeFSLoginToken login = identifier.getLakeFSLogin().orElseThrow();
      assertEquals(lakeFS, login.lakeFSEndpoint());
      assertTrue(login.expiration() + " is not about lakeFS's 7-day default away",
          login.expiration().isAfter(Instant.now().plus(Duration.ofDays(6))));
      TestConfs.assertNoSecret(fixture, log.text() + identifier, login.token().reveal());
    }
    HttpResponse<String> answer = whoAmI(lakeFS, identifier.getLakeFSLogin().orElseThrow());
    assertEquals(answer.body(), 200, answer.statusCode());
    assertTrue(answer.body(), answer.body().contains("\"id\":\"alice\""));
    assertTrue(fixture.lakeFS().requests().stream().anyMatch(r -> r.line().equals("POST /api/v1/auth/login")
        && r.user().equals(java.util.Optional.of("alice"))));
  }

  @Test
  public void withoutALoginEndpointTheTokenCarriesNoLogin() throws Exception {
    assertFalse(mint(TestConfs.driver(fixture)).getLakeFSLogin().isPresent());
  }

  @Test
  public void aLoginTokenShorterThanTheStsCredentialsBringsTheDriversRefreshForward() throws Exception {
    try (LakeFSStandIn shortLogins = LakeFSStandIn.builder()
        .user("alice", ServiceFixture.ALICE_KEY, ServiceFixture.ALICE_SECRET)
        .loginTokenLifetime(Duration.ofMinutes(10)).start()) {
      Token<LakeFSTokenIdentifier> token =
          new LakeFSTokenIssuer(driverLoggingInTo(shortLogins.endpoint())).getDelegationToken("alice");
      LakeFSTokenIdentifier identifier = LakeFSTokens.decode(token).orElseThrow();
      Credentials credentials = new Credentials();
      credentials.addToken(token.getService(), token);

      Instant refreshAt = LakeFSTokens.nextRefreshTime(credentials, Duration.ofMinutes(5)).orElseThrow();

      // STS credentials live 15 minutes here, the login 10: the login decides.
      assertEquals(identifier.getLakeFSLogin().orElseThrow().expiration().minus(Duration.ofMinutes(5)), refreshAt);
      assertTrue(refreshAt.isBefore(Instant.ofEpochMilli(
          identifier.getCredentials().orElseThrow().expirationEpochMillis()).minus(Duration.ofMinutes(5))));
    }
  }

  @Test
  public void loginTokensExpiringWithinTheRefreshMarginAreRefusedSayingWhatToChange() throws Exception {
    try (LakeFSStandIn shortLogins = LakeFSStandIn.builder()
        .user("alice", ServiceFixture.ALICE_KEY, ServiceFixture.ALICE_SECRET)
        .loginTokenLifetime(Duration.ofMinutes(2)).start()) {
      IOException e = assertThrows(IOException.class, () -> mint(driverLoggingInTo(shortLogins.endpoint())));
      assertTrue(e.getMessage(), e.getMessage().contains("auth.login_duration")
          && e.getMessage().contains(LakeFSTokenKeys.REFRESH_MARGIN_SECONDS));
    }
  }

  @Test
  public void aRefusedLoginNamesTheKeyAndWhatToCheckButNoSecret() throws Exception {
    try (LakeFSStandIn otherSecret = LakeFSStandIn.builder()
        .user("alice", ServiceFixture.ALICE_KEY, "a-different-secret-than-the-drivers").start()) {
      IOException e = assertThrows(IOException.class, () -> mint(driverLoggingInTo(otherSecret.endpoint())));
      assertTrue(e.getMessage(), e.getMessage().contains("HTTP 401")
          && e.getMessage().contains(ServiceFixture.ALICE_KEY) && e.getMessage().contains(LakeFSTokenKeys.LOGIN_ENDPOINT));
      TestConfs.assertNoSecret(fixture, e.toString());
    }
  }

  @Test
  public void aLoginEndpointThatIsNotLakeFSsApiIsReportedAsSuch() throws Exception {
    URI wrong = URI.create(fixture.lakeFS().endpoint() + "/not-the-api");
    IOException e = assertThrows(IOException.class, () -> mint(driverLoggingInTo(wrong)));
    assertTrue(e.getMessage(), e.getMessage().contains("is lakeFS's API base URL (.../api/v1)"));
  }
}
