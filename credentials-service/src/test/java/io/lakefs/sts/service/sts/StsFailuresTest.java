package io.lakefs.sts.service.sts;

import static io.lakefs.sts.service.scope.AccessLevel.READ;
import static io.lakefs.sts.service.sts.LocalAwsIssuing.A_DAY;
import static io.lakefs.sts.service.sts.LocalAwsIssuing.policy;
import static io.lakefs.sts.service.sts.ScriptedStsClient.stsError;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.lakefs.sts.service.scope.Role;
import io.lakefs.sts.service.scope.SessionPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.Test;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.Tag;

/** What {@link StsCredentialsIssuer} asks STS, and what each STS answer becomes, with a scripted client. */
public class StsFailuresTest {
  private static final String ROLE = "arn:aws:iam::123456789012:role/lakefs-sts";
  private static final Role DEFAULT_ROLE = new Role(ROLE, Optional.empty());
  private static final SessionPolicy POLICY = policy("s3://lakefs-data/repo1/", READ);

  private final ScriptedStsClient sts = new ScriptedStsClient();
  private final RecordingSleeper sleeper = new RecordingSleeper();
  private final CountingListener listener = new CountingListener();

  @Test
  public void assumeRoleNamesTheUserLimitsThePolicyAndTagsTheSessionTransitively() {
    StsSettings settings = settings().externalId("lakefs-prod").duration(Duration.ofMinutes(45)).build();
    issuer(settings).issue("Jürgen Müller", settings.defaultRole(), POLICY, A_DAY);

    AssumeRoleRequest request = sts.requests.get(0);
    SessionNames names = SessionNames.forUser("Jürgen Müller");
    assertEquals(ROLE, request.roleArn());
    assertEquals(names.roleSessionName(), request.roleSessionName());
    assertEquals(names.sourceIdentity(), request.sourceIdentity());
    assertEquals(List.of(Tag.builder().key("lakefs-user").value("Jürgen Müller").build(),
        Tag.builder().key("issued-by").value("lakeFS").build()), request.tags());
    assertEquals(List.of("lakefs-user", "issued-by"), request.transitiveTagKeys());
    assertEquals(POLICY.json(), request.policy());
    assertEquals("lakefs-prod", request.externalId());
    assertEquals(Integer.valueOf(45 * 60), request.durationSeconds());
  }

  @Test
  public void durationIsTheTokensRemainingLifeInWholeSecondsWhenShorter() {
    issuer(settings().build()).issue("alice", DEFAULT_ROLE, POLICY, Duration.ofSeconds(1000, 999_000_000));
    assertEquals(Integer.valueOf(1000), sts.requests.get(0).durationSeconds());
    assertEquals(null, sts.requests.get(0).externalId());
  }

  @Test
  public void throttlingBacksOffExponentiallyWithFullJitterUpToTheMaximum() {
    sts.failWith(stsError(400, "Throttling", "Rate exceeded"), stsError(400, "RequestLimitExceeded", "slow down"),
        stsError(400, "Throttling", "Rate exceeded"), stsError(400, "Throttling", "Rate exceeded"));
    StsSettings settings = settings().maxAttempts(5).backoff(Duration.ofMillis(100), Duration.ofMillis(300)).build();
    new StsCredentialsIssuer(settings, sts, listener, sleeper, () -> 0.5).issue("alice", DEFAULT_ROLE, POLICY, A_DAY);

    assertEquals(List.of(Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(150),
        Duration.ofMillis(150)), sleeper.pauses);
    assertEquals(5, sts.requests.size());
    assertEquals(3, listener.errors("Throttling"));
    assertEquals(1, listener.errors("RequestLimitExceeded"));
    assertEquals(1, listener.issued.get());
  }

  @Test
  public void packedPolicyTooLargeIsARequestErrorNamingTheLimit() {
    sts.failWith(stsError(400, "PackedPolicyTooLarge", "Packed policy consumes 112% of allotted space, please use"
        + " smaller policy for this request."));
    CredentialsRequestException e = refusal(CredentialsRequestException.class);
    assertEquals("STS refused the credentials for lakeFS user 'alice' because their session policy ("
        + POLICY.json().length() + " of 2048 characters) and session tags, once packed, exceed STS's limit on their"
        + " packed size (PackedPolicyTooLarge: Packed policy consumes 112% of allotted space, please use smaller"
        + " policy for this request.). Ask for credentials for fewer repositories at a time.", e.getMessage());
  }

  @Test
  public void malformedPolicyIsARequestErrorNamingTheLimit() {
    sts.failWith(stsError(400, "MalformedPolicyDocument", "Syntax errors in policy."));
    CredentialsRequestException e = refusal(CredentialsRequestException.class);
    assertTrue(e.getMessage(), e.getMessage().contains("as malformed (MalformedPolicyDocument: Syntax errors in"
        + " policy.). A session policy may be at most 2048 characters"));
  }

  @Test
  public void otherValidationErrorsAreRequestErrorsNamingStsLimits() {
    sts.failWith(stsError(400, "ValidationError", "1 validation error detected: Value at 'tags.1.member.value'"
        + " failed to satisfy constraint"));
    CredentialsRequestException e = refusal(CredentialsRequestException.class);
    assertTrue(e.getMessage(), e.getMessage().contains("STS's limits: a session policy of at most 2048 characters"));
    assertEquals("ValidationError", e.stsErrorCode().orElseThrow());
  }

  @Test
  public void durationValidationErrorIsAConfigurationErrorSinceOnlyTheConfiguredDurationCausesIt() {
    sts.failWith(stsError(400, "ValidationError", "The requested DurationSeconds exceeds the MaxSessionDuration set"
        + " for this role."));
    StsConfigurationException e = refusal(StsConfigurationException.class);
    assertTrue(e.getMessage(), e.getMessage().contains("Lower lakefs.sts.credentials.duration.seconds"));
  }

  @Test
  public void internalFailureIsUnavailable() {
    sts.failWith(stsError(500, "InternalFailure", "An internal error occurred."));
    StsUnavailableException e = refusal(StsUnavailableException.class);
    assertEquals("STS is unavailable (InternalFailure, HTTP 500: An internal error occurred.). Retry after 10 s.",
        e.getMessage());
    assertEquals(1, sts.requests.size());
  }

  @Test
  public void attemptTimeoutIsUnavailable() {
    sts.failWith(ApiCallAttemptTimeoutException.create(10_000));
    StsUnavailableException e = refusal(StsUnavailableException.class);
    assertEquals("AWS STS in region us-east-1 did not answer within 10000 ms. Retry after 10 s.", e.getMessage());
    assertEquals(1, listener.errors(StsFailures.CLIENT_TIMEOUT));
  }

  @Test
  public void missingServiceCredentialsAreAConfigurationError() {
    sts.failWith(SdkClientException.create("Unable to load credentials from any of the providers in the chain"));
    StsConfigurationException e = refusal(StsConfigurationException.class);
    assertTrue(e.getMessage(), e.getMessage().startsWith("The AWS SDK could not call AWS STS in region us-east-1:"
        + " Unable to load credentials"));
    assertEquals(StsFailures.CLIENT_FAILURE, e.stsErrorCode().orElseThrow());
  }

  @Test
  public void unknownRefusalIsAConfigurationErrorNamingTheCodeAndSettings() {
    sts.failWith(stsError(400, "InvalidAction", "Could not find operation AssumeRole for version 2011-06-15"));
    StsConfigurationException e = refusal(StsConfigurationException.class);
    assertEquals("STS refused AssumeRole of role " + ROLE + " with InvalidAction (HTTP 400: Could not find operation"
        + " AssumeRole for version 2011-06-15). Check the service's STS settings: lakefs.sts.role.arn,"
        + " lakefs.sts.sts.endpoint and lakefs.sts.sts.region.", e.getMessage());
  }

  @Test
  public void userIdThatIsNotUnicodeIsARequestError() {
    CredentialsRequestException e = assertThrows(CredentialsRequestException.class,
        () -> issuer(settings().build()).issue("bad\uD800", DEFAULT_ROLE, POLICY, A_DAY));
    assertTrue(e.getMessage(), e.getMessage().startsWith("lakeFS user id cannot be named to STS: "));
    assertEquals(0, sts.requests.size());
  }

  private <T extends CredentialsIssueException> T refusal(Class<T> type) {
    return assertThrows(type, () -> issuer(settings().build()).issue("alice", DEFAULT_ROLE, POLICY, A_DAY));
  }

  private StsCredentialsIssuer issuer(StsSettings settings) {
    return new StsCredentialsIssuer(settings, sts, listener, sleeper, () -> 0.5);
  }

  private static StsSettingsBuilder settings() {
    return StsSettingsBuilder.forRole(ROLE);
  }
}
