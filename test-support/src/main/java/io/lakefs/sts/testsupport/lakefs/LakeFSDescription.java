package io.lakefs.sts.testsupport.lakefs;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the stand-in knows when it starts: its users, its repositories, the lakeFS policies and groups, and
 * which policies are attached to which users, evaluated as lakeFS's RBAC does (a matching deny refuses, else a
 * matching allow grants). Users may be deleted and policies detached while a stand-in runs
 * ({@link LakeFSStandIn#deleteUser}); this description stays as it started.
 */
public final class LakeFSDescription {
  private final Map<String, StandInUser> usersById;
  private final Map<String, StandInUser> usersByAccessKeyId;
  private final Map<String, StandInRepository> repositories;
  private final Map<String, StandInPolicy> policies;
  private final Map<String, List<String>> userPolicies;
  private final Map<String, StandInGroup> groups;

  /**
   * @param statements user id to the policy statements attached to that user, which become the policy
   *     {@link StandInPolicy#grantsOf} of that user
   * @throws IllegalArgumentException on a duplicate user id, access key id or repository id, or statements
   *     for a user who is not described
   */
  public LakeFSDescription(Collection<StandInUser> users, Collection<StandInRepository> repositories,
      Map<String, List<StandInStatement>> statements) {
    this(users, repositories, grantPolicies(statements), grantAttachments(statements), List.of());
  }

  /**
   * @param policies every named policy
   * @param userPolicies user id to the ids of the policies attached to it
   * @param groups groups, each with its members and the ids of its policies
   * @throws IllegalArgumentException on a duplicate id, or a name of a user or policy that is not described
   */
  public LakeFSDescription(Collection<StandInUser> users, Collection<StandInRepository> repositories,
      Collection<StandInPolicy> policies, Map<String, List<String>> userPolicies, Collection<StandInGroup> groups) {
    this.usersById = index(users, StandInUser::id, "user id");
    this.usersByAccessKeyId = index(users, StandInUser::accessKeyId, "access key id");
    this.repositories = index(repositories, StandInRepository::id, "repository id");
    this.policies = index(policies, StandInPolicy::id, "policy id");
    this.groups = index(groups, StandInGroup::id, "group id");
    userPolicies.forEach((user, ids) -> {
      requireUser(user);
      ids.forEach(this::requirePolicy);
    });
    for (StandInGroup group : groups) {
      group.members().forEach(this::requireUser);
      group.policyIds().forEach(this::requirePolicy);
    }
    this.userPolicies = userPolicies.entrySet().stream()
        .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, entry -> List.copyOf(entry.getValue())));
  }

  public List<StandInUser> users() {
    return List.copyOf(usersById.values());
  }

  public List<StandInRepository> repositories() {
    return List.copyOf(repositories.values());
  }

  public List<StandInPolicy> policies() {
    return List.copyOf(policies.values());
  }

  /** User id to the ids of the policies attached to that user directly. */
  public Map<String, List<String>> userPolicies() {
    return userPolicies;
  }

  public List<StandInGroup> groups() {
    return List.copyOf(groups.values());
  }

  public Optional<StandInUser> user(String id) {
    return Optional.ofNullable(usersById.get(id));
  }

  public Optional<StandInRepository> repository(String id) {
    return Optional.ofNullable(repositories.get(id));
  }

  /** The user holding this access key, if the secret is the key's; compared in constant time. */
  public Optional<StandInUser> authenticate(String accessKeyId, String secretAccessKey) {
    return Optional.ofNullable(usersByAccessKeyId.get(accessKeyId))
        .filter(user -> MessageDigest.isEqual(user.secretAccessKey().getBytes(StandardCharsets.UTF_8),
            secretAccessKey.getBytes(StandardCharsets.UTF_8)));
  }

  /** Whether the user holds fs:ReadRepository on that repository id, whether or not it exists. */
  public boolean mayRead(String userId, String repositoryId) {
    return allows(userId, LakeFSPermissions.READ_REPOSITORY, LakeFSPermissions.repositoryArn(repositoryId));
  }

  /** Whether the user's effective policies (its own and its groups') allow the action on the resource. */
  public boolean allows(String userId, String action, String resourceArn) {
    return new StandInAccounts(this).allows(userId, action, resourceArn);
  }

  private static List<StandInPolicy> grantPolicies(Map<String, List<StandInStatement>> statements) {
    return statements.entrySet().stream()
        .map(entry -> new StandInPolicy(StandInPolicy.grantsOf(entry.getKey()), entry.getValue(),
            StandInUser.DEFAULT_CREATION_DATE))
        .toList();
  }

  private static Map<String, List<String>> grantAttachments(Map<String, List<StandInStatement>> statements) {
    return statements.keySet().stream()
        .collect(Collectors.toMap(user -> user, user -> List.of(StandInPolicy.grantsOf(user))));
  }

  private void requireUser(String id) {
    if (!usersById.containsKey(id)) {
      throw new IllegalArgumentException("grant names user '" + id + "', who is not described; add the user with "
          + "user(...) first");
    }
  }

  private void requirePolicy(String id) {
    if (!policies.containsKey(id)) {
      throw new IllegalArgumentException("an attachment names policy '" + id + "', which is not described; add it"
          + " with policy(...) first");
    }
  }
  private static <T> Map<String, T> index(Collection<T> values, Function<T, String> key, String what) {
    Map<String, T> index = new LinkedHashMap<>();
    for (T value : values) {
      if (index.putIfAbsent(key.apply(value), value) != null) {
        throw new IllegalArgumentException("two stand-in entries share the " + what + " '" + key.apply(value)
            + "'; each must be unique");
      }
    }
    return Collections.unmodifiableMap(index);
  }
}
