package io.lakefs.sts.service.sts;

/** This request cannot be served as asked (too many namespaces for one policy, an id STS refuses...). */
public class CredentialsRequestException extends CredentialsIssueException {
  public CredentialsRequestException(String message, String stsErrorCode, Throwable cause) {
    super(message, stsErrorCode, cause);
  }
}
