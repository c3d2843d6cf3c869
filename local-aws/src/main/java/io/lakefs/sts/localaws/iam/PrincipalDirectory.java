package io.lakefs.sts.localaws.iam;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Who holds which access key: the configured IAM users and every session STS has issued. Both the STS
 * and the S3 endpoint look callers up here, as AWS's shared identity layer does.
 */
public final class PrincipalDirectory {
  private final Map<String, IamUser> usersByAccessKey;
  private final Map<String, Role> rolesByArn;
  private final Map<String, RoleSession> sessionsByAccessKey = new ConcurrentHashMap<>();
  private final Clock clock;

  public PrincipalDirectory(List<IamUser> users, List<Role> roles, Clock clock) {
    this.usersByAccessKey = users.stream()
        .collect(Collectors.toUnmodifiableMap(IamUser::accessKeyId, Function.identity()));
    this.rolesByArn = roles.stream().collect(Collectors.toUnmodifiableMap(Role::arn, Function.identity()));
    this.clock = clock;
  }

  public Optional<IamUser> user(String accessKeyId) {
    return Optional.ofNullable(usersByAccessKey.get(accessKeyId));
  }

  /** A session by its access key id, whether or not it has expired: callers say which error applies. */
  public Optional<RoleSession> session(String accessKeyId) {
    return Optional.ofNullable(sessionsByAccessKey.get(accessKeyId));
  }

  public Optional<Role> role(String arn) {
    return Optional.ofNullable(rolesByArn.get(arn));
  }

  public void addSession(RoleSession session) {
    sessionsByAccessKey.put(session.accessKeyId(), session);
    // Forget sessions long past expiry so a long demo or soak run does not grow without bound.
    sessionsByAccessKey.values().removeIf(s -> s.expiration().plusSeconds(3600).isBefore(clock.instant()));
  }

  public Clock clock() {
    return clock;
  }
}
