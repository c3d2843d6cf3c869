package io.lakefs.sts.localaws.iam;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Temporary credentials issued by AssumeRole, and everything S3 needs to authorize and audit requests
 * signed with them.
 *
 * @param callerArn the principal that called AssumeRole
 * @param tags session tags, in the order they were passed
 * @param sessionPolicy the inline session policy, empty when none was passed
 */
public record RoleSession(
    String accessKeyId,
    String secretAccessKey,
    String sessionToken,
    Instant expiration,
    Role role,
    String sessionName,
    Optional<String> sourceIdentity,
    Map<String, String> tags,
    Set<String> transitiveTagKeys,
    Optional<PolicyDocument> sessionPolicy,
    String callerArn) {

  public RoleSession {
    Objects.requireNonNull(accessKeyId, "accessKeyId");
    Objects.requireNonNull(secretAccessKey, "secretAccessKey");
    Objects.requireNonNull(sessionToken, "sessionToken");
    Objects.requireNonNull(expiration, "expiration");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(sessionName, "sessionName");
    Objects.requireNonNull(sourceIdentity, "sourceIdentity");
    tags = Map.copyOf(tags);
    transitiveTagKeys = Set.copyOf(transitiveTagKeys);
    Objects.requireNonNull(sessionPolicy, "sessionPolicy");
    Objects.requireNonNull(callerArn, "callerArn");
  }

  /** The ARN that CloudTrail and S3 access logs show for requests made with these credentials. */
  public String assumedRoleArn() {
    return "arn:aws:sts::" + role.accountId() + ":assumed-role/" + role.name() + "/" + sessionName;
  }

  public String assumedRoleId() {
    return role.roleId() + ":" + sessionName;
  }

  public boolean isExpired(Instant now) {
    return !now.isBefore(expiration);
  }

  @Override
  public String toString() {
    return "RoleSession{" + assumedRoleArn() + ", accessKeyId=" + accessKeyId
        + ", sourceIdentity=" + sourceIdentity.orElse("-") + ", tags=" + tags
        + ", expiration=" + expiration + ", secretAccessKey=<redacted>, sessionToken=<redacted>}";
  }
}
