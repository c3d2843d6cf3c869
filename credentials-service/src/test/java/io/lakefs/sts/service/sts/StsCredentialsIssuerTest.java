package io.lakefs.sts.service.sts;

import static io.lakefs.sts.service.scope.AccessLevel.GC;
import static io.lakefs.sts.service.scope.AccessLevel.WRITE;
import static io.lakefs.sts.service.sts.LocalAwsIssuing.A_DAY;
import static io.lakefs.sts.service.sts.LocalAwsIssuing.assertExpiresAround;
import static io.lakefs.sts.service.sts.LocalAwsIssuing.policy;
import static io.lakefs.sts.service.sts.LocalAwsIssuing.s3;
import static io.lakefs.sts.service.sts.LocalAwsIssuing.settings;
import static io.lakefs.sts.service.sts.LocalAwsIssuing.throttledCalls;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakefs.sts.protocol.Secret;
import io.lakefs.sts.service.scope.AccessLevel;
import io.lakefs.sts.service.scope.SessionPolicy;
import io.lakefs.sts.service.scope.SessionPolicyTest;
import io.lakefs.sts.testsupport.LocalAwsProcess;
import io.lakefs.sts.testsupport.LogCapture;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.After;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sts.StsClient;

/** {@link StsCredentialsIssuer} against local-aws's STS and S3, through the real AWS SDK. */
public class StsCredentialsIssuerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SessionPolicy REPO1_WRITE = policy("s3://lakefs-data/repo1/", WRITE);
  private static LocalAwsProcess aws;

  @BeforeClass
  public static void startLocalAws() throws Exception {
    aws = LocalAwsProcess.builder().start();
  }

  @AfterClass
  public static void stopLocalAws() throws Exception {
    if (aws != null) {
      aws.close();
    }
  }

  @After
  public void resetFaults() throws Exception {
    aws.resetStsFaults();
  }

  @Test
  public void credentialsReachTheGrantedNamespaceAndAreDeniedEverywhereElse() throws Exception {
    try (S3Client admin = adminS3()) {
      admin.putObject(r -> r.bucket(aws.bucket()).key("repo2/secret.csv"), RequestBody.fromString("repo2 data"));
    }
    IssuedCredentials issued = issue(settings(aws).build(), "alice", REPO1_WRITE, A_DAY, IssuerListener.NONE);

    try (S3Client s3 = s3(aws, issued)) {
      s3.putObject(r -> r.bucket(aws.bucket()).key("repo1/data/part-0000"), RequestBody.fromString("alice's data"));
      assertEquals("alice's data",
          s3.getObjectAsBytes(r -> r.bucket(aws.bucket()).key("repo1/data/part-0000")).asUtf8String());
      assertTrue(s3.listObjectsV2(r -> r.bucket(aws.bucket()).prefix("repo1/")).contents().stream()
          .anyMatch(object -> object.key().equals("repo1/data/part-0000")));

      assertDenied(() -> s3.getObjectAsBytes(r -> r.bucket(aws.bucket()).key("repo2/secret.csv")));
      assertDenied(() -> s3.putObject(r -> r.bucket(aws.bucket()).key("repo2/data/part-0000"),
          RequestBody.fromString("x")));
      assertDenied(() -> s3.listObjectsV2(r -> r.bucket(aws.bucket()).prefix("repo2/")));
      assertDenied(() -> s3.putObject(r -> r.bucket(aws.bucket()).key("repo1-old/data/part-0000"),
          RequestBody.fromString("x")));
    }
  }

  /**
   * lakeFS's layout, enforced by S3 itself: a writer puts only under data/, never into _lakefs/ (the commit
   * history) or anywhere else in the namespace, deletes nothing, and does not see the bucket's uploads; it
   * still reads _lakefs/, as lakeFS's metadata client must.
   */
  @Test
  public void writeCredentialsPutUnderDataOnlyDeleteNothingAndReadTheMetadata() throws Exception {
    try (S3Client admin = adminS3()) {
      admin.putObject(r -> r.bucket(aws.bucket()).key("repo1/_lakefs/metarange-1"), RequestBody.fromString("meta"));
    }
    IssuedCredentials issued = issue(settings(aws).build(), "alice", REPO1_WRITE, A_DAY, IssuerListener.NONE);

    try (S3Client s3 = s3(aws, issued)) {
      s3.putObject(r -> r.bucket(aws.bucket()).key("repo1/data/committed"), RequestBody.fromString("x"));
      assertEquals("meta",
          s3.getObjectAsBytes(r -> r.bucket(aws.bucket()).key("repo1/_lakefs/metarange-1")).asUtf8String());

      assertDenied(() -> s3.putObject(r -> r.bucket(aws.bucket()).key("repo1/_lakefs/metarange-1"),
          RequestBody.fromString("forged history")));
      assertDenied(() -> s3.putObject(r -> r.bucket(aws.bucket()).key("repo1/table/part-0"),
          RequestBody.fromString("x")));
      assertDenied(() -> s3.deleteObject(r -> r.bucket(aws.bucket()).key("repo1/data/committed")));
      assertDenied(() -> s3.deleteObject(r -> r.bucket(aws.bucket()).key("repo1/_lakefs/metarange-1")));
      assertDenied(() -> s3.listMultipartUploads(r -> r.bucket(aws.bucket())));
    }
  }

  /** The largest session policy the service writes for one repository, at every level, is one STS takes. */
  @Test
  public void stsAcceptsTheLargestPolicyTheServiceWrites() {
    for (AccessLevel access : AccessLevel.values()) {
      SessionPolicy largest = SessionPolicyTest.largestOfOneRepository(access);

      IssuedCredentials issued = issue(settings(aws).build(), "alice", largest, A_DAY, IssuerListener.NONE);

      assertEquals(largest.scope(), issued.scope());
    }
  }

  /** gc deletes under data/ (the sweep) and nowhere else, and writes nothing. */
  @Test
  public void gcCredentialsDeleteUnderDataOnlyAndWriteNothing() throws Exception {
    try (S3Client admin = adminS3()) {
      admin.putObject(r -> r.bucket(aws.bucket()).key("repo1/data/expired"), RequestBody.fromString("x"));
      admin.putObject(r -> r.bucket(aws.bucket()).key("repo1/_lakefs/range-1"), RequestBody.fromString("x"));
    }
    IssuedCredentials issued = issue(settings(aws).build(), "gary", policy("s3://lakefs-data/repo1/", GC), A_DAY,
        IssuerListener.NONE);

    try (S3Client s3 = s3(aws, issued)) {
      s3.deleteObject(r -> r.bucket(aws.bucket()).key("repo1/data/expired"));
      assertEquals("x", s3.getObjectAsBytes(r -> r.bucket(aws.bucket()).key("repo1/_lakefs/range-1")).asUtf8String());

      assertDenied(() -> s3.deleteObject(r -> r.bucket(aws.bucket()).key("repo1/_lakefs/range-1")));
      assertDenied(() -> s3.deleteObject(r -> r.bucket(aws.bucket()).key("repo1-old/data/expired")));
      assertDenied(() -> s3.putObject(r -> r.bucket(aws.bucket()).key("repo1/data/new"), RequestBody.fromString("x")));
    }
  }

  @Test
  public void s3AccessLogNamesTheLakeFSUserAsSessionSourceIdentityAndTransitiveTags() throws Exception {
    IssuedCredentials issued = issue(settings(aws).build(), "alice", REPO1_WRITE, A_DAY, IssuerListener.NONE);
    try (S3Client s3 = s3(aws, issued)) {
      s3.putObject(r -> r.bucket(aws.bucket()).key("repo1/data/audited"), RequestBody.fromString("x"));
      assertThrows(S3Exception.class, () -> s3.putObject(r -> r.bucket(aws.bucket()).key("repo2/audited"),
          RequestBody.fromString("x")));
    }

    for (String key : List.of("repo1/data/audited", "repo2/audited")) {
      JsonNode line = accessLogLine(issued.credentials().accessKeyId(), key);
      assertEquals("alice", line.get("sessionName").asText());
      assertEquals("alice", line.get("sourceIdentity").asText());
      assertEquals("arn:aws:sts::123456789012:assumed-role/lakefs-sts/alice", line.get("requester").asText());
      assertEquals(Map.of("lakefs-user", "alice", "issued-by", "lakeFS"),
          JSON.convertValue(line.get("sessionTags"), Map.class));
    }
    assertEquals("AccessDenied", accessLogLine(issued.credentials().accessKeyId(), "repo2/audited")
        .get("errorCode").asText());
    assertEquals("alice", issued.sessionName());
    assertEquals("alice", issued.sourceIdentity());
    assertEquals(aws.roleArn(), issued.roleArn());
    assertEquals(REPO1_WRITE.scope(), issued.scope());
  }

  @Test
  public void userIdThatIsNoValidSessionNameIsSanitizedInTheSessionAndKeptInTheTag() throws Exception {
    String userId = "Jürgen Müller/ops";
    IssuedCredentials issued = issue(settings(aws).build(), userId, REPO1_WRITE, A_DAY, IssuerListener.NONE);
    try (S3Client s3 = s3(aws, issued)) {
      s3.putObject(r -> r.bucket(aws.bucket()).key("repo1/data/from-juergen"), RequestBody.fromString("x"));
    }

    SessionNames names = SessionNames.forUser(userId);
    assertEquals(names.roleSessionName(), issued.sessionName());
    assertTrue(issued.sessionName(), issued.sessionName().startsWith("Jurgen_Muller_ops."));
    JsonNode line = accessLogLine(issued.credentials().accessKeyId(), "repo1/data/from-juergen");
    assertEquals(names.roleSessionName(), line.get("sessionName").asText());
    assertEquals(names.sourceIdentity(), line.get("sourceIdentity").asText());
    assertEquals(userId, line.get("sessionTags").get("lakefs-user").asText());
  }

  @Test
  public void credentialsLastTheConfiguredDurationUnlessTheTokenEndsSooner() {
    StsSettings settings = settings(aws).duration(Duration.ofMinutes(50)).build();

    Instant before = Instant.now();
    IssuedCredentials full = issue(settings, "alice", REPO1_WRITE, A_DAY, IssuerListener.NONE);
    assertExpiresAround(before.plus(Duration.ofMinutes(50)), full.expiration());

    before = Instant.now();
    IssuedCredentials capped = issue(settings, "alice", REPO1_WRITE, Duration.ofMinutes(20).plusMillis(900),
        IssuerListener.NONE);
    assertExpiresAround(before.plus(Duration.ofMinutes(20)), capped.expiration());
    assertFalse("never after the token's end", capped.expiration().isAfter(Instant.now().plus(Duration.ofMinutes(21))));
  }

  @Test
  public void tokenEndingSoonerThanStsShortestSessionIsRefusedWithAdviceToRenewIt() {
    CountingListener listener = new CountingListener();
    TokenExpiresTooSoonException e = assertThrows(TokenExpiresTooSoonException.class,
        () -> issue(settings(aws).build(), "alice", REPO1_WRITE, Duration.ofMinutes(14), listener));
    assertEquals("The delegation token of lakeFS user 'alice' expires in 840 s, sooner than the 15 minutes that STS"
        + " credentials last at the least, and credentials must not outlive the token; renew the token, or obtain"
        + " a new one, and ask again.", e.getMessage());
    assertEquals(0, listener.stsCalls());
  }

  @Test
  public void throttledCallsAreRetriedWithBackoffUntilStsAnswers() throws Exception {
    aws.setStsFaults(Map.of("throttleFraction", "0.5"));
    CountingListener listener = new CountingListener();
    RecordingSleeper sleeper = new RecordingSleeper();
    StsSettings settings = settings(aws).build();

    try (StsClient client = StsClientFactory.create(settings)) {
      StsCredentialsIssuer issuer = new StsCredentialsIssuer(settings, client, listener, sleeper, () -> 0.5);
      for (String user : List.of("throttled-1", "throttled-2", "throttled-3")) {
        assertEquals(user, issuer.issue(user, LocalAwsIssuing.role(aws), REPO1_WRITE, A_DAY).sessionName());
      }
    }
    // local-aws throttles every second call: ok, throttled+ok, throttled+ok.
    assertEquals(3, listener.issued.get());
    assertEquals(2, listener.errors("Throttling"));
    assertEquals(List.of(Duration.ofMillis(5), Duration.ofMillis(5)), sleeper.pauses);
  }

  @Test
  public void persistentThrottlingSaysWhenToRetryAndEachAttemptIsOneStsCall() throws Exception {
    aws.setStsFaults(Map.of("throttleFraction", "1"));
    CountingListener listener = new CountingListener();
    RecordingSleeper sleeper = new RecordingSleeper();
    StsSettings settings = settings(aws).maxAttempts(3).backoff(Duration.ofMillis(400), Duration.ofSeconds(5)).build();

    int throttledBefore = throttledCalls(aws);
    StsThrottledException e;
    try (StsClient client = StsClientFactory.create(settings)) {
      StsCredentialsIssuer issuer = new StsCredentialsIssuer(settings, client, listener, sleeper, () -> 0.75);
      e = assertThrows(StsThrottledException.class,
          () -> issuer.issue("throttled-always", LocalAwsIssuing.role(aws), REPO1_WRITE, A_DAY));
    }
    assertEquals("STS is throttling this service's AssumeRole calls (Throttling: Rate exceeded) and still was after"
        + " 3 attempts; retry after 4 s.", e.getMessage());
    assertEquals(4, e.retryAfterSeconds());
    assertEquals("Throttling", e.stsErrorCode().orElseThrow());
    // Full jitter below ceilings of 400 ms, then 800 ms.
    assertEquals(List.of(Duration.ofMillis(300), Duration.ofMillis(600)), sleeper.pauses);
    // Three attempts reached STS, not more: the SDK does not retry underneath.
    assertEquals(3, listener.errors("Throttling"));
    assertEquals(3, throttledCalls(aws) - throttledBefore);
  }

  @Test
  public void stsDownIsUnavailableWithRetryAfter() throws Exception {
    aws.setStsFaults(Map.of("down", "true"));
    CountingListener listener = new CountingListener();
    StsUnavailableException e = assertThrows(StsUnavailableException.class,
        () -> issue(settings(aws).build(), "alice", REPO1_WRITE, A_DAY, listener));
    assertFalse(e instanceof StsThrottledException);
    assertTrue(e.getMessage(), e.getMessage().startsWith("STS is unavailable (ServiceUnavailable, HTTP 503:"));
    assertTrue(e.getMessage(), e.getMessage().endsWith(" Retry after 10 s."));
    assertEquals(10, e.retryAfterSeconds());
    assertEquals(1, listener.errors("ServiceUnavailable"));
    assertEquals("not retried", 1, listener.stsCalls());
  }

  @Test
  public void regionDisabledIsUnavailableNamingTheRegion() throws Exception {
    aws.setStsFaults(Map.of("regionDisabled", "true"));
    StsUnavailableException e = assertThrows(StsUnavailableException.class,
        () -> issue(settings(aws).build(), "alice", REPO1_WRITE, A_DAY, IssuerListener.NONE));
    assertEquals("RegionDisabledException", e.stsErrorCode().orElseThrow());
    assertTrue(e.getMessage(), e.getMessage().startsWith("STS is not activated in region us-east-1 for this account"));
    assertTrue(e.getMessage(), e.getMessage().contains("set lakefs.sts.sts.region to a region where it is active"));
  }

  @Test
  public void unreachableStsIsUnavailableWithRetryAfter() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    URI nowhere = URI.create("http://127.0.0.1:" + closedPort);
    StsSettings settings = settings(aws).endpoint(nowhere).retryAfterWhenUnavailable(Duration.ofSeconds(30)).build();
    StsUnavailableException e = assertThrows(StsUnavailableException.class,
        () -> issue(settings, "alice", REPO1_WRITE, A_DAY, IssuerListener.NONE));
    assertEquals(StsFailures.CONNECTION_FAILURE, e.stsErrorCode().orElseThrow());
    assertTrue(e.getMessage(), e.getMessage().startsWith("Could not reach STS at " + nowhere + ": "));
    assertEquals(30, e.retryAfterSeconds());
  }

  @Test
  public void stsSlowerThanTheCallTimeoutIsUnavailable() throws Exception {
    aws.setStsFaults(Map.of("delayMillis", "3000"));
    StsSettings settings = settings(aws).callTimeout(Duration.ofMillis(500)).build();
    StsUnavailableException e = assertThrows(StsUnavailableException.class,
        () -> issue(settings, "alice", REPO1_WRITE, A_DAY, IssuerListener.NONE));
    assertEquals(StsFailures.CLIENT_TIMEOUT, e.stsErrorCode().orElseThrow());
    assertEquals("STS at " + aws.stsEndpoint() + " did not answer within 500 ms. Retry after 10 s.", e.getMessage());
  }

  @Test
  public void roleTheServiceMayNotAssumeIsAConfigurationErrorNamingTheRoleAndTheTrustPermissions() {
    String wrongRole = "arn:aws:iam::123456789012:role/not-lakefs-sts";
    StsConfigurationException e = assertThrows(StsConfigurationException.class,
        () -> issue(settings(aws).roleArn(wrongRole).build(), "alice", REPO1_WRITE, A_DAY, IssuerListener.NONE));
    assertEquals("STS refused to let this service assume role " + wrongRole + " (AccessDenied: User:"
        + " arn:aws:iam::123456789012:user/lakefs-service is not authorized to perform: sts:AssumeRole on resource: "
        + wrongRole + "). Check that lakefs.sts.role.arn names the role you meant, that the role exists, and that its"
        + " trust policy allows this service's AWS principal the actions sts:AssumeRole, sts:TagSession and"
        + " sts:SetSourceIdentity; if the trust policy requires an sts:ExternalId, set lakefs.sts.role.external-id.",
        e.getMessage());
    assertEquals(StsConfigurationException.CALLER_MESSAGE, e.callerMessage());
    assertFalse(e.callerMessage().contains(wrongRole));
  }

  @Test
  public void unknownServiceKeyIsAConfigurationErrorNamingTheKeySettings() {
    StsSettings settings = settings(aws).staticKeys("AKIANOTAKNOWNKEY0001", Secret.of("wrong-secret")).build();
    StsConfigurationException e = assertThrows(StsConfigurationException.class,
        () -> issue(settings, "alice", REPO1_WRITE, A_DAY, IssuerListener.NONE));
    assertEquals("InvalidClientTokenId", e.stsErrorCode().orElseThrow());
    assertTrue(e.getMessage(), e.getMessage().contains("Set lakefs.sts.sts.access-key and lakefs.sts.sts.secret-key"));
  }

  @Test
  public void configuredDurationBeyondTheRolesMaximumIsAConfigurationError() {
    StsSettings settings = settings(aws).duration(Duration.ofHours(2)).build();
    StsConfigurationException e = assertThrows(StsConfigurationException.class,
        () -> issue(settings, "alice", REPO1_WRITE, A_DAY, IssuerListener.NONE));
    assertTrue(e.getMessage(), e.getMessage().startsWith("Role " + aws.roleArn() + " does not allow sessions as long"
        + " as the configured 7200 s (ValidationError: "));
    assertTrue(e.getMessage(), e.getMessage().contains("Lower lakefs.sts.credentials.duration.seconds"));
  }

  @Test
  public void noSecretKeyOrSessionTokenAppearsInLogsMessagesOrToString() throws Exception {
    List<String> texts = new ArrayList<>();
    List<String> secrets = new ArrayList<>(List.of(aws.secretAccessKey()));
    try (LogCapture log = new LogCapture()) {
      IssuedCredentials issued = issue(settings(aws).build(), "alice", REPO1_WRITE, A_DAY, IssuerListener.NONE);
      secrets.add(issued.credentials().secretAccessKey().reveal());
      secrets.add(issued.credentials().sessionToken().reveal());
      texts.add(issued.toString());
      texts.add(settings(aws).build().toString());

      aws.setStsFaults(Map.of("throttleFraction", "1"));
      texts.add(refusal(() -> issue(settings(aws).maxAttempts(2).build(), "alice", REPO1_WRITE, A_DAY,
          IssuerListener.NONE)));
      aws.resetStsFaults();
      texts.add(refusal(() -> issue(settings(aws).roleArn("arn:aws:iam::123456789012:role/other").build(), "alice",
          REPO1_WRITE, A_DAY, IssuerListener.NONE)));
      texts.add(log.text());
    }
    texts.add(aws.processOutput());

    assertTrue(texts.get(0), texts.get(0).contains("accessKeyId=ASIA"));
    assertTrue("the log shows the issued key id", texts.get(4).contains("Issued AwsCredentials{accessKeyId=ASIA"));
    for (String text : texts) {
      for (String secret : secrets) {
        assertFalse("a secret appeared in: " + text, text.contains(secret));
      }
    }
    assertNotEquals(secrets.get(1), secrets.get(2));
  }

  private static IssuedCredentials issue(StsSettings settings, String user, SessionPolicy policy,
      Duration maxDuration, IssuerListener listener) {
    try (StsClient client = StsClientFactory.create(settings)) {
      return new StsCredentialsIssuer(settings, client, listener).issue(user, settings.defaultRole(), policy,
          maxDuration);
    }
  }

  private static String refusal(Runnable call) {
    CredentialsIssueException e = assertThrows(CredentialsIssueException.class, call::run);
    return e.getMessage() + " / " + e.callerMessage() + " / " + e;
  }

  private static void assertDenied(org.junit.function.ThrowingRunnable s3Call) {
    S3Exception e = assertThrows(S3Exception.class, s3Call);
    assertEquals(403, e.statusCode());
    assertEquals("AccessDenied", e.awsErrorDetails().errorCode());
  }

  private static JsonNode accessLogLine(String accessKeyId, String key) throws Exception {
    Function<String, JsonNode> parse = text -> {
      try {
        return JSON.readTree(text);
      } catch (Exception e) {
        throw new AssertionError("not JSON: " + text, e);
      }
    };
    return aws.accessLogLines().stream().map(parse)
        .filter(line -> accessKeyId.equals(line.path("accessKeyId").asText()) && key.equals(line.path("key").asText()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no access log line for " + key + " by " + accessKeyId));
  }

  private static S3Client adminS3() {
    return S3Client.builder()
        .endpointOverride(aws.s3Endpoint())
        .region(Region.of(aws.region()))
        .forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(aws.accessKeyId(), aws.secretAccessKey())))
        .build();
  }
}
