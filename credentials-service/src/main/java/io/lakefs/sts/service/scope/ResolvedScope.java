package io.lakefs.sts.service.scope;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What lakeFS allowed a user, checked as that user: the repositories, the access, and the storage
 * locations each repository brings (its namespace and any configured extra locations). The service's
 * delegation tokens carry one, so credentials can later be issued on the token alone.
 *
 * @param locations per repository, in the order asked for, its namespace first
 */
public record ResolvedScope(AccessLevel access, Map<String, List<StorageNamespace>> locations) {
  public ResolvedScope {
    Objects.requireNonNull(access, "access");
    Map<String, List<StorageNamespace>> copy = new LinkedHashMap<>();
    locations.forEach((repository, reached) -> copy.put(repository, List.copyOf(reached)));
    locations = Collections.unmodifiableMap(copy);
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

  private List<Grant> grantsFor(List<String> repositories, AccessLevel level) {
    List<Grant> grants = new ArrayList<>();
    for (String repository : new LinkedHashSet<>(repositories)) {
      locations.get(repository).forEach(location -> grants.add(new Grant(location, level)));
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
