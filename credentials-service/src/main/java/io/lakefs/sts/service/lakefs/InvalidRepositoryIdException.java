package io.lakefs.sts.service.lakefs;

import java.util.regex.Pattern;

/**
 * A repository id lakeFS would refuse, caught before asking lakeFS. The service answers 400: the
 * request, not lakeFS, needs changing.
 */
public final class InvalidRepositoryIdException extends IllegalArgumentException {
  /** lakeFS's own rule for repository ids, which it applies before anything else. */
  private static final Pattern REPOSITORY_ID = Pattern.compile("[a-z0-9][a-z0-9-]{2,62}");

  private final String repositoryId;

  private InvalidRepositoryIdException(String repositoryId) {
    super((repositoryId == null ? "no repository id" : "'" + MessageText.of(repositoryId) + "'")
        + " is not a lakeFS repository id: ids are 3 to 63 lower-case letters, digits and '-', starting with a"
        + " letter or digit; check the repository part of the lakefs:// path");
    this.repositoryId = repositoryId;
  }

  /** The id as given; may be null. */
  public String repositoryId() {
    return repositoryId;
  }

  static String requireValid(String repositoryId) {
    if (repositoryId == null || !REPOSITORY_ID.matcher(repositoryId).matches()) {
      throw new InvalidRepositoryIdException(repositoryId);
    }
    return repositoryId;
  }
}
