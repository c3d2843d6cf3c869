package io.lakefs.sts.service.scope;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What lakeFS allowed a user, checked as that user: the repositories, the access, and the storage
 * locations each repository brings (its namespace, then any configured import locations). The service's
 * delegation tokens carry one, so credentials can later be issued on the token alone.
 *
 * @param locations per repository, in the order asked for, its namespace first
 * @param storageIds per repository on a storage other than lakeFS's default one, lakeFS's {@code storage_id}
 */
public record ResolvedScope(AccessLevel access, Map<String, List<StorageNamespace>> locations,
    Map<String, String> storageIds) {
  public ResolvedScope {
    Objects.requireNonNull(access, "access");
    Map<String, List<StorageNamespace>> copy = new LinkedHashMap<>();
    locations.forEach((repository, reached) -> {
      if (reached.isEmpty()) {
        throw new IllegalArgumentException("repository " + repository + " has no storage namespace in the scope");
      }
      copy.put(repository, List.copyOf(reached));
    });
    locations = Collections.unmodifiableMap(copy);
    storageIds = Map.copyOf(storageIds);
  }

  /** A scope of repositories all on lakeFS's default storage. */
  public ResolvedScope(AccessLevel access, Map<String, List<StorageNamespace>> locations) {
    this(access, locations, Map.of());
  }

  /** lakeFS's storage id of the repository, empty for the default storage. */
  public Optional<String> storageId(String repository) {
    return Optional.ofNullable(storageIds.get(repository));
  }

  /** The repository's storage namespace. */
  public StorageNamespace namespace(String repository) {
    return locations.get(repository).get(0);
  }

  public List<String> repositories() {
    return List.copyOf(locations.keySet());
  }

  /** Every location with this scope's access, as the session policy is built from them. */
  public List<Grant> grants() {
    return grantsFor(repositories(), access);
  }

  /**
   * The grants for some of this scope's repositories, with at most this scope's access.
   *
   * @throws NarrowingException naming what is outside this scope
   */
  public List<Grant> narrowed(List<String> repositories, AccessLevel asked) throws NarrowingException {
    List<String> outside = repositories.stream().filter(r -> !locations.containsKey(r)).distinct()
        .collect(Collectors.toList());
    if (!outside.isEmpty()) {
      throw new NarrowingException("repositories " + outside + " are not in the delegation token, which covers " + repositories() + "; ask only for those, or obtain a token for the"
          + " others with your lakeFS key (GETDELEGATIONTOKEN with repositories=...)");
    }
    if (!access.includes(asked)) {
      throw new NarrowingException("the delegation token grants "
          + access.wireName() + " access, not " + asked.wireName() + "; ask for \"access\": \"" + access.wireName()
          + "\", or obtain a token with access=" + asked.wireName() + " with your lakeFS key");
    }
    return grantsFor(repositories, asked);
  }

  /** The namespace with the level asked for; import locations read-only, whatever was asked. */
  private List<Grant> grantsFor(List<String> repositories, AccessLevel level) {
    List<Grant> grants = new ArrayList<>();
    for (String repository : new LinkedHashSet<>(repositories)) {
      List<StorageNamespace> reached = locations.get(repository);
      grants.add(new Grant(reached.get(0), level));
      reached.subList(1, reached.size()).forEach(location -> grants.add(new Grant(location, AccessLevel.READ)));
    }
    return grants;
  }

  /** A request that asks more of a token than it carries. */
  public static final class NarrowingException extends Exception {
    NarrowingException(String message) {
      super(message);
    }
  }
}
