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
 * Everything the stand-in knows, fixed when it starts: its users, its repositories, and the lakeFS policy
 * statements attached to each user, which it evaluates as lakeFS's RBAC does (allow statements only: an
 * action is allowed when some statement's action and resource patterns match it).
 */
public final class LakeFSDescription {
  private final Map<String, StandInUser> usersById;
  private final Map<String, StandInUser> usersByAccessKeyId;
  private final Map<String, StandInRepository> repositories;
  private final Map<String, List<StandInStatement>> statements;

  /**
   * @param statements user id to the policy statements attached to that user
   * @throws IllegalArgumentException on a duplicate user id, access key id or repository id, or statements
   *     for a user who is not described
   */
  public LakeFSDescription(Collection<StandInUser> users, Collection<StandInRepository> repositories,
      Map<String, List<StandInStatement>> statements) {
    this.usersById = index(users, StandInUser::id, "user id");
    this.usersByAccessKeyId = index(users, StandInUser::accessKeyId, "access key id");
    this.repositories = index(repositories, StandInRepository::id, "repository id");
    statements.keySet().forEach(this::requireUser);
    this.statements = statements.entrySet().stream()
        .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, entry -> List.copyOf(entry.getValue())));
  }

  public List<StandInUser> users() {
    return List.copyOf(usersById.values());
  }

  public List<StandInRepository> repositories() {
    return List.copyOf(repositories.values());
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

  /** Whether some statement attached to the user allows the action on the resource, as lakeFS's RBAC decides. */
  public boolean allows(String userId, String action, String resourceArn) {
    return statements.getOrDefault(userId, List.of()).stream()
        .anyMatch(statement -> statement.allows(action, resourceArn));
  }

  private void requireUser(String id) {
    if (!usersById.containsKey(id)) {
      throw new IllegalArgumentException("grant names user '" + id + "', who is not described; add the user with "
          + "user(...) first");
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
