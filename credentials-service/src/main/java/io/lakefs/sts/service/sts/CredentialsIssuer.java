package io.lakefs.sts.service.sts;

import io.lakefs.sts.service.scope.Role;
import io.lakefs.sts.service.scope.SessionPolicy;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Issues temporary S3 credentials for one lakeFS user, limited by a session policy: the service's step between
 * "lakeFS says who the caller is and what they may reach" and the credentials a driver or executor uses on S3.
 * Implementations: {@link StsCredentialsIssuer} (calls STS), {@link CachingCredentialsIssuer} (in front of it),
 * {@link DisabledCredentialsIssuer} (no role configured).
 */
public interface CredentialsIssuer {
  /**
   * @param lakeFSUserId the authenticated lakeFS user id, any Unicode string; it becomes the session name,
   *     source identity and a session tag (see {@link SessionNames})
   * @param role the role to assume: the one that reaches the storage of the policy's locations
   * @param policy what the credentials may reach
   * @param maxDuration the credentials must not outlive this: the remaining life of the delegation token the
   *     caller presented
   * @throws CredentialsIssueException (unchecked) with a message saying what to fix; its subclass tells the HTTP
   *     layer which status to answer
   */
  IssuedCredentials issue(String lakeFSUserId, Role role, SessionPolicy policy, Duration maxDuration);

  /**
   * {@link #issue}, for a caller that must not hold its thread while another caller's identical STS call is in
   * flight (the HTTP endpoint). Failures complete the future exceptionally, never throw. This default issues on
   * the calling thread.
   */
  default CompletableFuture<IssuedCredentials> issueAsync(String lakeFSUserId, Role role, SessionPolicy policy,
      Duration maxDuration) {
    try {
      return CompletableFuture.completedFuture(issue(lakeFSUserId, role, policy, maxDuration));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }
}
