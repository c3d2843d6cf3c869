package io.lakefs.sts.service.lakefs;

/**
 * lakeFS says the user may not read the repository (it lacks {@code fs:ReadRepository} there). lakeFS
 * checks this before looking the repository up, so the repository may or may not exist. The service
 * answers 403.
 */
public final class RepositoryAccessDeniedException extends LakeFSException {
  private final String userId;
  private final String repositoryId;

  RepositoryAccessDeniedException(String message, String userId, String repositoryId, Throwable cause) {
    super(message, cause);
    this.userId = userId;
    this.repositoryId = repositoryId;
  }

  public String userId() {
    return userId;
  }

  public String repositoryId() {
    return repositoryId;
  }
}
