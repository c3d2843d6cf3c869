package io.lakefs.sts.service.lakefs;

/**
 * lakeFS has no repository of that id. Only a user allowed to read it learns this; others get
 * {@link RepositoryAccessDeniedException}. The service answers 404.
 */
public final class RepositoryNotFoundException extends LakeFSException {
  private final String repositoryId;

  RepositoryNotFoundException(String message, String repositoryId, Throwable cause) {
    super(message, cause);
    this.repositoryId = repositoryId;
  }

  public String repositoryId() {
    return repositoryId;
  }
}
