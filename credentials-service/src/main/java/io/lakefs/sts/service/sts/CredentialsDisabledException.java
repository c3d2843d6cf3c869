package io.lakefs.sts.service.sts;

/** No role is configured, so the feature is off; the message says how an administrator turns it on. */
public final class CredentialsDisabledException extends CredentialsIssueException {
  public CredentialsDisabledException(String message) {
    super(message, null, null);
  }
}
