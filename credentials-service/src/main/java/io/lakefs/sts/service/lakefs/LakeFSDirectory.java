package io.lakefs.sts.service.lakefs;

/**
 * Who a caller is and which repositories it may read, as lakeFS answers when asked as that caller.
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
