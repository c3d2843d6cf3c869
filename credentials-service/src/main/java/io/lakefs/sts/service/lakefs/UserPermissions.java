package io.lakefs.sts.service.lakefs;

import io.lakefs.sts.service.lakefs.rbac.Policy;
import io.lakefs.sts.service.lakefs.rbac.PolicyEvaluator;
import java.util.List;
import java.util.Objects;

/**
 * A lakeFS user and its effective policies (its own and its groups') as lakeFS listed them at one moment,
 * and what they let the user do to a repository, decided as lakeFS decides: the same actions and resources
 * the service's calls as the user would be authorized with ({@link LakeFSClient}).
 */
public record UserPermissions(LakeFSUser user, List<Policy> policies) {
  public UserPermissions {
    Objects.requireNonNull(user, "user");
    policies = List.copyOf(policies);
  }

  /** fs:ReadRepository on the repository: what lakeFS's getRepository needs. */
  public boolean mayRead(String repositoryId) {
    return allows("fs:ReadRepository", "arn:lakefs:fs:::repository/" + repositoryId);
  }

  /**
   * The permission's action on the resource the service's call-based check uses: fs:WriteObject on an object
   * path no team prefix covers (so whole-repository rights only, as an S3 grant on {@code data/} needs), and
   * retention:PrepareGarbageCollectionCommits on the repository.
   */
  public boolean may(String repositoryId, RepositoryPermission permission) {
    String resource = switch (permission) {
      case WRITE_OBJECTS -> "arn:lakefs:fs:::repository/" + repositoryId + "/object/"
          + LakeFSClient.PERMISSION_CHECK_PATH;
      case RUN_GARBAGE_COLLECTION -> "arn:lakefs:fs:::repository/" + repositoryId;
    };
    return allows(permission.action(), resource);
  }

  private boolean allows(String action, String resource) {
    return PolicyEvaluator.allows(policies, user.id(), action, resource);
  }
}
