package io.lakefs.sts.service.scope;

import io.lakefs.sts.service.lakefs.InvalidRepositoryIdException;
import io.lakefs.sts.service.lakefs.LakeFSAuthenticationException;
import io.lakefs.sts.service.lakefs.LakeFSUnavailableException;
import io.lakefs.sts.service.lakefs.RepositoryAccessDeniedException;
import io.lakefs.sts.service.lakefs.RepositoryNotFoundException;

/**
 * Why a scope was refused, as HTTP: one mapping shared by the credentials endpoint and the delegation-token
 * endpoint, so a repository is refused the same way by both.
 *
 * @param reason a label for metrics
 */
public record ScopeRefusal(int status, String reason, String message) {
  /** The refusal for a failure of {@link RepositoryScopes} or {@link SessionPolicy}; empty for anything else. */
  public static java.util.Optional<ScopeRefusal> of(Exception e) {
    ScopeRefusal refusal;
    if (e instanceof LakeFSAuthenticationException) {
      refusal = new ScopeRefusal(401, "lakefs_authentication", e.getMessage());
    } else if (e instanceof RepositoryAccessDeniedException) {
      refusal = new ScopeRefusal(403, "repository_access_denied", e.getMessage());
    } else if (e instanceof RepositoryScopes.ReadOnlyRepositoryException) {
      refusal = new ScopeRefusal(403, "repository_read_only", e.getMessage());
    } else if (e instanceof RepositoryNotFoundException) {
      refusal = new ScopeRefusal(404, "repository_not_found", e.getMessage());
    } else if (e instanceof StorageRoles.ScopeSpansRolesException) {
      refusal = new ScopeRefusal(400, "scope_spans_roles", e.getMessage());
    } else if (e instanceof InvalidRepositoryIdException || e instanceof InvalidStorageNamespaceException
        || e instanceof SessionPolicyTooLargeException) {
      refusal = new ScopeRefusal(400, "unsupported_scope", e.getMessage());
    } else if (e instanceof LakeFSUnavailableException) {
      refusal = new ScopeRefusal(503, "lakefs_unavailable", e.getMessage());
    } else {
      refusal = null;
    }
    return java.util.Optional.ofNullable(refusal);
  }
}
