package io.lakefs.sts.service;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakefs.sts.protocol.TokenKinds;
import io.lakefs.sts.testsupport.LocalAwsProcess;
import io.lakefs.sts.testsupport.lakefs.LakeFSStandIn;
import io.lakefs.sts.testsupport.lakefs.RecordedRequest;
import io.lakefs.sts.testsupport.lakefs.StandInRepository;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.security.token.Token;
import org.apache.hadoop.security.token.delegation.web.DelegationTokenIdentifier;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The service over real HTTP on loopback, with a lakeFS stand-in and local-aws behind it: what a Spark
 * driver or a user with curl sees.
 */
public class CredentialsServiceTest {
  private static final String ALICE_KEY = "AKIAIOSFODNN7ALICE01";
  private static final String ALICE_SECRET = "alice-secret-for-loopback-tests-0001";
  private static final String BOB_KEY = "AKIAIOSFODNN7BOB0001";
  private static final String BOB_SECRET = "bob-secret-for-loopback-tests-00001";
  private static final String CAROL_KEY = "AKIAIOSFODNN7CAROL01";
  private static final String CAROL_SECRET = "carol-secret-for-loopback-tests-0001";
  private static final String DAVE_KEY = "AKIAIOSFODNN7DAVE001";
  private static final String DAVE_SECRET = "dave-secret-for-loopback-tests-00001";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static LakeFSStandIn lakeFS;
  private static LocalAwsProcess aws;
  private static CredentialsService service;
  private static final HttpClient http = HttpClient.newHttpClient();
  private static final ByteArrayOutputStream serviceLog = new ByteArrayOutputStream();
  private static PrintStream originalErr;

  @BeforeClass
  public static void startEverything() throws Exception {
    originalErr = System.err;
    System.setErr(new PrintStream(new TeeStream(originalErr, serviceLog), true, StandardCharsets.UTF_8));
    lakeFS = LakeFSStandIn.builder()
        .user("alice", ALICE_KEY, ALICE_SECRET)
        .user("bob", BOB_KEY, BOB_SECRET)
        .user("carol", CAROL_KEY, CAROL_SECRET)
        .user("dave", DAVE_KEY, DAVE_SECRET)
        .repository("repo1", "s3://lakefs-data/repo1/")
        .repository("repo2", "s3://lakefs-data/repo2/")
        .repository(StandInRepository.of("archive", "s3://lakefs-data/archive/").withReadOnly(true))
        .repository("gcs-repo", "gs://somewhere/repo/")
        .grant("alice", "repo1")
        .grant("alice", "archive")
        .grant("alice", "gcs-repo")
        .grant("bob", "repo2")
        .grantAll("carol")
        .grant("dave", "repo1")
        .start();
    aws = LocalAwsProcess.builder().start();
    service = CredentialsService.start(ServiceConfig.from(configuration(true)), Clock.systemUTC());
  }

  @AfterClass
  public static void stopEverything() throws Exception {
    if (service != null) {
      service.close();
    }
    if (aws != null) {
      aws.close();
    }
    if (lakeFS != null) {
      lakeFS.close();
    }
    System.setErr(originalErr);
  }

  private static Configuration configuration(boolean stsEnabled) {
    Configuration conf = LoopbackServers.serviceConfiguration(lakeFS, aws);
    if (!stsEnabled) {
      conf.unset(ServiceKeys.ROLE_ARN);
    }
    conf.set(ServiceKeys.REPOSITORY_PREFIX + "repo1" + ServiceKeys.REPOSITORY_EXTRA_LOCATIONS_SUFFIX,
        "s3://lakefs-data/imports/repo1/");
    return conf;
  }

  private static String basic(String key, String secret) {
    return "Basic " + Base64.getEncoder().encodeToString((key + ":" + secret).getBytes(StandardCharsets.UTF_8));
  }

  private static HttpResponse<String> requestCredentials(URI endpoint, String authorization, String body)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.resolve("/api/v1/credentials"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> requestCredentials(String authorization, String body) throws Exception {
    return requestCredentials(service.endpoint(), authorization, body);
  }

  private static String message(HttpResponse<String> response) throws Exception {
    assertEquals("application/json", response.headers().firstValue("Content-Type").orElse("").split(";")[0]);
    return JSON.readTree(response.body()).get("message").asText();
  }

  /** Token refusals come from hadoop-auth in Hadoop's own error format, which Hadoop's clients parse. */
  private static String remoteExceptionMessage(HttpResponse<String> response) throws Exception {
    return JSON.readTree(response.body()).get("RemoteException").get("message").asText();
  }


  @Test
  public void issuesCredentialsThatReachOnlyTheRepositoriesStorage() throws Exception {
    HttpResponse<String> response = requestCredentials(basic(ALICE_KEY, ALICE_SECRET),
        "{\"repositories\": [\"repo1\"], \"access\": \"write\"}");

    assertEquals(response.body(), 200, response.statusCode());
    JsonNode credentials = JSON.readTree(response.body());
    assertEquals("alice", credentials.get("session_name").asText());
    assertEquals("alice", credentials.get("source_identity").asText());
    assertEquals(aws.roleArn(), credentials.get("role_arn").asText());
    assertTrue(credentials.get("expiration").asLong() > System.currentTimeMillis() / 1000 + 600);
    assertEquals("[{\"location\":\"s3://lakefs-data/imports/repo1/\",\"access\":\"read\"},"
        + "{\"location\":\"s3://lakefs-data/repo1/\",\"access\":\"write\"}]",
        JSON.writeValueAsString(credentials.get("scope")));
    try (S3Client admin = LoopbackServers.adminS3(aws)) {
      admin.putObject(r -> r.bucket("lakefs-data").key("imports/repo1/imported.csv"), RequestBody.fromString("i"));
    }
    try (S3Client s3 = LoopbackServers.s3(aws, credentials)) {
      s3.putObject(r -> r.bucket("lakefs-data").key("repo1/data/part-0"), RequestBody.fromString("a"));
      assertEquals("i", s3.getObjectAsBytes(r -> r.bucket("lakefs-data").key("imports/repo1/imported.csv"))
          .asUtf8String());
      for (String key : List.of("repo2/data/part-0", "imports/repo1/from-outside", "repo1/_lakefs/forged")) {
        S3Exception denied = assertThrows(key, S3Exception.class,
            () -> s3.putObject(r -> r.bucket("lakefs-data").key(key), RequestBody.fromString("c")));
        assertEquals("AccessDenied", denied.awsErrorDetails().errorCode());
      }
    }
    assertTrue(aws.accessLogLines().stream().anyMatch(line -> line.contains("\"key\":\"repo1/data/part-0\"")
        && line.contains("\"sourceIdentity\":\"alice\"") && line.contains("\"issued-by\":\"lakeFS\"")));
  }

  @Test
  public void aNewKeyIsCheckedWithLakeFSOnceForAuthenticationAndIssuanceAlike() throws Exception {
    lakeFS.clearRequests();
    String dave = basic(DAVE_KEY, DAVE_SECRET);
    String body = "{\"repositories\": [\"repo1\"], \"access\": \"read\"}";
    assertEquals(200, requestCredentials(dave, body).statusCode());
    assertEquals(200, requestCredentials(dave, body).statusCode());

    // hadoop-auth's Basic handler and the issuance ask one cache: who the key belongs to is asked once.
    List<String> asked = lakeFS.requests().stream().map(RecordedRequest::line).toList();
    assertEquals(asked.toString(), 1, asked.stream().filter("GET /api/v1/user"::equals).count());
  }

  @Test
  public void readAccessCannotWrite() throws Exception {
    HttpResponse<String> response = requestCredentials(basic(ALICE_KEY, ALICE_SECRET),
        "{\"repositories\": [\"repo1\"], \"access\": \"read\"}");

    assertEquals(response.body(), 200, response.statusCode());
    try (S3Client s3 = LoopbackServers.s3(aws, JSON.readTree(response.body()))) {
      S3Exception denied = assertThrows(S3Exception.class,
          () -> s3.putObject(r -> r.bucket("lakefs-data").key("repo1/data/read-only"), RequestBody.fromString("x")));
      assertEquals("AccessDenied", denied.awsErrorDetails().errorCode());
    }
  }

  @Test
  public void repositoryTheUserMayNotReadIsRefusedByName() throws Exception {
    HttpResponse<String> response = requestCredentials(basic(ALICE_KEY, ALICE_SECRET),
        "{\"repositories\": [\"repo1\", \"repo2\"]}");

    assertEquals(403, response.statusCode());
    assertTrue(message(response), message(response).contains("repo2"));
  }

  @Test
  public void unknownRepositoryIsNotFoundForUsersWhoMayReadAll() throws Exception {
    HttpResponse<String> carol = requestCredentials(basic(CAROL_KEY, CAROL_SECRET),
        "{\"repositories\": [\"no-such-repo\"]}");
    // lakeFS checks permission before existence: others learn nothing about which repositories exist.
    HttpResponse<String> bob = requestCredentials(basic(BOB_KEY, BOB_SECRET), "{\"repositories\": [\"no-such-repo\"]}");

    assertEquals(404, carol.statusCode());
    assertTrue(message(carol), message(carol).contains("no-such-repo"));
    assertEquals(403, bob.statusCode());
  }

  @Test
  public void writeToAReadOnlyRepositoryIsRefused() throws Exception {
    HttpResponse<String> response = requestCredentials(basic(ALICE_KEY, ALICE_SECRET),
        "{\"repositories\": [\"archive\"], \"access\": \"write\"}");

    assertEquals(403, response.statusCode());
    assertTrue(message(response), message(response).contains("read-only"));
  }

  @Test
  public void repositoryOutsideS3IsRefusedWithTheReason() throws Exception {
    HttpResponse<String> response = requestCredentials(basic(ALICE_KEY, ALICE_SECRET),
        "{\"repositories\": [\"gcs-repo\"]}");

    assertEquals(400, response.statusCode());
    assertTrue(message(response), message(response).contains("gs://"));
  }

  @Test
  public void missingOrWrongLakeFSKeysAre401WithAJsonMessage() throws Exception {
    HttpResponse<String> none = requestCredentials(null, "{\"repositories\": [\"repo1\"]}");
    HttpResponse<String> wrong = requestCredentials(basic(ALICE_KEY, "not-the-secret"), "{\"repositories\": [\"repo1\"]}");
    HttpResponse<String> garbage = requestCredentials("Basic !!!", "{\"repositories\": [\"repo1\"]}");

    assertEquals(401, none.statusCode());
    assertTrue(none.headers().allValues("WWW-Authenticate").stream().anyMatch(v -> v.startsWith("Basic")));
    assertTrue(message(none), message(none).contains("lakeFS access key id and secret as HTTP Basic"));
    assertEquals(401, wrong.statusCode());
    assertTrue(message(wrong), message(wrong).contains(ALICE_KEY));
    assertEquals(401, garbage.statusCode());
    assertFalse(message(garbage).isBlank());
  }

  @Test
  public void malformedRequestsAre400NamingTheProblem() throws Exception {
    String alice = basic(ALICE_KEY, ALICE_SECRET);

    HttpResponse<String> notJson = requestCredentials(alice, "{repositories: repo1");
    HttpResponse<String> typo = requestCredentials(alice, "{\"repository\": [\"repo1\"]}");
    HttpResponse<String> badAccess = requestCredentials(alice, "{\"repositories\": [\"repo1\"], \"access\": \"all\"}");
    HttpResponse<String> noRepositories = requestCredentials(alice, "");
    HttpResponse<String> badId = requestCredentials(alice, "{\"repositories\": [\"../etc\"]}");
    HttpResponse<String> huge = requestCredentials(alice, "{\"repositories\": [\"" + "r".repeat(70_000) + "\"]}");

    assertEquals(400, notJson.statusCode());
    assertTrue(message(notJson), message(notJson).contains("not valid JSON"));
    assertEquals(400, typo.statusCode());
    assertTrue(message(typo), message(typo).contains("repository"));
    assertEquals(400, badAccess.statusCode());
    assertTrue(message(badAccess), message(badAccess).contains("read, write"));
    assertEquals(400, noRepositories.statusCode());
    assertTrue(message(noRepositories), message(noRepositories).contains("name the lakeFS repositories"));
    assertEquals(400, badId.statusCode());
    assertEquals(413, huge.statusCode());
  }

  @Test
  public void lakeFSUnreachableIs503NotA401() throws Exception {
    lakeFS.answerUnavailable();
    try {
      HttpResponse<String> response = requestCredentials(basic(BOB_KEY, "a-secret-never-cached-before"),
          "{\"repositories\": [\"repo2\"]}");

      assertEquals(503, response.statusCode());
      assertTrue(response.headers().firstValue("Retry-After").isPresent());
      assertTrue(message(response), message(response).contains("lakeFS at " + lakeFS.endpoint()));
    } finally {
      lakeFS.serveNormally();
    }
  }

  @Test
  public void stsDownIs503WithRetryAfter() throws Exception {
    aws.setStsFaults(Map.of("down", "true"));
    try {
      HttpResponse<String> response = requestCredentials(basic(BOB_KEY, BOB_SECRET),
          "{\"repositories\": [\"repo2\"], \"access\": \"write\"}");

      assertEquals(503, response.statusCode());
      assertTrue(response.headers().firstValue("Retry-After").isPresent());
    } finally {
      aws.resetStsFaults();
    }
  }

  @Test
  public void withoutARoleTheServiceSaysHowToEnableIt() throws Exception {
    try (CredentialsService disabled = CredentialsService.start(ServiceConfig.from(configuration(false)),
        Clock.systemUTC())) {
      HttpResponse<String> response = requestCredentials(disabled.endpoint(), basic(ALICE_KEY, ALICE_SECRET),
          "{\"repositories\": [\"repo1\"]}");
      HttpResponse<String> health = http.send(HttpRequest.newBuilder(disabled.endpoint().resolve("/health")).build(),
          HttpResponse.BodyHandlers.ofString());

      assertEquals(501, response.statusCode());
      assertTrue(message(response), message(response).contains(ServiceKeys.ROLE_ARN));
      assertEquals("disabled", JSON.readTree(health.body()).get("sts_credentials").asText());
    }
  }

  @Test
  public void healthAndMetricsNeedNoAuthentication() throws Exception {
    requestCredentials(basic(ALICE_KEY, ALICE_SECRET), "{\"repositories\": [\"repo1\"]}");

    HttpResponse<String> health = http.send(HttpRequest.newBuilder(service.endpoint().resolve("/health")).build(),
        HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(service.endpoint().resolve("/metrics")).build(),
        HttpResponse.BodyHandlers.ofString());

    assertEquals(200, health.statusCode());
    assertEquals("enabled", JSON.readTree(health.body()).get("sts_credentials").asText());
    assertEquals(200, metrics.statusCode());
    assertTrue(metrics.body(), metrics.body().contains("lakefs_sts_credential_requests_total{status=\"200\"}"));
    assertTrue(metrics.body(), metrics.body().contains("lakefs_sts_sts_call_seconds"));
  }

  @Test
  public void auditLinesNameWhoGotWhatAndHoldNoSecret() throws Exception {
    HttpResponse<String> granted = requestCredentials(basic(BOB_KEY, BOB_SECRET), "{\"repositories\": [\"repo2\"]}");
    requestCredentials(basic(BOB_KEY, BOB_SECRET), "{\"repositories\": [\"repo1\"]}");

    JsonNode credentials = JSON.readTree(granted.body());
    // Waits for the issued line: a denied line of bob's may be an earlier test's.
    String log = serviceLogOnceItHolds("\"event\":\"credentials.issued\",\"user\":\"bob\"");
    assertTrue(log, log.contains("\"event\":\"credentials.issued\",\"user\":\"bob\""));
    assertTrue(log, log.contains("\"access_key_id\":\"" + credentials.get("access_key_id").asText() + "\""));
    assertTrue(log, log.contains("\"event\":\"denied\",\"user\":\"bob\""));
    requestCredentials(basic(BOB_KEY, "a-wrong-secret-for-the-audit-test"), "{\"repositories\": [\"repo2\"]}");
    String afterWrongSecret = serviceLogOnceItHolds("\"event\":\"denied\",\"user\":\"-\"");
    assertTrue(afterWrongSecret, afterWrongSecret.contains("\"event\":\"denied\",\"user\":\"-\",\"auth_method\":\"basic\""));
    assertFalse(afterWrongSecret.contains("a-wrong-secret-for-the-audit-test"));
    for (String secret : new String[] {BOB_SECRET, ALICE_SECRET, aws.secretAccessKey(),
        credentials.get("secret_access_key").asText(), credentials.get("session_token").asText()}) {
      assertFalse("a secret reached the log", log.contains(secret));
    }
  }

  /** The service's log once it holds {@code expected}: audit lines are written just after the answer. */
  private static String serviceLogOnceItHolds(String expected) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    String log = serviceLog.toString(StandardCharsets.UTF_8);
    while (!log.contains(expected) && System.nanoTime() < deadline) {
      Thread.sleep(20);
      log = serviceLog.toString(StandardCharsets.UTF_8);
    }
    return log;
  }

  private static HttpResponse<String> tokenOperation(String method, String query, String authorization)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(service.endpoint().resolve("/api/v1/delegation-token?" + query))
        .method(method, HttpRequest.BodyPublishers.noBody());
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  public void delegationTokensHaveHadoopSemantics() throws Exception {
    HttpResponse<String> got = tokenOperation("GET", "op=GETDELEGATIONTOKEN&renewer=bob&repositories=repo1",
        basic(ALICE_KEY, ALICE_SECRET));
    assertEquals(got.body(), 200, got.statusCode());
    String urlString = JSON.readTree(got.body()).get("Token").get("urlString").asText();
    Token<DelegationTokenIdentifier> token = new Token<>();
    token.decodeFromUrlString(urlString);
    DelegationTokenIdentifier identifier = new DelegationTokenIdentifier(token.getKind());
    identifier.readFields(new java.io.DataInputStream(new java.io.ByteArrayInputStream(token.getIdentifier())));
    assertEquals(TokenKinds.LAKEFS_STS_DELEGATION_TOKEN, token.getKind().toString());
    assertEquals("alice", identifier.getOwner().toString());
    assertEquals("bob", identifier.getRenewer().toString());

    HttpResponse<String> renewedByOwner = tokenOperation("PUT", "op=RENEWDELEGATIONTOKEN&token=" + urlString,
        basic(ALICE_KEY, ALICE_SECRET));
    HttpResponse<String> renewedByRenewer = tokenOperation("PUT", "op=RENEWDELEGATIONTOKEN&token=" + urlString,
        basic(BOB_KEY, BOB_SECRET));
    assertEquals("only the renewer renews: " + renewedByOwner.body(), 403, renewedByOwner.statusCode());
    assertEquals(renewedByRenewer.body(), 200, renewedByRenewer.statusCode());
    assertTrue(JSON.readTree(renewedByRenewer.body()).get("long").asLong() > System.currentTimeMillis());

    HttpResponse<String> cancelled = tokenOperation("PUT", "op=CANCELDELEGATIONTOKEN&token=" + urlString,
        basic(ALICE_KEY, ALICE_SECRET));
    assertEquals(cancelled.body(), 200, cancelled.statusCode());
    HttpResponse<String> withCancelledToken = http.send(HttpRequest.newBuilder(
            service.endpoint().resolve("/api/v1/credentials"))
        .header("X-Hadoop-Delegation-Token", urlString)
        .POST(HttpRequest.BodyPublishers.ofString("{\"repositories\": [\"repo1\"]}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(withCancelledToken.body(), 403, withCancelledToken.statusCode());
    assertTrue(withCancelledToken.body(), remoteExceptionMessage(withCancelledToken).contains("was cancelled at"));
  }

  @Test
  public void anExpiredDelegationTokenIsRefusedSayingItExpired() throws Exception {
    Configuration conf = configuration(false);
    conf.set(ServiceKeys.TOKEN_RENEW_INTERVAL_SECONDS, "1");
    try (CredentialsService shortLived = CredentialsService.start(ServiceConfig.from(conf), Clock.systemUTC())) {
      HttpResponse<String> got = http.send(HttpRequest.newBuilder(shortLived.endpoint()
              .resolve("/api/v1/delegation-token?op=GETDELEGATIONTOKEN&renewer=bob&repositories=repo1"))
          .header("Authorization", basic(ALICE_KEY, ALICE_SECRET)).build(), HttpResponse.BodyHandlers.ofString());
      String urlString = JSON.readTree(got.body()).get("Token").get("urlString").asText();

      Thread.sleep(1500);
      HttpResponse<String> withExpiredToken = http.send(HttpRequest.newBuilder(
              shortLived.endpoint().resolve("/api/v1/credentials"))
          .header("X-Hadoop-Delegation-Token", urlString)
          .POST(HttpRequest.BodyPublishers.ofString("{\"repositories\": [\"repo1\"]}")).build(),
          HttpResponse.BodyHandlers.ofString());

      assertEquals(withExpiredToken.body(), 403, withExpiredToken.statusCode());
      assertTrue(withExpiredToken.body(), remoteExceptionMessage(withExpiredToken).contains("expired at"));
    }
  }

  /** Copies what the service logs (slf4j-simple writes to stderr) so tests can read it. */
  private static final class TeeStream extends java.io.OutputStream {
    private final PrintStream original;
    private final ByteArrayOutputStream copy;

    TeeStream(PrintStream original, ByteArrayOutputStream copy) {
      this.original = original;
      this.copy = copy;
    }

    @Override
    public void write(int b) {
      synchronized (copy) {
        copy.write(b);
      }
      original.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      synchronized (copy) {
        copy.write(b, off, len);
      }
      original.write(b, off, len);
    }
  }
}
