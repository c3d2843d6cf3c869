package io.lakefs.sts.service.lakefs;

import java.util.Objects;
import java.util.Optional;

/**
 * A repository as lakeFS shows it to a user allowed to read it ({@code GET /api/v1/repositories/{id}}):
 * above all its storage namespace, the object-store prefix an STS credential would be scoped to.
 *
 * @param storageNamespace as lakeFS stores it, e.g. {@code s3://bucket/prefix/}; not yet checked
 * @param storageId the storage it lives on when lakeFS has several; empty for the default one
 */
public record LakeFSRepository(String id, String storageNamespace, String defaultBranch, boolean readOnly,
    Optional<String> storageId) {
  public LakeFSRepository {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(storageNamespace, "storageNamespace");
    Objects.requireNonNull(defaultBranch, "defaultBranch");
    Objects.requireNonNull(storageId, "storageId");
  }
}
