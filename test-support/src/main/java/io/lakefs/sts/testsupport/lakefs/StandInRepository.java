package io.lakefs.sts.testsupport.lakefs;

import java.time.Instant;
import java.util.Objects;

/**
 * A lakeFS repository of the stand-in: what {@code GET /api/v1/repositories/{repository}} tells a reader,
 * above all its storage namespace (e.g. {@code s3://lakefs-data/repo1/}), the object-store prefix that
 * holds its data.
 */
public record StandInRepository(String id, String storageNamespace, String defaultBranch, Instant creationDate,
    boolean readOnly, String storageId) {
  public static final String DEFAULT_BRANCH = "main";

  public StandInRepository {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(storageNamespace, "storageNamespace");
    Objects.requireNonNull(defaultBranch, "defaultBranch");
    Objects.requireNonNull(creationDate, "creationDate");
    Objects.requireNonNull(storageId, "storageId");
    if (id.isEmpty() || id.contains("/")) {
      throw new IllegalArgumentException("a repository id must be one non-empty path segment, not '" + id + "'");
    }
  }

  /** On branch {@value #DEFAULT_BRANCH}, created at {@link StandInUser#DEFAULT_CREATION_DATE}. */
  public static StandInRepository of(String id, String storageNamespace) {
    return new StandInRepository(id, storageNamespace, DEFAULT_BRANCH, StandInUser.DEFAULT_CREATION_DATE, false, "");
  }

  public StandInRepository withDefaultBranch(String defaultBranch) {
    return new StandInRepository(id, storageNamespace, defaultBranch, creationDate, readOnly, storageId);
  }

  public StandInRepository withCreationDate(Instant creationDate) {
    return new StandInRepository(id, storageNamespace, defaultBranch, creationDate, readOnly, storageId);
  }

  /** A read-only repository, as lakeFS marks repositories created with {@code read_only: true}. */
  public StandInRepository withReadOnly(boolean readOnly) {
    return new StandInRepository(id, storageNamespace, defaultBranch, creationDate, readOnly, storageId);
  }

  /** A repository on one of lakeFS's several storages ({@code storage_id}); "" is the default storage. */
  public StandInRepository withStorageId(String storageId) {
    return new StandInRepository(id, storageNamespace, defaultBranch, creationDate, readOnly, storageId);
  }
}
