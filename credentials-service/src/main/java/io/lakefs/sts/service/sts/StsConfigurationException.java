package io.lakefs.sts.service.sts;

/**
 * STS refused the service itself: the role, its trust policy, the external id, the service's own AWS
 * credentials or its STS settings are wrong. Nothing the caller can fix: the message is for the administrator
 * (it names the role and what to change) and goes to the service log; the caller gets {@link #callerMessage()}.
 */
public final class StsConfigurationException extends CredentialsIssueException {
  static final String CALLER_MESSAGE = "The lakeFS credentials service is misconfigured and cannot issue S3"
      + " credentials; ask your lakeFS administrator to check the credentials service's log.";

  public StsConfigurationException(String adminMessage, String stsErrorCode, Throwable cause) {
    super(adminMessage, stsErrorCode, cause);
  }

  @Override
  public String callerMessage() {
    return CALLER_MESSAGE;
  }
}
