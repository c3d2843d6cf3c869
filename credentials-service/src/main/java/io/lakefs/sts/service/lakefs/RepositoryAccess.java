package io.lakefs.sts.service.lakefs;

import java.util.Objects;

/**
 * What one lakeFS user may do to repositories, by whichever route the service learns it: asking lakeFS as the
 * user with the user's own key ({@link #withKey}), or evaluating the user's lakeFS policies, read with the
 * service's key ({@link #withPolicies}), for a user who sent no key. Scopes are resolved the same way on both.
 */
public interface RepositoryAccess {
  /**
   * The repository, if the user may read it.
   *
   * @throws InvalidRepositoryIdException before asking lakeFS, for an id lakeFS would refuse
   */
  LakeFSRepository repository(String repositoryId) throws LakeFSAuthenticationException,
      RepositoryAccessDeniedException, RepositoryNotFoundException, LakeFSUnavailableException;

  /**
   * Returns if the user may act on the whole repository as the permission says.
   *
   * @param repository as {@link #repository} returned it
   * @throws RepositoryAccessDeniedException naming the missing lakeFS action
   */
  void requirePermission(LakeFSRepository repository, RepositoryPermission permission)
      throws LakeFSAuthenticationException, RepositoryAccessDeniedException, RepositoryNotFoundException,
      LakeFSUnavailableException;

  /** Asking lakeFS as the owner of the key: lakeFS itself authorizes each call. */
  static RepositoryAccess withKey(LakeFSDirectory lakeFS, LakeFSCredentials key) {
    Objects.requireNonNull(lakeFS, "lakeFS");
    Objects.requireNonNull(key, "key");
    return new RepositoryAccess() {
      @Override
      public LakeFSRepository repository(String repositoryId) throws LakeFSAuthenticationException,
          RepositoryAccessDeniedException, RepositoryNotFoundException, LakeFSUnavailableException {
        return lakeFS.repository(key, repositoryId);
      }

      @Override
      public void requirePermission(LakeFSRepository repository, RepositoryPermission permission)
          throws LakeFSAuthenticationException, RepositoryAccessDeniedException, RepositoryNotFoundException,
          LakeFSUnavailableException {
        lakeFS.requirePermission(key, repository, permission);
      }
    };
  }

  /** Evaluating the user's effective lakeFS policies, as read by the service with its own key. */
  static RepositoryAccess withPolicies(LakeFSPolicyDirectory directory, UserPermissions user) {
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(user, "user");
    return new RepositoryAccess() {
      @Override
      public LakeFSRepository repository(String repositoryId) throws RepositoryAccessDeniedException,
          RepositoryNotFoundException, LakeFSUnavailableException {
        return directory.repository(user, repositoryId);
      }

      @Override
      public void requirePermission(LakeFSRepository repository, RepositoryPermission permission)
          throws RepositoryAccessDeniedException {
        directory.requirePermission(user, repository, permission);
      }
    };
  }
}
