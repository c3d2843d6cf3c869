package io.lakefs.sts.service.scope;

import io.lakefs.sts.service.lakefs.LakeFSAuthenticationException;
import io.lakefs.sts.service.lakefs.LakeFSCredentials;
import io.lakefs.sts.service.lakefs.LakeFSDirectory;
import io.lakefs.sts.service.lakefs.LakeFSRepository;
import io.lakefs.sts.service.lakefs.LakeFSUnavailableException;
import io.lakefs.sts.service.lakefs.RepositoryAccessDeniedException;
import io.lakefs.sts.service.lakefs.RepositoryNotFoundException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Turns "these repositories, with this access" into the storage locations a credential may reach, asking
 * lakeFS as the caller whether they may read each repository: what lakeFS refuses, STS never grants. This
 * is the answer to lakeFS's review of the proposal: one role, but every credential scoped to its user.
 */
public final class RepositoryScopes {
  private final LakeFSDirectory lakeFS;
  private final Map<String, List<StorageNamespace>> extraLocations;

  /** @param extraLocations per repository, admin-configured locations of data imported from outside it */
  public RepositoryScopes(LakeFSDirectory lakeFS, Map<String, List<StorageNamespace>> extraLocations) {
    this.lakeFS = lakeFS;
    this.extraLocations = Map.copyOf(extraLocations);
  }

  /** Why a repository cannot be granted with the access asked for, though the caller may read it. */
  public static final class ReadOnlyRepositoryException extends Exception {
    ReadOnlyRepositoryException(String repository) {
      super("repository " + repository + " is read-only in lakeFS, so no write access to its storage can be"
          + " granted; ask for \"access\": \"read\"");
    }
  }

  public List<Grant> grants(LakeFSCredentials caller, List<String> repositories, AccessLevel access)
      throws LakeFSAuthenticationException, RepositoryAccessDeniedException, RepositoryNotFoundException,
      LakeFSUnavailableException, ReadOnlyRepositoryException {
    return resolve(caller, repositories, access).grants();
  }

  /**
   * The same check, keeping which locations each repository brought, so that a delegation token can carry
   * the result and later be narrowed to some of its repositories without asking lakeFS again.
   */
  public ResolvedScope resolve(LakeFSCredentials caller, List<String> repositories, AccessLevel access)
      throws LakeFSAuthenticationException, RepositoryAccessDeniedException,
      RepositoryNotFoundException, LakeFSUnavailableException, ReadOnlyRepositoryException {
    Map<String, List<StorageNamespace>> locations = new LinkedHashMap<>();
    for (String id : new LinkedHashSet<>(repositories)) {
      LakeFSRepository repository = lakeFS.repository(caller, id);
      if (repository.readOnly() && access == AccessLevel.WRITE) {
        throw new ReadOnlyRepositoryException(id);
      }
      List<StorageNamespace> reached = new ArrayList<>();
      reached.add(StorageNamespace.ofRepository(id, repository.storageNamespace()));
      reached.addAll(extraLocations.getOrDefault(id, List.of()));
      locations.put(id, reached);
    }
    return new ResolvedScope(access, locations);
  }
}
