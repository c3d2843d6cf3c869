package io.lakefs.sts.service.lakefs;

/**
 * Who a caller is, which repositories it may read, and whether it holds a further permission on one, as
 * lakeFS answers when asked as that caller.
 * Implementations are safe for use by many threads at once, for many users.
 */
public interface LakeFSDirectory {
  /** The lakeFS user owning these credentials. */
  LakeFSUser currentUser(LakeFSCredentials credentials) throws LakeFSAuthenticationException,
      LakeFSUnavailableException;

  /**
   * The repository, if the owner of these credentials may read it.
   *
   * @throws InvalidRepositoryIdException before asking lakeFS, for an id lakeFS would refuse
   */
  LakeFSRepository repository(LakeFSCredentials credentials, String repositoryId)
      throws LakeFSAuthenticationException, RepositoryAccessDeniedException, RepositoryNotFoundException,
      LakeFSUnavailableException;

  /**
   * Returns if lakeFS lets the owner of these credentials act on the whole repository as the permission
   * says; lakeFS itself decides, through a call it authorizes with the permission's action.
   *
   * @param repository as {@link #repository} returned it to the same credentials
   * @throws RepositoryAccessDeniedException naming the missing lakeFS action
   */
  void requirePermission(LakeFSCredentials credentials, LakeFSRepository repository, RepositoryPermission permission)
      throws LakeFSAuthenticationException, RepositoryAccessDeniedException, RepositoryNotFoundException,
      LakeFSUnavailableException;

  /**
   * The user who sent this {@code Authorization} header value, for an HTTP authentication handler:
   * {@link LakeFSUser#id()} is the authenticated user name.
   *
   * @param authorization the header value; null when the request had none
   * @throws MalformedAuthorizationException if the header holds no HTTP Basic credentials (lakeFS is not asked)
   * @throws LakeFSAuthenticationException if lakeFS does not accept them
   * @throws LakeFSUnavailableException if lakeFS could not say
   */
  default LakeFSUser authenticate(String authorization) throws LakeFSAuthenticationException,
      LakeFSUnavailableException {
    return currentUser(LakeFSCredentials.fromAuthorizationHeader(authorization));
  }
}
