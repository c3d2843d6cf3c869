package io.lakefs.sts.service.scope;

import java.util.Objects;

/** What one AssumeRole call needs from the scope: the role that reaches the storage, and the session policy. */
public record CredentialScope(Role role, SessionPolicy policy) {
  public CredentialScope {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(policy, "policy");
  }
}
