package io.lakefs.sts.service.sts;

import java.util.Optional;

/**
 * Why no credentials were issued. The subclass says whose problem it is, which {@code issuance}'s
 * {@code Refusal} turns into a status; the message says what to fix. Messages never hold a secret key, session token or policy secret.
 *
 * <pre>
 *                                                                          suggested HTTP status
 * CredentialsDisabledException   no role configured                        501
 * StsConfigurationException      role, trust or service credentials wrong  500, callerMessage() only
 * CredentialsRequestException    this request cannot be served as asked    400
 *   TokenExpiresTooSoonException the delegation token has under 15 min     401
 * StsUnavailableException        STS down, unreachable or slow             503 + Retry-After
 *   StsThrottledException        STS kept throttling                       503 + Retry-After
 * </pre>
 */
public abstract class CredentialsIssueException extends RuntimeException {
  private final String stsErrorCode;

  protected CredentialsIssueException(String message, String stsErrorCode, Throwable cause) {
    super(message, cause);
    this.stsErrorCode = stsErrorCode;
  }

  /** STS's error code (or a transport failure's, see {@link StsFailures}) when STS was called and failed. */
  public Optional<String> stsErrorCode() {
    return Optional.ofNullable(stsErrorCode);
  }

  /** What to tell the caller of the HTTP API: the message itself, unless it is meant for administrators only. */
  public String callerMessage() {
    return getMessage();
  }
}
