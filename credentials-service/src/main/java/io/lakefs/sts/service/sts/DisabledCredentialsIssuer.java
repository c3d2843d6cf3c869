package io.lakefs.sts.service.sts;

import io.lakefs.sts.service.ServiceKeys;
import io.lakefs.sts.service.scope.Role;
import io.lakefs.sts.service.scope.SessionPolicy;
import java.time.Duration;

/**
 * The issuer when no role is configured: issuing STS credentials is optional, because it needs an IAM role
 * that an administrator sets up once. Every request is refused with how to turn the feature on.
 */
public final class DisabledCredentialsIssuer implements CredentialsIssuer {
  static final String MESSAGE = "Issuing S3 credentials through STS is disabled on this lakeFS credentials service,"
      + " because no IAM role is configured. An administrator enables it by setting " + ServiceKeys.ROLE_ARN
      + " to the ARN of a role whose trust policy allows the service's AWS principal sts:AssumeRole,"
      + " sts:TagSession and sts:SetSourceIdentity. Until then, read and write through lakeFS instead (for example"
      + " lakeFSFS with fs.lakefs.access.mode=presigned).";

  @Override
  public IssuedCredentials issue(String lakeFSUserId, Role role, SessionPolicy policy, Duration maxDuration) {
    throw new CredentialsDisabledException(MESSAGE);
  }
}
