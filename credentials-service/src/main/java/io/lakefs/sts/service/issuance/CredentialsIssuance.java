package io.lakefs.sts.service.issuance;

import io.lakefs.sts.service.lakefs.LakeFSCredentials;
import io.lakefs.sts.service.lakefs.LakeFSException;
import io.lakefs.sts.service.scope.AccessLevel;
import io.lakefs.sts.service.scope.CredentialScope;
import io.lakefs.sts.service.scope.ResolvedScope;
import io.lakefs.sts.service.sts.CredentialsIssuer;
import io.lakefs.sts.service.sts.IssuedCredentials;
import io.lakefs.sts.service.tokens.VerifiedToken;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The use cases of {@code POST /api/v1/credentials}: STS credentials scoped to the storage of the repositories
 * asked for (the body, {@link CredentialsRequest}), for a caller with a lakeFS key or with one of the service's
 * delegation tokens. Each gives the credentials or a {@link Refusal}; the endpoint answers and audits.
 */
public final class CredentialsIssuance {
  private final RepositoryScopes scopes;
  private final CredentialsIssuer issuer;
  private final List<String> defaultRepositories;
  private final AccessLevel defaultAccess;
  private final Duration maxDuration;
  private final Clock clock;

  /**
   * @param defaultRepositories asked for when the body names none ({@code lakefs.sts.credentials.default.*})
   * @param maxDuration how long credentials last at most
   */
  public CredentialsIssuance(RepositoryScopes scopes, CredentialsIssuer issuer, List<String> defaultRepositories,
      AccessLevel defaultAccess, Duration maxDuration, Clock clock) {
    this.scopes = scopes;
    this.issuer = issuer;
    this.defaultRepositories = List.copyOf(defaultRepositories);
    this.defaultAccess = defaultAccess;
    this.maxDuration = maxDuration;
    this.clock = clock;
  }

  /** For lakeFS user {@code user} with its lakeFS key: the repositories are checked against lakeFS as that user. */
  public IssuedCredentials withLakeFSKey(String user, LakeFSCredentials key, byte[] body) throws Refusal {
    CredentialsRequest asked = CredentialsRequest.parse(body, defaultRepositories, defaultAccess);
    try {
      ResolvedScope scope = scopes.resolve(key, asked.repositories(), asked.access());
      CredentialScope credentialScope = scopes.credentialScope(scope);
      return issuer.issue(user, credentialScope.role(), credentialScope.policy(), maxDuration);
    } catch (LakeFSException | RepositoryScopes.ReadOnlyRepositoryException | RuntimeException e) {
      throw Refusal.of(e);
    }
  }

  /**
   * For a caller with one of the service's delegation tokens: the scope lakeFS allowed when the token was issued,
   * narrowed as asked, and credentials that end no later than the token. lakeFS is not asked.
   */
  public IssuedCredentials withToken(VerifiedToken token, byte[] body) throws Refusal {
    ResolvedScope scope = token.identifier().scope();
    CredentialsRequest asked = CredentialsRequest.parse(body, scope.repositories(), scope.access());
    try {
      CredentialScope credentialScope = scopes.credentialScope(scope, asked.repositories(), asked.access());
      Duration untilTokenExpires = Duration.between(clock.instant(), token.expiry());
      Duration duration = untilTokenExpires.compareTo(maxDuration) < 0 ? untilTokenExpires : maxDuration;
      return issuer.issue(token.identifier().lakeFSUser(), credentialScope.role(), credentialScope.policy(),
          duration);
    } catch (ResolvedScope.NarrowingException | RuntimeException e) {
      throw Refusal.of(e);
    }
  }
}
