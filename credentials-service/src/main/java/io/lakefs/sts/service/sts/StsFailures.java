package io.lakefs.sts.service.sts;

import io.lakefs.sts.service.ServiceKeys;
import io.lakefs.sts.service.scope.Role;
import io.lakefs.sts.service.scope.SessionPolicy;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Turns what the AWS SDK threw for AssumeRole into a {@link CredentialsIssueException} that says whose problem
 * it is and what to fix. STS's own messages are kept (they never hold secrets); the SDK exception is the cause.
 */
final class StsFailures {
  /** Error codes for failures without an STS answer, for {@link IssuerListener#stsError}. */
  static final String CLIENT_TIMEOUT = "ClientTimeout";
  static final String CONNECTION_FAILURE = "ConnectionFailure";
  static final String CLIENT_FAILURE = "ClientFailure";

  private static final Set<String> THROTTLING = Set.of("Throttling", "ThrottlingException", "ThrottledException",
      "RequestLimitExceeded", "RequestThrottled", "RequestThrottledException", "TooManyRequestsException",
      "SlowDown");
  /** STS did not accept the service's own AWS credentials. */
  private static final Set<String> SERVICE_CREDENTIALS = Set.of("InvalidClientTokenId", "SignatureDoesNotMatch",
      "IncompleteSignature", "MissingAuthenticationToken", "ExpiredToken", "InvalidAccessKeyId",
      "UnrecognizedClientException", "AuthFailure", "InvalidToken");
  private static final Set<String> UNAVAILABLE = Set.of("ServiceUnavailable", "InternalFailure", "InternalError",
      "ServiceFailure", "RequestTimeout", "RequestTimeoutException");
  private static final String TRUST_PERMISSIONS = "sts:AssumeRole, sts:TagSession and sts:SetSourceIdentity";

  private final StsSettings settings;

  StsFailures(StsSettings settings) {
    this.settings = settings;
  }

  /** STS's error code, or one of ours when STS never answered. */
  static String code(SdkException e) {
    if (e instanceof AwsServiceException service) {
      String code = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
      return code == null || code.isBlank() ? "HTTP" + service.statusCode() : code;
    }
    if (isTimeout(e)) {
      return CLIENT_TIMEOUT;
    }
    return hasIoCause(e) ? CONNECTION_FAILURE : CLIENT_FAILURE;
  }

  static boolean isThrottling(SdkException e) {
    return e instanceof AwsServiceException service
        && (service.isThrottlingException() || THROTTLING.contains(code(e)));
  }

  /** After retries ran out on throttling. */
  StsThrottledException throttled(SdkException e, int attempts, Duration retryAfter) {
    return new StsThrottledException("STS is throttling this service's AssumeRole calls ("
        + code(e) + ": " + stsMessage(e) + ") and still was after " + attempts + " attempt"
        + (attempts == 1 ? "" : "s") + "; retry after " + wholeSeconds(retryAfter) + " s.", retryAfter, code(e), e);
  }

  /** Any failure other than throttling with attempts left. */
  CredentialsIssueException toException(SdkException e, SessionNames names, SessionPolicy policy, Role role) {
    String code = code(e);
    if (!(e instanceof AwsServiceException service)) {
      return clientFailure(e, code);
    }
    String message = stsMessage(e);
    String said = " (" + code + ": " + message + ")";
    if (code.equals("AccessDenied")) {
      return new StsConfigurationException("STS refused to let this service assume role " + role.arn() + said
          + ". Check that " + ServiceKeys.ROLE_ARN + " names the role you meant, that the role exists, and that its"
          + " trust policy allows this service's AWS principal the actions " + TRUST_PERMISSIONS
          + externalIdAdvice(role) + ".", code, e);
    }
    if (SERVICE_CREDENTIALS.contains(code)) {
      return new StsConfigurationException("STS did not accept the AWS credentials this service calls it with"
          + said + ". Set " + ServiceKeys.STS_ACCESS_KEY + " and " + ServiceKeys.STS_SECRET_KEY + " to a valid"
          + " long-term key, or leave both unset to use the AWS SDK's default credentials chain (environment,"
          + " profile, instance or pod role), and check that the clock of this host is correct.", code, e);
    }
    if (code.equals("RegionDisabledException")) {
      return unavailable("STS is not activated in region " + settings.region() + " for this account" + said
          + "; an AWS account administrator can activate it (IAM, Account settings, Security Token Service), or"
          + " set " + ServiceKeys.STS_REGION + " to a region where it is active.", code, e);
    }
    if (code.equals("PackedPolicyTooLarge")) {
      return new CredentialsRequestException("STS refused the credentials for lakeFS user '" + names.userId()
          + "' because their session policy (" + policy.json().length() + " of " + SessionPolicy.MAX_LENGTH
          + " characters) and session tags, once packed, exceed STS's limit on their packed size" + said
          + ". Ask for credentials for fewer repositories at a time.", code, e);
    }
    if (code.equals("MalformedPolicyDocument")) {
      return new CredentialsRequestException("STS refused the session policy for lakeFS user '" + names.userId()
          + "' as malformed" + said + ". A session policy may be at most " + SessionPolicy.MAX_LENGTH
          + " characters; ask for credentials for fewer repositories at a time, and report this if it persists,"
          + " since the service writes the policy itself.", code, e);
    }
    if (code.equals("ValidationError") || code.equals("InvalidParameterValue")) {
      return validationError(names, role, code, message, said, e);
    }
    if (UNAVAILABLE.contains(code) || service.statusCode() >= 500) {
      return unavailable("STS is unavailable" + " (" + code + ", HTTP " + service.statusCode() + ": " + message
          + ").", code, e);
    }
    return new StsConfigurationException("STS refused AssumeRole of role " + role.arn() + " with " + code
        + " (HTTP " + service.statusCode() + ": " + message + "). Check the service's STS settings: "
        + ServiceKeys.ROLE_ARN + ", " + ServiceKeys.STS_ENDPOINT + " and " + ServiceKeys.STS_REGION + ".", code, e);
  }

  private CredentialsIssueException validationError(SessionNames names, Role role, String code, String message,
      String said,
      SdkException e) {
    String lower = message.toLowerCase(Locale.ROOT);
    if (lower.contains("durationseconds") || lower.contains("maxsessionduration")) {
      // Only the configured duration can break this: the caller's token can only shorten it, down to 900 s.
      return new StsConfigurationException("Role " + role.arn() + " does not allow sessions as long as the"
          + " configured " + settings.duration().toSeconds() + " s" + said + ". Lower "
          + ServiceKeys.CREDENTIALS_DURATION_SECONDS + " to at most the role's maximum session duration, or raise"
          + " the role's MaxSessionDuration (up to 12 hours).", code, e);
    }
    if (lower.contains("arn")) {
      return new StsConfigurationException("STS refused " + ServiceKeys.ROLE_ARN + " = " + role.arn() + said
          + ". Set it to the ARN of an IAM role, e.g. arn:aws:iam::123456789012:role/lakefs-sts.", code, e);
    }
    if (lower.contains("externalid")) {
      return new StsConfigurationException("STS refused " + ServiceKeys.ROLE_EXTERNAL_ID + said + ". Set it to the"
          + " value the role's trust policy requires, or unset it.", code, e);
    }
    return new CredentialsRequestException("STS refused to issue credentials for lakeFS user '" + names.userId()
        + "' as asked" + said + ". STS's limits: a session policy of at most " + SessionPolicy.MAX_LENGTH
        + " characters, session names of 2 to 64 characters of [\\w+=,.@-], session tag values of at most 256"
        + " characters.", code, e);
  }

  private CredentialsIssueException clientFailure(SdkException e, String code) {
    String where = settings.endpoint().map(uri -> "STS at " + uri)
        .orElse("AWS STS in region " + settings.region());
    if (code.equals(CLIENT_TIMEOUT)) {
      return unavailable(where + " did not answer within " + settings.callTimeout().toMillis() + " ms.", code, e);
    }
    if (code.equals(CONNECTION_FAILURE)) {
      return unavailable("Could not reach " + where + ": " + e.getMessage(), code, e);
    }
    return new StsConfigurationException("The AWS SDK could not call " + where + ": " + e.getMessage()
        + " Check the AWS credentials this service runs with (" + ServiceKeys.STS_ACCESS_KEY + " and "
        + ServiceKeys.STS_SECRET_KEY + ", or the SDK's default credentials chain) and " + ServiceKeys.STS_REGION
        + ".", code, e);
  }

  private StsUnavailableException unavailable(String message, String code, SdkException e) {
    Duration retryAfter = settings.retryAfterWhenUnavailable();
    return new StsUnavailableException(message + (message.endsWith(".") ? " " : ". ") + "Retry after "
        + wholeSeconds(retryAfter) + " s.", retryAfter, code, e);
  }

  private static String externalIdAdvice(Role role) {
    return role.externalId().isPresent()
        ? ", with the sts:ExternalId that " + ServiceKeys.ROLE_EXTERNAL_ID + " sets"
        : "; if the trust policy requires an sts:ExternalId, set " + ServiceKeys.ROLE_EXTERNAL_ID;
  }

  private static String stsMessage(SdkException e) {
    if (e instanceof AwsServiceException service && service.awsErrorDetails() != null
        && service.awsErrorDetails().errorMessage() != null) {
      return service.awsErrorDetails().errorMessage();
    }
    return String.valueOf(e.getMessage());
  }

  private static boolean isTimeout(SdkException e) {
    return e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException;
  }

  private static boolean hasIoCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof IOException) {
        return true;
      }
    }
    return false;
  }

  /** For Retry-After: whole seconds, rounded up, at least 1. */
  static long wholeSeconds(Duration d) {
    return Math.max(1, (d.toMillis() + 999) / 1000);
  }
}
