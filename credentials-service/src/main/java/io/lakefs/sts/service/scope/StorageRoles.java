package io.lakefs.sts.service.scope;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which role reaches which storage: lakeFS keeps repositories in several storages ({@code storage_id}),
 * and buckets may belong to other accounts, each reachable through a role of its own. A location's role
 * is its bucket's if one is configured, else its repository's storage's, else the default role. One STS
 * session has one role, so a scope whose locations need two roles is refused, naming them.
 */
public final class StorageRoles {
  private final Role defaultRole;
  private final Map<String, Role> byStorageId;
  private final Map<String, Role> byBucket;

  public StorageRoles(Role defaultRole, Map<String, Role> byStorageId, Map<String, Role> byBucket) {
    this.defaultRole = Objects.requireNonNull(defaultRole, "defaultRole");
    this.byStorageId = Map.copyOf(byStorageId);
    this.byBucket = Map.copyOf(byBucket);
  }

  /**
   * For a service with credentials turned off ({@code lakefs.sts.role.arn} unset): every scope maps to a role
   * that names the missing setting, which no issuer assumes, since the disabled issuer refuses every request.
   */
  public static StorageRoles unconfigured() {
    return single(new Role("(no role: lakefs.sts.role.arn is unset)", Optional.empty()));
  }

  /** Every storage through the one role. */
  public static StorageRoles single(Role role) {
    return new StorageRoles(role, Map.of(), Map.of());
  }

  public Role defaultRole() {
    return defaultRole;
  }

  /**
   * The one role reaching every location of these repositories of the scope.
   *
   * @throws ScopeSpansRolesException when two locations need different roles
   */
  public Role roleFor(ResolvedScope scope, List<String> repositories) {
    Role found = null;
    for (String repository : repositories) {
      for (StorageNamespace location : scope.locations().get(repository)) {
        Role role = roleOf(scope, repository, location);
        if (found != null && !role.equals(found)) {
          throw spansRoles(scope, repositories);
        }
        found = role;
      }
    }
    return found == null ? defaultRole : found;
  }

  private Role roleOf(ResolvedScope scope, String repository, StorageNamespace location) {
    Role bucketRole = byBucket.get(location.bucket());
    return bucketRole != null ? bucketRole
        : scope.storageId(repository).map(byStorageId::get).orElse(defaultRole);
  }

  /** Names each role and the first location that needs it; made only for the refusal (issuing is a hot path). */
  private ScopeSpansRolesException spansRoles(ResolvedScope scope, List<String> repositories) {
    Map<Role, String> needs = new LinkedHashMap<>();
    for (String repository : repositories) {
      for (StorageNamespace location : scope.locations().get(repository)) {
        needs.putIfAbsent(roleOf(scope, repository, location), repository + " (" + location
            + scope.storageId(repository).map(id -> ", storage " + id).orElse("") + ")");
      }
    }
    return new ScopeSpansRolesException("the repositories asked for are reached through different IAM roles ("
        + needs.entrySet().stream().map(need -> need.getValue() + " through " + need.getKey().arn())
            .collect(Collectors.joining("; ")) + "), and one STS credential has one role; ask for credentials"
        + " (or a delegation token) per storage, one request for each role's repositories");
  }

  /** A scope that one role cannot serve; the service answers 400. */
  public static final class ScopeSpansRolesException extends IllegalArgumentException {
    ScopeSpansRolesException(String message) {
      super(message);
    }
  }
}
