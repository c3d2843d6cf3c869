package io.lakefs.sts.localaws.sts;

import static io.lakefs.sts.localaws.sts.StsFixture.ACCOUNT;
import static io.lakefs.sts.localaws.sts.StsFixture.ALICE;
import static io.lakefs.sts.localaws.ExamplePolicies.ADMIN;
import static io.lakefs.sts.localaws.sts.StsFixture.MALLORY;
import static io.lakefs.sts.localaws.sts.StsFixture.expectError;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import io.lakefs.sts.localaws.iam.Role;
import io.lakefs.sts.localaws.iam.RoleSession;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.StsException;
import software.amazon.awssdk.services.sts.model.Tag;

/**
 * AssumeRole through the real AWS SDK StsClient: what a successful call issues, each input rule STS
 * enforces (with AWS's error code, status and wording), role chaining, and expiry of issued credentials.
 */
public class AssumeRoleTest {
  private static final String ROLE = "arn:aws:iam::123456789012:role/lakefs-sts";
  private static final String LONG_ROLE = "arn:aws:iam::123456789012:role/long-sessions";
  private static final String PLAIN_ROLE = "arn:aws:iam::123456789012:role/no-tagging";
  private static final String PARTNER_ROLE = "arn:aws:iam::123456789012:role/partner";
  private static final String CHAINED_ROLE = "arn:aws:iam::123456789012:role/chained";
  private static final String ALICE_ARN = "arn:aws:iam::123456789012:user/alice";

  private StsFixture sts;
  private StsClient alice;
  private LogCapture logs;

  @Before
  public void startSts() throws Exception {
    logs = new LogCapture();
    sts = new StsFixture(List.of(
        StsFixture.role("lakefs-sts", 3600, ALICE_ARN),
        StsFixture.role("long-sessions", 43200, ALICE_ARN),
        new Role(ACCOUNT, "no-tagging", 3600, List.of(ALICE_ARN), false, false, Optional.empty(),
            StsFixture.policy(ADMIN)),
        new Role(ACCOUNT, "partner", 3600, List.of(ALICE_ARN), true, true, Optional.of("partner-external-id-7"),
            StsFixture.policy(ADMIN)),
        StsFixture.role("chained", 43200, ROLE)));
    alice = sts.client(ALICE);
  }

  @After
  public void stopSts() {
    if (sts != null) {
      sts.close();
    }
    logs.close();
  }

  // ---- what a successful call issues

  @Test
  public void issuesTemporaryCredentialsForTheRole() {
    AssumeRoleResponse response = alice.assumeRole(r -> r.roleArn(ROLE).roleSessionName("alice-job"));

    assertEquals("arn:aws:sts::123456789012:assumed-role/lakefs-sts/alice-job", response.assumedRoleUser().arn());
    assertTrue(response.assumedRoleUser().assumedRoleId(),
        response.assumedRoleUser().assumedRoleId().matches("AROA[A-Z2-7]{17}:alice-job"));
    Credentials credentials = response.credentials();
    assertTrue(credentials.accessKeyId(), credentials.accessKeyId().matches("ASIA[A-Z2-7]{16}"));
    assertEquals(40, credentials.secretAccessKey().length());
    assertFalse(credentials.sessionToken().isEmpty());
    assertEquals("DurationSeconds defaults to one hour",
        sts.clock.instant().truncatedTo(ChronoUnit.SECONDS).plusSeconds(3600), credentials.expiration());
    assertNull("no policy and no tags were passed", response.packedPolicySize());
    assertNull(response.sourceIdentity());

    RoleSession session = sts.principals.session(credentials.accessKeyId()).orElseThrow();
    assertEquals(ALICE_ARN, session.callerArn());
    assertEquals(credentials.sessionToken(), session.sessionToken());
    assertTrue(logs.all(), logs.all().contains("STS AssumeRole caller=" + ALICE_ARN + " role=" + ROLE
        + " session=alice-job outcome=OK issuedAccessKeyId=" + credentials.accessKeyId()));
  }

  @Test
  public void issuedCredentialsIdentifyTheAssumedRoleSession() {
    AssumeRoleResponse response = alice.assumeRole(r -> r.roleArn(ROLE).roleSessionName("alice-job"));
    GetCallerIdentityResponse identity = sts.client(response.credentials()).getCallerIdentity();
    assertEquals(response.assumedRoleUser().arn(), identity.arn());
    assertEquals(response.assumedRoleUser().assumedRoleId(), identity.userId());
    assertEquals(ACCOUNT, identity.account());
  }

  @Test
  public void recordsTagsSourceIdentityAndSessionPolicyAndReportsPackedSize() {
    String policy = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [{\"Effect\": \"Allow\","
        + " \"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::lakefs-data/users/alice/*\"}]\n}";
    AssumeRoleResponse response = alice.assumeRole(r -> r.roleArn(ROLE).roleSessionName("alice-job")
        .durationSeconds(900).policy(policy).sourceIdentity("alice@example.com")
        .tags(tag("Project", "lakefs"), tag("CostCenter", "42")).transitiveTagKeys("Project"));

    assertEquals("alice@example.com", response.sourceIdentity());
    assertTrue(response.packedPolicySize().toString(), response.packedPolicySize() > 0);
    assertTrue(response.packedPolicySize().toString(), response.packedPolicySize() < 100);
    assertEquals(sts.clock.instant().truncatedTo(ChronoUnit.SECONDS).plusSeconds(900),
        response.credentials().expiration());
    RoleSession session = sts.principals.session(response.credentials().accessKeyId()).orElseThrow();
    assertEquals(Map.of("Project", "lakefs", "CostCenter", "42"), session.tags());
    assertEquals(Set.of("Project"), session.transitiveTagKeys());
    assertEquals(Optional.of("alice@example.com"), session.sourceIdentity());
    assertEquals(policy, session.sessionPolicy().orElseThrow().json());
  }

  @Test
  public void tagsAloneAlsoReportPackedSize() {
    AssumeRoleResponse response = alice.assumeRole(r -> r.roleArn(ROLE).roleSessionName("s1")
        .tags(tag("Project", "lakefs")));
    assertTrue(response.packedPolicySize() > 0);
  }

  // ---- input rules, with AWS's codes and wording

  @Test
  public void roleSessionNameMustMatchAwsPatternAndLength() {
    assertValidation(r -> r.roleArn(ROLE).roleSessionName("alice smith"), "1 validation error detected: Value"
        + " 'alice smith' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular"
        + " expression pattern: [\\w+=,.@-]*");
    assertValidation(r -> r.roleArn(ROLE).roleSessionName("a"), "1 validation error detected: Value 'a' at"
        + " 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2");
    String tooLong = "s".repeat(65);
    assertValidation(r -> r.roleArn(ROLE).roleSessionName(tooLong), "1 validation error detected: Value '"
        + tooLong + "' at 'roleSessionName' failed to satisfy constraint: Member must have length less than or"
        + " equal to 64");
    assertValidation(r -> r.roleArn(ROLE).roleSessionName("<b>&'\"x"), "1 validation error detected: Value"
        + " '<b>&'\"x' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression"
        + " pattern: [\\w+=,.@-]*");
    alice.assumeRole(r -> r.roleArn(ROLE).roleSessionName("s".repeat(64)));
    alice.assumeRole(r -> r.roleArn(ROLE).roleSessionName("a_b+c=d,e.f@g-h"));
  }

  @Test
  public void reportsAllViolationsTogether() {
    assertValidation(r -> r.roleArn(ROLE).roleSessionName("x").durationSeconds(60), "2 validation errors"
        + " detected: Value 'x' at 'roleSessionName' failed to satisfy constraint: Member must have length greater"
        + " than or equal to 2; Value '60' at 'durationSeconds' failed to satisfy constraint: Member must have"
        + " value greater than or equal to 900");
  }

  @Test
  public void durationSecondsMustFitStsAndTheRole() {
    assertValidation(r -> r.roleArn(ROLE).roleSessionName("s1").durationSeconds(899), "1 validation error"
        + " detected: Value '899' at 'durationSeconds' failed to satisfy constraint: Member must have value greater"
        + " than or equal to 900");
    assertValidation(r -> r.roleArn(LONG_ROLE).roleSessionName("s1").durationSeconds(43201), "1 validation"
        + " error detected: Value '43201' at 'durationSeconds' failed to satisfy constraint: Member must have value"
        + " less than or equal to 43200");
    assertValidation(r -> r.roleArn(ROLE).roleSessionName("s1").durationSeconds(3601),
        "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
    AssumeRoleResponse longest = alice.assumeRole(r -> r.roleArn(LONG_ROLE).roleSessionName("s1")
        .durationSeconds(43200));
    assertEquals(sts.clock.instant().truncatedTo(ChronoUnit.SECONDS).plusSeconds(43200),
        longest.credentials().expiration());
  }

  @Test
  public void roleArnMustBeWellFormedAndNameATrustingRole() {
    assertValidation(r -> r.roleArn("arn:aws:iam::1:role").roleSessionName("s1"), "1 validation error"
        + " detected: Value 'arn:aws:iam::1:role' at 'roleArn' failed to satisfy constraint: Member must have"
        + " length greater than or equal to 20");
    assertValidation(r -> r.roleArn("this-is-not-an-arn-at-all").roleSessionName("s1"), "Request ARN is invalid");
    String unknown = "arn:aws:iam::123456789012:role/nobody-made-this";
    StsException e = expectError("AccessDenied", 403,
        () -> alice.assumeRole(r -> r.roleArn(unknown).roleSessionName("s1")));
    assertEquals("User: " + ALICE_ARN + " is not authorized to perform: sts:AssumeRole on resource: " + unknown,
        e.awsErrorDetails().errorMessage());
    StsException untrusted = expectError("AccessDenied", 403,
        () -> sts.client(MALLORY).assumeRole(r -> r.roleArn(ROLE).roleSessionName("s1")));
    assertEquals("User: arn:aws:iam::123456789012:user/mallory is not authorized to perform: sts:AssumeRole on"
        + " resource: " + ROLE, untrusted.awsErrorDetails().errorMessage());
  }

  @Test
  public void sessionPolicyMustBeShortAndValid() {
    String huge = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"" + "x".repeat(2030) + "\"}]}";
    assertTrue(huge.length() > 2048);
    StsException e = expectError("ValidationError", 400,
        () -> alice.assumeRole(r -> r.roleArn(ROLE).roleSessionName("s1").policy(huge)));
    assertEquals("1 validation error detected: Value at 'policy' failed to satisfy constraint: Member must have"
        + " length less than or equal to 2048", e.awsErrorDetails().errorMessage());
    expectError("MalformedPolicyDocument", 400,
        () -> alice.assumeRole(r -> r.roleArn(ROLE).roleSessionName("s1").policy("{\"Version\": ")));
  }

  @Test
  public void packedPolicyOverTheLimitIsRefused() {
    Random random = new Random(42);
    List<Tag> tags = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      tags.add(tag(i + randomLetters(random, 100), randomLetters(random, 256)));
    }
    StsException e = expectError("PackedPolicyTooLarge", 400,
        () -> alice.assumeRole(r -> r.roleArn(ROLE).roleSessionName("s1").tags(tags)));
    assertTrue(e.getMessage(), e.awsErrorDetails().errorMessage()
        .matches("Packed size of session tags consumes \\d{3,}% of allotted space\\."));
  }

  @Test
  public void sessionTagsMustFollowStsRules() {
    List<Tag> fiftyOne = new ArrayList<>();
    for (int i = 0; i < 51; i++) {
      fiftyOne.add(tag("k" + i, "v"));
    }
    assertValidationContains(r -> r.roleArn(ROLE).roleSessionName("s1").tags(fiftyOne),
        "at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50");
    assertValidation(r -> r.roleArn(ROLE).roleSessionName("s1").tags(tag("bad#key", "v")), "1 validation error"
        + " detected: Value 'bad#key' at 'tags.1.member.key' failed to satisfy constraint: Member must satisfy"
        + " regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+");
    assertValidationContains(r -> r.roleArn(ROLE).roleSessionName("s1").tags(tag("k".repeat(129), "v")),
        "at 'tags.1.member.key' failed to satisfy constraint: Member must have length less than or equal to 128");
    assertValidationContains(r -> r.roleArn(ROLE).roleSessionName("s1").tags(tag("k", "v".repeat(257))),
        "at 'tags.1.member.value' failed to satisfy constraint: Member must have length less than or equal to 256");
    assertValidation(r -> r.roleArn(ROLE).roleSessionName("s1").tags(tag("Project", "a"), tag("project", "b")),
        "Duplicate tag keys found. Please note that Tag keys are case insensitive.");
    assertValidation(r -> r.roleArn(ROLE).roleSessionName("s1").tags(tag("Project", "a")).transitiveTagKeys("Team"),
        "The specified transitive tag key 'Team' must be included in the requested tags.");
    alice.assumeRole(r -> r.roleArn(ROLE).roleSessionName("s1").tags(tag("Team name: data/eng", "a+b=c@d.e-f_ü")));
  }

  @Test
  public void tagsNeedSessionTaggingInTheTrustPolicy() {
    StsException e = expectError("AccessDenied", 403,
        () -> alice.assumeRole(r -> r.roleArn(PLAIN_ROLE).roleSessionName("s1").tags(tag("Project", "a"))));
    assertEquals("User: " + ALICE_ARN + " is not authorized to perform: sts:TagSession on resource: " + PLAIN_ROLE,
        e.awsErrorDetails().errorMessage());
  }

  @Test
  public void sourceIdentityMustBeValidAndAllowed() {
    assertValidationContains(r -> r.roleArn(ROLE).roleSessionName("s1").sourceIdentity("alice smith"),
        "Value 'alice smith' at 'sourceIdentity' failed to satisfy constraint: Member must satisfy regular"
            + " expression pattern: [\\w+=,.@-]*");
    assertValidationContains(r -> r.roleArn(ROLE).roleSessionName("s1").sourceIdentity("aws:alice"),
        "Value 'aws:alice' at 'sourceIdentity' failed to satisfy constraint");
    StsException e = expectError("AccessDenied", 403,
        () -> alice.assumeRole(r -> r.roleArn(PLAIN_ROLE).roleSessionName("s1").sourceIdentity("alice")));
    assertEquals("User: " + ALICE_ARN + " is not authorized to perform: sts:SetSourceIdentity on resource: "
        + PLAIN_ROLE, e.awsErrorDetails().errorMessage());
  }

  @Test
  public void externalIdMustMatchTheTrustPolicy() {
    expectError("AccessDenied", 403, () -> alice.assumeRole(r -> r.roleArn(PARTNER_ROLE).roleSessionName("s1")));
    StsException wrong = expectError("AccessDenied", 403, () -> alice.assumeRole(
        r -> r.roleArn(PARTNER_ROLE).roleSessionName("s1").externalId("partner-external-id-8")));
    assertFalse("the expected external id is not revealed",
        wrong.getMessage().contains("partner-external-id-7"));
    assertValidation(r -> r.roleArn(PARTNER_ROLE).roleSessionName("s1").externalId("x"), "1 validation error"
        + " detected: Value at 'externalId' failed to satisfy constraint: Member must have length greater than or"
        + " equal to 2");
    alice.assumeRole(r -> r.roleArn(PARTNER_ROLE).roleSessionName("s1").externalId("partner-external-id-7"));
  }

  // ---- role chaining

  @Test
  public void chainedSessionKeepsTransitiveTagsAndSourceIdentity() {
    Credentials first = alice.assumeRole(r -> r.roleArn(ROLE).roleSessionName("alice-job")
        .sourceIdentity("alice").tags(tag("Project", "lakefs"), tag("Team", "data")).transitiveTagKeys("Project"))
        .credentials();
    AssumeRoleResponse second = sts.client(first).assumeRole(r -> r.roleArn(CHAINED_ROLE).roleSessionName("hop")
        .tags(tag("Stage", "two")));

    assertEquals("alice", second.sourceIdentity());
    RoleSession chained = sts.principals.session(second.credentials().accessKeyId()).orElseThrow();
    assertEquals(Map.of("Project", "lakefs", "Stage", "two"), chained.tags());
    assertEquals(Set.of("Project"), chained.transitiveTagKeys());
    assertEquals("arn:aws:sts::123456789012:assumed-role/lakefs-sts/alice-job", chained.callerArn());
  }

  @Test
  public void chainedSessionIsLimitedToOneHour() {
    Credentials first = alice.assumeRole(r -> r.roleArn(ROLE).roleSessionName("alice-job")).credentials();
    StsClient asSession = sts.client(first);
    StsException e = expectError("ValidationError", 400,
        () -> asSession.assumeRole(r -> r.roleArn(CHAINED_ROLE).roleSessionName("hop").durationSeconds(3601)));
    assertEquals("The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.",
        e.awsErrorDetails().errorMessage());
    asSession.assumeRole(r -> r.roleArn(CHAINED_ROLE).roleSessionName("hop").durationSeconds(3600));
  }

  @Test
  public void chainedSessionCannotChangeSourceIdentityOrInheritedTags() {
    Credentials first = alice.assumeRole(r -> r.roleArn(ROLE).roleSessionName("alice-job")
        .sourceIdentity("alice").tags(tag("Project", "lakefs")).transitiveTagKeys("Project")).credentials();
    StsClient asSession = sts.client(first);
    StsException identity = expectError("ValidationError", 400, () -> asSession.assumeRole(
        r -> r.roleArn(CHAINED_ROLE).roleSessionName("hop").sourceIdentity("mallory")));
    assertTrue(identity.getMessage(), identity.awsErrorDetails().errorMessage().contains("'alice'"));
    expectError("ValidationError", 400, () -> asSession.assumeRole(
        r -> r.roleArn(CHAINED_ROLE).roleSessionName("hop").tags(tag("project", "other"))));
    assertEquals("alice", asSession.assumeRole(
        r -> r.roleArn(CHAINED_ROLE).roleSessionName("hop").sourceIdentity("alice")).sourceIdentity());
  }

  @Test
  public void chainingNeedsTheNextRoleToTrustTheSessionsRole() {
    Credentials first = alice.assumeRole(r -> r.roleArn(LONG_ROLE).roleSessionName("alice-job")).credentials();
    StsException e = expectError("AccessDenied", 403, () -> sts.client(first).assumeRole(
        r -> r.roleArn(CHAINED_ROLE).roleSessionName("hop")));
    assertEquals("User: arn:aws:sts::123456789012:assumed-role/long-sessions/alice-job is not authorized to"
        + " perform: sts:AssumeRole on resource: " + CHAINED_ROLE, e.awsErrorDetails().errorMessage());
  }

  // ---- issued credentials over time

  @Test
  public void sessionLifetimeOverrideExpiresCredentialsEarly() {
    sts.setFaults("sessionLifetimeSeconds=60");
    Credentials credentials = alice.assumeRole(r -> r.roleArn(ROLE).roleSessionName("short").durationSeconds(3600))
        .credentials();
    assertEquals(sts.clock.instant().truncatedTo(ChronoUnit.SECONDS).plusSeconds(60), credentials.expiration());
    StsClient asSession = sts.client(credentials);
    asSession.getCallerIdentity();

    sts.clock.advance(Duration.ofSeconds(61));
    StsException e = expectError("ExpiredToken", 403, asSession::getCallerIdentity);
    assertEquals("The security token included in the request is expired", e.awsErrorDetails().errorMessage());
  }

  @Test
  public void sessionKeyWithAnotherTokenIsInvalidClientTokenId() {
    Credentials credentials = alice.assumeRole(r -> r.roleArn(ROLE).roleSessionName("s1")).credentials();
    expectError("InvalidClientTokenId", 403, () -> sts.client(AwsSessionCredentials.create(
        credentials.accessKeyId(), credentials.secretAccessKey(), "FwoGZXIvYXdzEnot-the-token"), StsFixture.REGION)
        .getCallerIdentity());
  }

  @Test
  public void issuedSecretsAndTokensNeverReachLogsOrErrorMessages() {
    Credentials first = alice.assumeRole(r -> r.roleArn(ROLE).roleSessionName("alice-job")).credentials();
    List<String> messages = new ArrayList<>();
    StsClient asSession = sts.client(first);
    asSession.getCallerIdentity();
    Credentials second = asSession.assumeRole(r -> r.roleArn(CHAINED_ROLE).roleSessionName("hop")).credentials();
    messages.add(expectError("ValidationError", 400, () -> asSession.assumeRole(
        r -> r.roleArn(CHAINED_ROLE).roleSessionName("hop").durationSeconds(7200))).getMessage());
    messages.add(expectError("SignatureDoesNotMatch", 403, () -> sts.client(AwsSessionCredentials.create(
        first.accessKeyId(), second.secretAccessKey(), first.sessionToken()), StsFixture.REGION)
        .getCallerIdentity()).getMessage());
    messages.add(expectError("InvalidClientTokenId", 403, () -> sts.client(AwsSessionCredentials.create(
        first.accessKeyId(), first.secretAccessKey(), second.sessionToken()), StsFixture.REGION)
        .getCallerIdentity()).getMessage());
    sts.clock.advance(Duration.ofHours(2));
    messages.add(expectError("ExpiredToken", 403, asSession::getCallerIdentity).getMessage());
    messages.add(String.valueOf(sts.principals.session(first.accessKeyId()).orElseThrow()));

    String logged = logs.all();
    assertTrue(logged, logged.contains("issuedAccessKeyId=" + second.accessKeyId()));
    for (Credentials issued : List.of(first, second)) {
      for (String secret : List.of(issued.secretAccessKey(), issued.sessionToken())) {
        assertFalse("a log line carries an issued secret or token", logged.contains(secret));
        for (String message : messages) {
          assertFalse("an error message carries an issued secret or token: " + message, message.contains(secret));
        }
      }
    }
  }

  // ---- helpers

  private static Tag tag(String key, String value) {
    return Tag.builder().key(key).value(value).build();
  }

  private static String randomLetters(Random random, int length) {
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append((char) ('a' + random.nextInt(26)));
    }
    return out.toString();
  }

  private void assertValidation(Consumer<AssumeRoleRequest.Builder> request, String message) {
    StsException e = expectError("ValidationError", 400, () -> alice.assumeRole(request));
    assertEquals(message, e.awsErrorDetails().errorMessage());
  }

  private void assertValidationContains(Consumer<AssumeRoleRequest.Builder> request, String fragment) {
    StsException e = expectError("ValidationError", 400, () -> alice.assumeRole(request));
    assertTrue(e.awsErrorDetails().errorMessage(), e.awsErrorDetails().errorMessage().contains(fragment));
  }
}
