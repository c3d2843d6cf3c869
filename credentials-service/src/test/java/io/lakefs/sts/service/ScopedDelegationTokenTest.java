package io.lakefs.sts.service;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakefs.sts.protocol.TokenKinds;
import io.lakefs.sts.service.scope.AccessLevel;
import io.lakefs.sts.service.scope.ResolvedScope;
import io.lakefs.sts.service.scope.StorageNamespace;
import io.lakefs.sts.testsupport.LogCapture;
import io.lakefs.sts.service.tokens.ScopedTokenIdentifier;
import io.lakefs.sts.testsupport.LocalAwsProcess;
import io.lakefs.sts.testsupport.lakefs.LakeFSStandIn;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.curator.test.TestingServer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.security.token.Token;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Credentials for callers holding only the service's delegation token, as executors and the YARN RM do: the
 * scope checked with the lakeFS key when the token was issued travels, signed, in the token. Over real HTTP on
 * loopback with the lakeFS stand-in, local-aws and, for several instances, a real ZooKeeper.
 */
public class ScopedDelegationTokenTest {
  private static final String ALICE_KEY = "AKIAIOSFODNN7ALICE01";
  private static final String ALICE_SECRET = "alice-secret-for-loopback-tests-0001";
  private static final String BOB_KEY = "AKIAIOSFODNN7BOB0001";
  private static final String BOB_SECRET = "bob-secret-for-loopback-tests-00001";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient http = HttpClient.newHttpClient();

  private static LakeFSStandIn lakeFS;
  private static LocalAwsProcess aws;
  private static TestingServer zooKeeper;
  private static CredentialsService service;

  @BeforeClass
  public static void startEverything() throws Exception {
    lakeFS = LakeFSStandIn.builder()
        .user("alice", ALICE_KEY, ALICE_SECRET)
        .user("bob", BOB_KEY, BOB_SECRET)
        .repository("repo1", "s3://lakefs-data/repo1/")
        .repository("repo2", "s3://lakefs-data/repo2/")
        .grant("alice", "repo1")
        .grant("alice", "repo2")
        .start();
    aws = LocalAwsProcess.builder().start();
    zooKeeper = LoopbackServers.zooKeeper();
    service = start(configuration());
  }

  @AfterClass
  public static void stopEverything() throws Exception {
    for (AutoCloseable closeable : new AutoCloseable[] {service, zooKeeper, aws, lakeFS}) {
      if (closeable != null) {
        closeable.close();
      }
    }
  }

  private static Configuration configuration(String... keysAndValues) {
    Configuration conf = LoopbackServers.serviceConfiguration(lakeFS, aws);
    conf.set(ServiceKeys.REPOSITORY_PREFIX + "repo1" + ServiceKeys.REPOSITORY_EXTRA_LOCATIONS_SUFFIX,
        "s3://lakefs-data/imports/repo1/");
    for (int i = 0; i < keysAndValues.length; i += 2) {
      conf.set(keysAndValues[i], keysAndValues[i + 1]);
    }
    return conf;
  }

  private static CredentialsService start(Configuration conf) throws Exception {
    return CredentialsService.start(ServiceConfig.from(conf), Clock.systemUTC());
  }

  private static String basic(String key, String secret) {
    return "Basic " + Base64.getEncoder().encodeToString((key + ":" + secret).getBytes(StandardCharsets.UTF_8));
  }

  private static HttpResponse<String> tokenOperation(CredentialsService instance, String method, String query,
      String authorization) throws Exception {
    return http.send(HttpRequest.newBuilder(instance.endpoint().resolve("/api/v1/delegation-token?" + query))
        .header("Authorization", authorization)
        .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A token obtained with alice's lakeFS key, for {@code query}'s repositories and access, renewable by bob. */
  private static String aliceToken(CredentialsService instance, String query) throws Exception {
    HttpResponse<String> got = tokenOperation(instance, "GET", "op=GETDELEGATIONTOKEN&renewer=bob&" + query,
        basic(ALICE_KEY, ALICE_SECRET));
    assertEquals(got.body(), 200, got.statusCode());
    return JSON.readTree(got.body()).get("Token").get("urlString").asText();
  }

  private static HttpResponse<String> credentials(CredentialsService instance, String token, String body)
      throws Exception {
    return http.send(HttpRequest.newBuilder(instance.endpoint().resolve("/api/v1/credentials"))
        .header("X-Hadoop-Delegation-Token", token)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String message(HttpResponse<String> response) throws Exception {
    return JSON.readTree(response.body()).get("message").asText();
  }

  /** Refusals of a token come in Hadoop's RemoteException JSON, which Hadoop's clients parse. */
  /** The message of Hadoop's RemoteException JSON, which must be what the response says it carries. */
  private static String remoteExceptionMessage(HttpResponse<String> response) throws Exception {
    assertEquals(response.headers().map().toString(), "application/json",
        response.headers().firstValue("Content-Type").orElse(""));
    JsonNode remote = JSON.readTree(response.body()).get("RemoteException");
    assertNotNull(response.body(), remote);
    return remote.get("message").asText();
  }

  private static Token<ScopedTokenIdentifier> decode(String urlString) throws Exception {
    Token<ScopedTokenIdentifier> token = new Token<>();
    token.decodeFromUrlString(urlString);
    return token;
  }

  private static ScopedTokenIdentifier identifier(Token<?> token) throws Exception {
    ScopedTokenIdentifier identifier = new ScopedTokenIdentifier(token.getKind());
    identifier.readFields(new DataInputStream(new ByteArrayInputStream(token.getIdentifier())));
    return identifier;
  }

  /** The log once it holds {@code expected}: the audit line is written just after the answer is sent. */
  private static String eventually(LogCapture log, String expected) throws InterruptedException {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (!log.text().contains(expected) && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertTrue(log.text(), log.text().contains(expected));
    return log.text();
  }


  @Test
  public void theTokenAloneGivesCredentialsScopedToItWithoutAskingLakeFS() throws Exception {
    String token = aliceToken(service, "repositories=repo1&access=write");
    ScopedTokenIdentifier identifier = identifier(decode(token));
    assertEquals("alice", identifier.getOwner().toString());
    assertEquals("alice", identifier.lakeFSUser());

    HttpResponse<String> response;
    try (LogCapture log = new LogCapture()) {
      lakeFS.refuseConnections();
      try {
        response = credentials(service, token, "");
      } finally {
        lakeFS.serveNormally();
      }
      assertEquals(response.body(), 200, response.statusCode());
      String audit = eventually(log, "\"event\":\"credentials.issued\",\"user\":\"alice\","
          + "\"auth_method\":\"delegation-token\"");
      assertTrue(audit, audit.contains("\"token_sequence_number\":" + identifier.getSequenceNumber()));
    }
    JsonNode credentials = JSON.readTree(response.body());
    assertEquals("alice", credentials.get("source_identity").asText());
    assertEquals("[{\"location\":\"s3://lakefs-data/imports/repo1/\",\"access\":\"read\"},"
        + "{\"location\":\"s3://lakefs-data/repo1/\",\"access\":\"write\"}]",
        JSON.writeValueAsString(credentials.get("scope")));
    try (S3Client s3 = LoopbackServers.s3(aws, credentials)) {
      s3.putObject(r -> r.bucket("lakefs-data").key("repo1/data/on-a-token"), RequestBody.fromString("a"));
      S3Exception denied = assertThrows(S3Exception.class,
          () -> s3.putObject(r -> r.bucket("lakefs-data").key("repo2/data/on-a-token"), RequestBody.fromString("b")));
      assertEquals("AccessDenied", denied.awsErrorDetails().errorCode());
    }
  }

  @Test
  public void askingMoreThanTheTokenCarriesIsRefusedNamingWhat() throws Exception {
    String token = aliceToken(service, "repositories=repo1&access=read");

    HttpResponse<String> otherRepository = credentials(service, token, "{\"repositories\": [\"repo1\", \"repo2\"]}");
    HttpResponse<String> wider = credentials(service, token, "{\"access\": \"write\"}");
    HttpResponse<String> within = credentials(service, token, "{\"repositories\": [\"repo1\"], \"access\": \"read\"}");

    assertEquals(otherRepository.body(), 403, otherRepository.statusCode());
    assertTrue(message(otherRepository), message(otherRepository).contains("[repo2] are not in the delegation token"));
    assertEquals(wider.body(), 403, wider.statusCode());
    assertTrue(message(wider), message(wider).contains("grants read access, not write"));
    assertEquals(within.body(), 200, within.statusCode());
  }

  @Test
  public void aWriteTokenMayBeNarrowedToRead() throws Exception {
    String token = aliceToken(service, "repositories=repo1,repo2&access=write");

    HttpResponse<String> narrowed = credentials(service, token, "{\"repositories\": [\"repo2\"], \"access\": \"read\"}");

    assertEquals(narrowed.body(), 200, narrowed.statusCode());
    assertEquals("[{\"location\":\"s3://lakefs-data/repo2/\",\"access\":\"read\"}]",
        JSON.writeValueAsString(JSON.readTree(narrowed.body()).get("scope")));
  }

  /** The token with its scope widened to all of the bucket and write access; Hadoop's fields and password kept. */
  private static String withEditedScope(String urlString) throws Exception {
    Token<ScopedTokenIdentifier> genuine = decode(urlString);
    ScopedTokenIdentifier original = identifier(genuine);
    ScopedTokenIdentifier edited = new ScopedTokenIdentifier(genuine.getKind(), original.getOwner(),
        original.getRenewer(), original.lakeFSUser(), new ResolvedScope(AccessLevel.WRITE,
            Map.of("repo2", List.of(StorageNamespace.parse("s3://lakefs-data/")))));
    edited.setSequenceNumber(original.getSequenceNumber());
    edited.setIssueDate(original.getIssueDate());
    edited.setMaxDate(original.getMaxDate());
    edited.setMasterKeyId(original.getMasterKeyId());
    return new Token<>(edited.getBytes(), genuine.getPassword(), genuine.getKind(), genuine.getService())
        .encodeToUrlString();
  }

  @Test
  public void aTokenWhoseScopeWasEditedIsRefused() throws Exception {
    String forged = withEditedScope(aliceToken(service, "repositories=repo1&access=read"));

    HttpResponse<String> refused = credentials(service, forged, "");
    HttpResponse<String> renewal = tokenOperation(service, "PUT", "op=RENEWDELEGATIONTOKEN&token=" + forged,
        basic(BOB_KEY, BOB_SECRET));
    HttpResponse<String> cancel = tokenOperation(service, "PUT", "op=CANCELDELEGATIONTOKEN&token=" + forged,
        basic(ALICE_KEY, ALICE_SECRET));

    // 403 on every route, cancel included: a 404 there would tell renewers the token is already gone.
    for (HttpResponse<String> response : List.of(refused, renewal, cancel)) {
      assertEquals(response.body(), 403, response.statusCode());
      assertTrue(response.body(), remoteExceptionMessage(response).contains("does not match its signature"));
    }
  }

  @Test
  public void garbageAndTruncatedTokensAreRefusedWithoutAStackTrace() throws Exception {
    String token = aliceToken(service, "repositories=repo1");

    HttpResponse<String> garbage = credentials(service, "not a token!", "");
    HttpResponse<String> truncated = credentials(service, token.substring(0, token.length() / 2), "");
    Token<ScopedTokenIdentifier> genuine = decode(token);
    byte[] shortIdentifier = java.util.Arrays.copyOf(genuine.getIdentifier(), genuine.getIdentifier().length - 5);
    HttpResponse<String> shortened = credentials(service, new Token<>(shortIdentifier, genuine.getPassword(),
        genuine.getKind(), genuine.getService()).encodeToUrlString(), "");

    for (HttpResponse<String> response : List.of(garbage, truncated, shortened)) {
      assertEquals(response.body(), 403, response.statusCode());
      assertFalse(response.body(), response.body().contains("\tat ") || response.body().contains("\\tat "));
    }
    assertTrue(garbage.body(), remoteExceptionMessage(garbage).contains("not a token as Hadoop's"));
    assertTrue(truncated.body(), remoteExceptionMessage(truncated).contains("not a token as Hadoop's"));
    assertTrue(shortened.body(), remoteExceptionMessage(shortened).contains("truncated or corrupt"));
  }

  @Test
  public void aCancelledTokenIsRefusedSayingByWhomAndWhen() throws Exception {
    String token = aliceToken(service, "repositories=repo1");

    HttpResponse<String> cancelled = tokenOperation(service, "PUT", "op=CANCELDELEGATIONTOKEN&token=" + token,
        basic(BOB_KEY, BOB_SECRET));
    HttpResponse<String> afterwards = credentials(service, token, "");
    HttpResponse<String> cancelledAgain = tokenOperation(service, "PUT", "op=CANCELDELEGATIONTOKEN&token=" + token,
        basic(ALICE_KEY, ALICE_SECRET));

    assertEquals(cancelled.body(), 200, cancelled.statusCode());
    assertEquals(afterwards.body(), 403, afterwards.statusCode());
    String message = remoteExceptionMessage(afterwards);
    assertTrue(message, message.matches("delegation token \\d+ of lakeFS user alice was cancelled at"
        + " \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ by bob; obtain a new one"));
    assertEquals(cancelledAgain.body(), 404, cancelledAgain.statusCode());
    assertTrue(cancelledAgain.body(), remoteExceptionMessage(cancelledAgain).contains("was cancelled at"));
  }

  @Test
  public void aTokenPresentedBeforeIsStillCheckedForItsSignatureAndCancellation() throws Exception {
    String token = aliceToken(service, "repositories=repo1");
    Token<ScopedTokenIdentifier> genuine = decode(token);
    byte[] otherPassword = genuine.getPassword().clone();
    otherPassword[0] ^= 1;
    String altered = new Token<>(genuine.getIdentifier(), otherPassword, genuine.getKind(), genuine.getService())
        .encodeToUrlString();

    HttpResponse<String> first = credentials(service, token, "");
    HttpResponse<String> withAlteredPassword = credentials(service, altered, "");
    HttpResponse<String> again = credentials(service, token, "");
    HttpResponse<String> cancelled = tokenOperation(service, "PUT", "op=CANCELDELEGATIONTOKEN&token=" + token,
        basic(ALICE_KEY, ALICE_SECRET));
    HttpResponse<String> afterCancel = credentials(service, token, "");

    assertEquals(first.body(), 200, first.statusCode());
    assertEquals(withAlteredPassword.body(), 403, withAlteredPassword.statusCode());
    assertTrue(withAlteredPassword.body(),
        remoteExceptionMessage(withAlteredPassword).contains("does not match its signature"));
    assertEquals(again.body(), 200, again.statusCode());
    assertEquals(cancelled.body(), 200, cancelled.statusCode());
    assertEquals(afterCancel.body(), 403, afterCancel.statusCode());
    assertTrue(afterCancel.body(), remoteExceptionMessage(afterCancel).contains("was cancelled at"));
  }

  @Test
  public void onlyTheRenewerRenewsAndTheRefusalNamesIt() throws Exception {
    String token = aliceToken(service, "repositories=repo1");

    HttpResponse<String> byOwner = tokenOperation(service, "PUT", "op=RENEWDELEGATIONTOKEN&token=" + token,
        basic(ALICE_KEY, ALICE_SECRET));

    assertEquals(byOwner.body(), 403, byOwner.statusCode());
    assertTrue(byOwner.body(), remoteExceptionMessage(byOwner).contains(
        "may be renewed only by its renewer bob, not by alice; renew it as bob"));
  }

  @Test
  public void onlyTheOwnerOrTheRenewerCancels() throws Exception {
    HttpResponse<String> got = tokenOperation(service, "GET",
        "op=GETDELEGATIONTOKEN&renewer=alice&repositories=repo1", basic(ALICE_KEY, ALICE_SECRET));
    String aliceOnly = JSON.readTree(got.body()).get("Token").get("urlString").asText();

    HttpResponse<String> byStranger = tokenOperation(service, "PUT", "op=CANCELDELEGATIONTOKEN&token=" + aliceOnly,
        basic(BOB_KEY, BOB_SECRET));

    assertEquals(byStranger.body(), 403, byStranger.statusCode());
    assertTrue(byStranger.body(), remoteExceptionMessage(byStranger).contains("may be cancelled only by its owner"
        + " alice or its renewer alice"));
    assertEquals(200, credentials(service, aliceOnly, "").statusCode());
  }

  @Test
  public void expiredAndPastMaximumLifetimeTokensSayWhich() throws Exception {
    try (CredentialsService shortRenewal = start(configuration(ServiceKeys.TOKEN_RENEW_INTERVAL_SECONDS, "1"));
        CredentialsService shortLife = start(configuration(ServiceKeys.TOKEN_MAX_LIFETIME_SECONDS, "1",
            ServiceKeys.TOKEN_RENEW_INTERVAL_SECONDS, "1"))) {
      String expiring = aliceToken(shortRenewal, "repositories=repo1");
      String ending = aliceToken(shortLife, "repositories=repo1");
      Thread.sleep(1500);

      HttpResponse<String> expired = credentials(shortRenewal, expiring, "");
      HttpResponse<String> ended = credentials(shortLife, ending, "");
      HttpResponse<String> renewEnded = tokenOperation(shortLife, "PUT", "op=RENEWDELEGATIONTOKEN&token=" + ending,
          basic(BOB_KEY, BOB_SECRET));

      assertEquals(expired.body(), 403, expired.statusCode());
      assertTrue(expired.body(), remoteExceptionMessage(expired).contains("of lakeFS user alice expired at")
          && remoteExceptionMessage(expired).contains("its renewer bob may renew it until"));
      assertEquals(ended.body(), 403, ended.statusCode());
      assertTrue(ended.body(), remoteExceptionMessage(ended).contains("passed its maximum lifetime"));
      assertEquals(renewEnded.body(), 403, renewEnded.statusCode());
      assertTrue(renewEnded.body(), remoteExceptionMessage(renewEnded).contains("passed its maximum lifetime"));
    }
  }

  @Test
  public void credentialsEndNoLaterThanTheTokenAndATokenNearItsEndMustBeRenewed() throws Exception {
    try (CredentialsService twentyMinutes = start(configuration(ServiceKeys.CREDENTIALS_DURATION_SECONDS, "3600",
            ServiceKeys.TOKEN_RENEW_INTERVAL_SECONDS, "1200"));
        CredentialsService tenMinutes = start(configuration(ServiceKeys.TOKEN_RENEW_INTERVAL_SECONDS, "600"))) {
      String token = aliceToken(twentyMinutes, "repositories=repo1");
      long tokenExpiry = System.currentTimeMillis() / 1000 + 1200;

      HttpResponse<String> capped = credentials(twentyMinutes, token, "");
      HttpResponse<String> tooSoon = credentials(tenMinutes, aliceToken(tenMinutes, "repositories=repo1"), "");

      assertEquals(capped.body(), 200, capped.statusCode());
      long expiration = JSON.readTree(capped.body()).get("expiration").asLong();
      assertTrue(expiration + " after the token's end " + tokenExpiry, expiration <= tokenExpiry
          && expiration > tokenExpiry - 120);
      assertEquals(tooSoon.body(), 401, tooSoon.statusCode());
      assertTrue(message(tooSoon), message(tooSoon).contains("renew the token"));
    }
  }

  @Test
  public void aTokenFromOneInstanceGivesTheSameScopeOnAnother() throws Exception {
    try (CredentialsService a = start(zooKeeper("/scoped-tokens")); CredentialsService b = start(zooKeeper("/scoped-tokens"))) {
      String token = aliceToken(a, "repositories=repo1&access=write");

      HttpResponse<String> onA = credentials(a, token, "");
      lakeFS.refuseConnections();
      HttpResponse<String> onB;
      try {
        onB = credentials(b, token, "");
      } finally {
        lakeFS.serveNormally();
      }

      assertEquals(onA.body(), 200, onA.statusCode());
      assertEquals(onB.body(), 200, onB.statusCode());
      assertEquals(JSON.readTree(onA.body()).get("scope"), JSON.readTree(onB.body()).get("scope"));
      assertTrue(onB.body(), onB.body().contains("s3://lakefs-data/repo1/"));
      // Hadoop's ZooKeeper store finds a token by its sequence number alone: the signature is what refuses this.
      HttpResponse<String> forged = credentials(b, withEditedScope(token), "");
      assertEquals(forged.body(), 403, forged.statusCode());
      assertTrue(forged.body(), remoteExceptionMessage(forged).contains("does not match its signature"));
    }
  }

  private static Configuration zooKeeper(String path) {
    return configuration(ServiceKeys.TOKEN_STORE, "zookeeper", ServiceKeys.ZOOKEEPER_CONNECT,
        zooKeeper.getConnectString(), ServiceKeys.ZOOKEEPER_PATH, path,
        ServiceKeys.ZOOKEEPER_CONNECTION_TIMEOUT_MILLIS, "5000");
  }

  @Test
  public void neitherLogHoldsTheTokenItsPasswordOrAnySecret() throws Exception {
    try (LogCapture log = new LogCapture()) {
      String token = aliceToken(service, "repositories=repo1&access=write");
      HttpResponse<String> issued = credentials(service, token, "");
      tokenOperation(service, "PUT", "op=RENEWDELEGATIONTOKEN&token=" + token, basic(BOB_KEY, BOB_SECRET));
      tokenOperation(service, "PUT", "op=CANCELDELEGATIONTOKEN&token=" + token, basic(ALICE_KEY, ALICE_SECRET));
      credentials(service, token, "");
      tokenOperation(service, "PUT", "op=RENEWDELEGATIONTOKEN&token=" + token, basic(BOB_KEY, BOB_SECRET));

      JsonNode credentials = JSON.readTree(issued.body());
      byte[] password = decode(token).getPassword();
      eventually(log, "\"event\":\"denied\",\"user\":\"bob\",\"auth_method\":\"basic\"");
      String text = eventually(log, "\"event\":\"token.issued\",\"user\":\"alice\"");
      for (String secret : new String[] {token, Base64.getUrlEncoder().withoutPadding().encodeToString(password),
          Base64.getEncoder().encodeToString(password), HexFormat.of().formatHex(password), ALICE_SECRET, BOB_SECRET,
          aws.secretAccessKey(), credentials.get("secret_access_key").asText(),
          credentials.get("session_token").asText()}) {
        assertFalse("a secret reached the log: " + secret, text.contains(secret));
      }
    }
  }

  @Test
  public void renewalsAndTheCancelEachLeaveAnAuditLineNamingWhoDidIt() throws Exception {
    try (LogCapture log = new LogCapture()) {
      String token = aliceToken(service, "repositories=repo1");
      int sequenceNumber = identifier(decode(token)).getSequenceNumber();
      HttpResponse<String> renewed = tokenOperation(service, "PUT", "op=RENEWDELEGATIONTOKEN&token=" + token,
          basic(BOB_KEY, BOB_SECRET));
      tokenOperation(service, "PUT", "op=RENEWDELEGATIONTOKEN&token=" + token, basic(ALICE_KEY, ALICE_SECRET));
      tokenOperation(service, "PUT", "op=CANCELDELEGATIONTOKEN&token=" + token, basic(BOB_KEY, BOB_SECRET));

      assertEquals(renewed.body(), 200, renewed.statusCode());
      String expiry = Instant.ofEpochMilli(JSON.readTree(renewed.body()).get("long").asLong()).toString();
      String text = eventually(log, "\"event\":\"token.cancelled\",\"user\":\"bob\"");
      assertTrue(text, text.contains("\"event\":\"token.renewed\",\"user\":\"bob\",\"auth_method\":\"basic\""));
      assertTrue(text, text.contains("\"token_sequence_number\":" + sequenceNumber + ",\"expiry\":\"" + expiry + "\""));
      // alice is not the renewer: her attempt is a refusal, not a renewal.
      assertFalse(text, text.contains("\"event\":\"token.renewed\",\"user\":\"alice\""));
    }
  }

  @Test
  public void tokenRequestsAreCheckedAsTheCredentialsEndpointChecksThem() throws Exception {
    HttpResponse<String> noRepositories = tokenOperation(service, "GET", "op=GETDELEGATIONTOKEN&renewer=bob",
        basic(ALICE_KEY, ALICE_SECRET));
    HttpResponse<String> notAllowed = tokenOperation(service, "GET",
        "op=GETDELEGATIONTOKEN&renewer=alice&repositories=repo1", basic(BOB_KEY, BOB_SECRET));
    HttpResponse<String> badAccess = tokenOperation(service, "GET",
        "op=GETDELEGATIONTOKEN&renewer=bob&repositories=repo1&access=all", basic(ALICE_KEY, ALICE_SECRET));
    HttpResponse<String> tokenForToken = http.send(HttpRequest.newBuilder(service.endpoint().resolve(
            "/api/v1/delegation-token?op=GETDELEGATIONTOKEN&renewer=bob&repositories=repo1"))
        .header("X-Hadoop-Delegation-Token", aliceToken(service, "repositories=repo1")).build(),
        HttpResponse.BodyHandlers.ofString());

    assertEquals(noRepositories.body(), 400, noRepositories.statusCode());
    assertTrue(noRepositories.body(), remoteExceptionMessage(noRepositories).contains("repositories=repo1,repo2"));
    assertEquals(notAllowed.body(), 403, notAllowed.statusCode());
    assertTrue(notAllowed.body(), remoteExceptionMessage(notAllowed).contains("repo1"));
    assertEquals(badAccess.body(), 400, badAccess.statusCode());
    assertTrue(badAccess.body(), remoteExceptionMessage(badAccess).contains("read, write"));
    assertEquals(tokenForToken.body(), 403, tokenForToken.statusCode());
    assertTrue(tokenForToken.body(), remoteExceptionMessage(tokenForToken).contains("a delegation token does not authenticate operations on delegation tokens"));
  }

  @Test
  public void theServiceDefaultsApplyWhenATokenRequestNamesNoRepositories() throws Exception {
    try (CredentialsService withDefaults = start(configuration(ServiceKeys.CREDENTIALS_DEFAULT_REPOSITORIES, "repo2",
        ServiceKeys.CREDENTIALS_DEFAULT_ACCESS, "write"))) {
      ScopedTokenIdentifier identifier = identifier(decode(aliceToken(withDefaults, "")));

      assertEquals(List.of("repo2"), identifier.scope().repositories());
      assertEquals(AccessLevel.WRITE, identifier.scope().access());
      assertEquals(new Text(TokenKinds.LAKEFS_STS_DELEGATION_TOKEN), identifier.getKind());
    }
  }
}
