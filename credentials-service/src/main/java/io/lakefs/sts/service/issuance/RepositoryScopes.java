package io.lakefs.sts.service.issuance;

import io.lakefs.sts.service.lakefs.LakeFSAuthenticationException;
import io.lakefs.sts.service.lakefs.LakeFSCredentials;
import io.lakefs.sts.service.lakefs.LakeFSDirectory;
import io.lakefs.sts.service.lakefs.LakeFSRepository;
import io.lakefs.sts.service.lakefs.LakeFSUnavailableException;
import io.lakefs.sts.service.lakefs.RepositoryAccess;
import io.lakefs.sts.service.lakefs.RepositoryAccessDeniedException;
import io.lakefs.sts.service.lakefs.RepositoryNotFoundException;
import io.lakefs.sts.service.lakefs.RepositoryPermission;
import io.lakefs.sts.service.scope.AccessLevel;
import io.lakefs.sts.service.scope.CredentialScope;
import io.lakefs.sts.service.scope.Grant;
import io.lakefs.sts.service.scope.KmsKeys;
import io.lakefs.sts.service.scope.ResolvedScope;
import io.lakefs.sts.service.scope.SessionPolicy;
import io.lakefs.sts.service.scope.SessionPolicyTooLargeException;
import io.lakefs.sts.service.scope.StorageNamespace;
import io.lakefs.sts.service.scope.StorageRoles;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns "these repositories, with this access" into the storage locations a credential may reach, asking
 * lakeFS as the caller whether they may read each repository and, for write or gc, whether lakeFS lets them
 * write objects in it or run its garbage collection: what lakeFS refuses, STS never grants. This is the
 * answer to lakeFS's review of the proposal: one role, but every credential scoped to its user.
 */
public final class RepositoryScopes {
  /** Session policies kept, by the grants they were rendered for. */
  static final int MAX_POLICIES = 10_000;
  private final LakeFSDirectory lakeFS;
  private final Map<String, List<StorageNamespace>> extraLocations;
  private final StorageRoles roles;
  private final KmsKeys kmsKeys;
  private final Map<List<Grant>, SessionPolicy> policies = new ConcurrentHashMap<>();

  /**
   * @param extraLocations per repository, admin-configured locations of data imported from outside it
   * @param roles which role reaches which storage
   * @param kmsKeys the KMS keys of encrypted buckets and repositories
   */
  public RepositoryScopes(LakeFSDirectory lakeFS, Map<String, List<StorageNamespace>> extraLocations,
      StorageRoles roles, KmsKeys kmsKeys) {
    this.lakeFS = lakeFS;
    this.extraLocations = Map.copyOf(extraLocations);
    this.roles = roles;
    this.kmsKeys = kmsKeys;
  }

  /** Why a repository cannot be granted with the access asked for, though the caller may read it. */
  public static final class ReadOnlyRepositoryException extends Exception {
    ReadOnlyRepositoryException(String repository) {
      super("repository " + repository + " is read-only in lakeFS, so no write access to its storage can be"
          + " granted; ask for \"access\": \"read\"");
    }
  }

  /**
   * Checks with lakeFS, as the caller, that it may read each repository and, for write or gc, holds the
   * permission that level needs; keeps which locations each repository brought, so that a delegation token
   * can carry the result and later be narrowed to some of its repositories without asking lakeFS again.
   *
   * @throws StorageRoles.ScopeSpansRolesException when the repositories need two roles
   */
  public ResolvedScope resolve(LakeFSCredentials caller, List<String> repositories, AccessLevel access)
      throws LakeFSAuthenticationException, RepositoryAccessDeniedException,
      RepositoryNotFoundException, LakeFSUnavailableException, ReadOnlyRepositoryException {
    return resolve(RepositoryAccess.withKey(lakeFS, caller), repositories, access);
  }

  /**
   * The same, for a user whose access the service learns by either route ({@link RepositoryAccess}): with the
   * user's key, or from the user's lakeFS policies.
   */
  public ResolvedScope resolve(RepositoryAccess caller, List<String> repositories, AccessLevel access)
      throws LakeFSAuthenticationException, RepositoryAccessDeniedException,
      RepositoryNotFoundException, LakeFSUnavailableException, ReadOnlyRepositoryException {
    Map<String, List<StorageNamespace>> locations = new LinkedHashMap<>();
    Map<String, String> storageIds = new LinkedHashMap<>();
    for (String id : new LinkedHashSet<>(repositories)) {
      LakeFSRepository repository = caller.repository(id);
      if (repository.readOnly() && access == AccessLevel.WRITE) {
        throw new ReadOnlyRepositoryException(id);
      }
      List<StorageNamespace> reached = new ArrayList<>();
      reached.add(StorageNamespace.ofRepository(id, repository.storageNamespace()));
      reached.addAll(extraLocations.getOrDefault(id, List.of()));
      switch (access) {
        case WRITE -> caller.requirePermission(repository, RepositoryPermission.WRITE_OBJECTS);
        case GC -> caller.requirePermission(repository, RepositoryPermission.RUN_GARBAGE_COLLECTION);
        case READ -> { }
      }
      locations.put(id, reached);
      repository.storageId().ifPresent(storage -> storageIds.put(id, storage));
    }
    ResolvedScope scope = new ResolvedScope(access, locations, storageIds);
    // Refused now rather than at every credential request made with the token.
    roles.roleFor(scope, scope.repositories());
    return scope;
  }

  /**
   * The role and session policy for some of the scope's repositories, at most at the scope's access; lakeFS
   * is not asked.
   *
   * @throws ResolvedScope.NarrowingException naming what is outside the scope
   * @throws StorageRoles.ScopeSpansRolesException when the repositories need two roles
   * @throws SessionPolicyTooLargeException when the policy exceeds STS's limit
   */
  public CredentialScope credentialScope(ResolvedScope scope, List<String> repositories, AccessLevel access)
      throws ResolvedScope.NarrowingException {
    return credentialScope(scope, repositories, scope.narrowed(repositories, access));
  }

  /** The role and session policy for the whole scope. */
  public CredentialScope credentialScope(ResolvedScope scope) {
    return credentialScope(scope, scope.repositories(), scope.grants());
  }

  private CredentialScope credentialScope(ResolvedScope scope, List<String> repositories, List<Grant> grants) {
    return new CredentialScope(roles.roleFor(scope, repositories), policy(kmsKeys.withKeys(scope, grants)));
  }

  /** The policy for these grants, rendered once: every executor of a job asks for the same scope. */
  private SessionPolicy policy(List<Grant> grants) {
    SessionPolicy known = policies.get(grants);
    if (known != null) {
      return known;
    }
    SessionPolicy rendered = SessionPolicy.forGrants(grants);
    if (policies.size() >= MAX_POLICIES) {
      // More distinct scopes than live jobs ever ask for: start over rather than grow.
      policies.clear();
    }
    policies.put(List.copyOf(grants), rendered);
    return rendered;
  }
}
