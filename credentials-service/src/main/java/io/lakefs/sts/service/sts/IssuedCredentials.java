package io.lakefs.sts.service.sts;

import io.lakefs.sts.service.scope.Grant;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the service hands a lakeFS user: the credentials, and what they were issued as, for the HTTP answer
 * and the audit log. {@code sessionName} and {@code sourceIdentity} are how S3 access logs and CloudTrail
 * will name the user; {@code scope} is everything the credentials' session policy reaches.
 */
public record IssuedCredentials(AwsCredentials credentials, String sessionName, String sourceIdentity,
    List<Grant> scope, String roleArn) {

  public IssuedCredentials {
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(sessionName, "sessionName");
    Objects.requireNonNull(sourceIdentity, "sourceIdentity");
    scope = List.copyOf(scope);
    Objects.requireNonNull(roleArn, "roleArn");
  }

  public Instant expiration() {
    return credentials.expiration();
  }
}
