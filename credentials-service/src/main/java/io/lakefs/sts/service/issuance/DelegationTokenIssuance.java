package io.lakefs.sts.service.issuance;

import io.lakefs.sts.protocol.RefusalReason;
import io.lakefs.sts.protocol.ServiceApi;

import io.lakefs.sts.service.lakefs.LakeFSAuthenticationException;
import io.lakefs.sts.service.lakefs.LakeFSCredentials;
import io.lakefs.sts.service.lakefs.LakeFSDirectory;
import io.lakefs.sts.service.lakefs.LakeFSException;
import io.lakefs.sts.service.lakefs.LakeFSUnavailableException;
import io.lakefs.sts.service.lakefs.LakeFSUser;
import io.lakefs.sts.service.lakefs.MalformedAuthorizationException;
import io.lakefs.sts.service.scope.AccessLevel;
import io.lakefs.sts.service.scope.ResolvedScope;
import io.lakefs.sts.service.scope.SessionPolicy;
import io.lakefs.sts.service.tokens.IssueLimits;
import io.lakefs.sts.service.tokens.ScopedTokenIdentifier;
import io.lakefs.sts.service.tokens.ScopedTokens;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.hadoop.security.token.Token;

/**
 * The use case of GETDELEGATIONTOKEN: checks the caller's lakeFS key and, with lakeFS as that user, the
 * repositories asked for, then signs the scope into a new token of the service; one user may hold and obtain
 * only so many ({@link IssueLimits}). Gives the token or a {@link Refusal}; the endpoint answers and audits.
 */
public final class DelegationTokenIssuance {
  private final ScopedTokens tokens;
  private final LakeFSDirectory lakeFS;
  private final RepositoryScopes scopes;
  private final List<String> defaultRepositories;
  private final AccessLevel defaultAccess;
  private final IssueLimits limits;

  /**
   * @param defaultRepositories used when GETDELEGATIONTOKEN names none ({@code lakefs.sts.credentials.default.*})
   * @param limits how many tokens one user may hold and obtain
   */
  public DelegationTokenIssuance(ScopedTokens tokens, LakeFSDirectory lakeFS, RepositoryScopes scopes,
      List<String> defaultRepositories, AccessLevel defaultAccess, IssueLimits limits) {
    this.tokens = Objects.requireNonNull(tokens, "tokens");
    this.lakeFS = Objects.requireNonNull(lakeFS, "lakeFS");
    this.scopes = Objects.requireNonNull(scopes, "scopes");
    this.defaultRepositories = List.copyOf(defaultRepositories);
    this.defaultAccess = Objects.requireNonNull(defaultAccess, "defaultAccess");
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  /**
   * What GETDELEGATIONTOKEN asks for, as sent.
   *
   * @param user the authenticated caller's user name, the token's owner
   * @param principal how the caller authenticated (e.g. a Kerberos principal), for refusals to name
   * @param lakeFSKey {@code Basic base64(accessKeyId:secret)}, or null when the request carries none
   * @param repositories the comma-separated repositories parameter, or null for the defaults
   * @param access the access parameter, or null for the default
   * @param renewer who may renew the token; null or blank for the owner
   */
  public record Asked(String user, String principal, String lakeFSKey, String repositories, String access,
      String renewer, Optional<String> service) {
  }

  /** The store of the service's tokens, which checks presented ones. */
  public ScopedTokens tokens() {
    return tokens;
  }

  public Token<ScopedTokenIdentifier> issue(Asked asked) throws Refusal {
    Optional<IssueLimits.Refusal> limited = limits.admit(asked.user(), tokens);
    if (limited.isPresent()) {
      throw Refusal.retryAfter(RefusalReason.TOO_MANY_TOKENS, limited.get().message(),
          Math.max(1, limited.get().retryAfter().toSeconds() + 1));
    }
    if (asked.lakeFSKey() == null) {
      throw new Refusal(RefusalReason.NO_LAKEFS_CREDENTIALS, "a delegation token for credentials needs your lakeFS"
          + " key, to check your repositories in lakeFS: send it in the " + ServiceApi.LAKEFS_AUTHORIZATION_HEADER
          + " header as 'Basic base64(accessKeyId:secret)' (this request authenticated as " + asked.principal()
          + " without one)");
    }
    LakeFSCredentials key;
    LakeFSUser user;
    try {
      key = LakeFSCredentials.fromAuthorizationHeader(asked.lakeFSKey());
      user = lakeFS.currentUser(key);
    } catch (MalformedAuthorizationException e) {
      throw new Refusal(RefusalReason.MALFORMED_LAKEFS_KEY, e.getMessage());
    } catch (LakeFSAuthenticationException | LakeFSUnavailableException e) {
      throw Refusal.of(e);
    }
    if (!user.id().equals(asked.user())) {
      throw new Refusal(RefusalReason.LAKEFS_KEY_OF_ANOTHER_USER, "the lakeFS key in "
          + ServiceApi.LAKEFS_AUTHORIZATION_HEADER + " belongs to lakeFS user " + user.id() + ", but this request"
          + " authenticated as " + asked.principal() + " (user " + asked.user() + "); a token is issued"
          + " only to the user who authenticated: send that user's own lakeFS key");
    }
    ResolvedScope scope = scope(asked, key);
    String renewer = Optional.ofNullable(asked.renewer()).filter(r -> !r.isBlank()).orElse(asked.user());
    return tokens.issue(asked.user(), renewer, asked.service(), user.id(), scope);
  }

  private ResolvedScope scope(Asked asked, LakeFSCredentials key) throws Refusal {
    List<String> repositories = asked.repositories() == null ? defaultRepositories
        : Arrays.stream(asked.repositories().split(",")).map(String::trim).filter(r -> !r.isEmpty())
            .collect(Collectors.toList());
    if (repositories.isEmpty()) {
      throw new Refusal(RefusalReason.BAD_REQUEST, "name the lakeFS repositories the token is for, e.g."
          + " repositories=repo1,repo2 (this service has no default repositories configured)");
    }
    AccessLevel access;
    try {
      access = asked.access() == null ? defaultAccess : AccessLevel.parse(asked.access());
    } catch (IllegalArgumentException e) {
      throw new Refusal(RefusalReason.BAD_REQUEST, ServiceApi.ACCESS + ": " + e.getMessage());
    }
    try {
      ResolvedScope scope = scopes.resolve(key, repositories, access);
      // Refused now rather than on every later credentials request: such a scope never fits a session policy.
      SessionPolicy.forGrants(scope.grants());
      return scope;
    } catch (LakeFSException | RepositoryScopes.ReadOnlyRepositoryException | RuntimeException e) {
      throw Refusal.of(e);
    }
  }
}
