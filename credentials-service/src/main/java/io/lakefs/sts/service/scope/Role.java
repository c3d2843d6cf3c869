package io.lakefs.sts.service.scope;

import java.util.Objects;
import java.util.Optional;

/**
 * An IAM role the service assumes for lakeFS users, and the {@code sts:ExternalId} its trust policy may
 * require. The external id is shown as {@code <set>} only, as a shared value between two accounts.
 */
public record Role(String arn, Optional<String> externalId) {
  public Role {
    Objects.requireNonNull(arn, "arn");
    Objects.requireNonNull(externalId, "externalId");
  }

  @Override
  public String toString() {
    return arn + externalId.map(id -> " (external id <set>)").orElse("");
  }
}
