package io.lakefs.sts.service.auth;

import io.lakefs.sts.service.audit.AuditLog;
import io.lakefs.sts.service.lakefs.LakeFSDirectory;
import io.lakefs.sts.service.scope.AccessLevel;
import io.lakefs.sts.service.scope.RepositoryScopes;
import io.lakefs.sts.service.tokens.IssueLimits;
import io.lakefs.sts.service.tokens.ScopedTokens;
import java.util.List;
import java.util.Objects;

/**
 * What the delegation-token handler needs to issue and check scoped tokens. hadoop-auth creates handlers by
 * reflection, so the service hands this over as a servlet-context attribute, read by
 * {@link LakeFSAuthenticationFilter} when it starts.
 *
 * @param defaultRepositories used when GETDELEGATIONTOKEN names none ({@code lakefs.sts.credentials.default.*})
 * @param limits how many tokens one user may hold and obtain
 */
public record DelegationTokenIssuance(ScopedTokens tokens, LakeFSDirectory lakeFS, RepositoryScopes scopes,
    List<String> defaultRepositories, AccessLevel defaultAccess, AuditLog audit, IssueLimits limits) {
  public static final String CONTEXT_ATTRIBUTE = DelegationTokenIssuance.class.getName();

  public DelegationTokenIssuance {
    Objects.requireNonNull(tokens, "tokens");
    Objects.requireNonNull(lakeFS, "lakeFS");
    Objects.requireNonNull(scopes, "scopes");
    defaultRepositories = List.copyOf(defaultRepositories);
    Objects.requireNonNull(defaultAccess, "defaultAccess");
    Objects.requireNonNull(audit, "audit");
    Objects.requireNonNull(limits, "limits");
  }
}
