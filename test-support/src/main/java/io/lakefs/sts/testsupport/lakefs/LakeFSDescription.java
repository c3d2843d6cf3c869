package io.lakefs.sts.testsupport.lakefs;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Everything the stand-in knows, fixed when it starts: its users, its repositories, and who may read
 * which. A read grant is lakeFS's {@code fs:ReadRepository} on {@code arn:lakefs:fs:::repository/{id}};
 * a grant on every repository is that action on {@code arn:lakefs:fs:::repository/*}, as lakeFS's
 * admin and reader groups have.
 */
public final class LakeFSDescription {
  private final Map<String, StandInUser> usersById;
  private final Map<String, StandInUser> usersByAccessKeyId;
  private final Map<String, StandInRepository> repositories;
  private final Map<String, Set<String>> readGrants;
  private final Set<String> readsEveryRepository;

  /**
   * @param readGrants user id to the ids of the repositories that user may read
   * @param readsEveryRepository ids of users who may read every repository, existing or not
   * @throws IllegalArgumentException on a duplicate user id, access key id or repository id, or a grant
   *     naming a user or repository that is not described
   */
  public LakeFSDescription(Collection<StandInUser> users, Collection<StandInRepository> repositories,
      Map<String, Set<String>> readGrants, Set<String> readsEveryRepository) {
    this.usersById = index(users, StandInUser::id, "user id");
    this.usersByAccessKeyId = index(users, StandInUser::accessKeyId, "access key id");
    this.repositories = index(repositories, StandInRepository::id, "repository id");
    readGrants.forEach((user, repos) -> {
      requireUser(user);
      repos.forEach(repo -> {
        if (!this.repositories.containsKey(repo)) {
          throw new IllegalArgumentException("grant to user " + user + " names repository '" + repo
              + "', which is not described; add it with repository(...) first, or use grantAll(" + user
              + ") for a reader of every repository");
        }
      });
    });
    readsEveryRepository.forEach(this::requireUser);
    this.readGrants = readGrants.entrySet().stream()
        .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, entry -> Set.copyOf(entry.getValue())));
    this.readsEveryRepository = Set.copyOf(readsEveryRepository);
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
    return readsEveryRepository.contains(userId)
        || readGrants.getOrDefault(userId, Set.of()).contains(repositoryId);
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
