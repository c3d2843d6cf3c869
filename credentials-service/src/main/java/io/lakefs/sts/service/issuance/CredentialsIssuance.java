package io.lakefs.sts.service.issuance;

import io.lakefs.sts.protocol.RefusalReason;
import io.lakefs.sts.service.lakefs.LakeFSCredentials;
import io.lakefs.sts.service.lakefs.LakeFSException;
import io.lakefs.sts.service.lakefs.RepositoryPermission;
import io.lakefs.sts.service.lakefs.ScopeRecheck;
import io.lakefs.sts.service.scope.AccessLevel;
import io.lakefs.sts.service.scope.CredentialScope;
import io.lakefs.sts.service.scope.ResolvedScope;
import io.lakefs.sts.service.sts.CredentialsIssuer;
import io.lakefs.sts.service.sts.IssuedCredentials;
import io.lakefs.sts.service.tokens.VerifiedToken;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The use cases of {@code POST /api/v1/credentials}: STS credentials scoped to the storage of the repositories
 * asked for (the body, {@link CredentialsRequest}), for a caller with a lakeFS key or with one of the service's
 * delegation tokens. Each gives the credentials or a {@link Refusal}, as a future that may complete later (when
 * an identical STS call is in flight); the endpoint answers and audits.
 */
public final class CredentialsIssuance {
  private final RepositoryScopes scopes;
  private final CredentialsIssuer issuer;
  private final List<String> defaultRepositories;
  private final AccessLevel defaultAccess;
  private final Duration maxDuration;
  private final Clock clock;
  private final Optional<ScopeRecheck> recheck;

  /**
   * @param defaultRepositories asked for when the body names none ({@code lakefs.sts.credentials.default.*})
   * @param maxDuration how long credentials last at most
   * @param recheck present to re-check in lakeFS, at each request with a token, that the token's owner still
   *     holds what is asked
   */
  public CredentialsIssuance(RepositoryScopes scopes, CredentialsIssuer issuer, List<String> defaultRepositories,
      AccessLevel defaultAccess, Duration maxDuration, Clock clock, Optional<ScopeRecheck> recheck) {
    this.scopes = scopes;
    this.issuer = issuer;
    this.defaultRepositories = List.copyOf(defaultRepositories);
    this.defaultAccess = defaultAccess;
    this.maxDuration = maxDuration;
    this.clock = clock;
    this.recheck = recheck;
  }

  /**
   * For lakeFS user {@code user} with its lakeFS key: the repositories are checked against lakeFS as that user.
   * The future fails with a {@link Refusal}.
   */
  public CompletableFuture<IssuedCredentials> withLakeFSKey(String user, LakeFSCredentials key, byte[] body) {
    try {
      CredentialsRequest asked = CredentialsRequest.parse(body, defaultRepositories, defaultAccess);
      ResolvedScope scope = scopes.resolve(key, asked.repositories(), asked.access());
      CredentialScope credentialScope = scopes.credentialScope(scope);
      return refusing(issuer.issueAsync(user, credentialScope.role(), credentialScope.policy(), maxDuration));
    } catch (Refusal refusal) {
      return CompletableFuture.failedFuture(refusal);
    } catch (LakeFSException | RepositoryScopes.ReadOnlyRepositoryException | RuntimeException e) {
      return CompletableFuture.failedFuture(Refusal.of(e));
    }
  }

  /**
   * For a caller with one of the service's delegation tokens: the scope lakeFS allowed when the token was issued,
   * narrowed as asked, and credentials that end no later than the token. Without a re-check lakeFS is not asked;
   * with one, lakeFS must still grant the token's owner what is asked (a withdrawn permission refuses, lakeFS down
   * grants nothing new). The future fails with a {@link Refusal}.
   */
  public CompletableFuture<IssuedCredentials> withToken(VerifiedToken token, byte[] body) {
    ResolvedScope scope = token.identifier().scope();
    try {
      CredentialsRequest asked = CredentialsRequest.parse(body, scope.repositories(), scope.access());
      CredentialScope credentialScope = scopes.credentialScope(scope, asked.repositories(), asked.access());
      if (recheck.isPresent()) {
        requireStillGranted(recheck.get().check(token.identifier().lakeFSUser(), asked.repositories(),
            beyondRead(asked.access())));
      }
      Duration untilTokenExpires = Duration.between(clock.instant(), token.expiry());
      Duration duration = untilTokenExpires.compareTo(maxDuration) < 0 ? untilTokenExpires : maxDuration;
      return refusing(issuer.issueAsync(token.identifier().lakeFSUser(), credentialScope.role(),
          credentialScope.policy(), duration));
    } catch (Refusal refusal) {
      return CompletableFuture.failedFuture(refusal);
    } catch (ResolvedScope.NarrowingException | RuntimeException e) {
      return CompletableFuture.failedFuture(Refusal.of(e));
    }
  }

  /** The issuer's failures as the refusals they answer. */
  private static CompletableFuture<IssuedCredentials> refusing(CompletableFuture<IssuedCredentials> issued) {
    return issued.exceptionallyCompose(failure -> {
      Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
      if (cause instanceof Exception e) {
        return CompletableFuture.failedFuture(Refusal.of(e));
      }
      return CompletableFuture.failedFuture(cause);
    });
  }

  private static void requireStillGranted(ScopeRecheck.Outcome outcome) throws Refusal {
    if (outcome instanceof ScopeRecheck.Withdrawn withdrawn) {
      throw new Refusal(RefusalReason.SCOPE_WITHDRAWN, withdrawn.message());
    }
    if (outcome instanceof ScopeRecheck.LakeFSDown down) {
      throw Refusal.lakeFSDown(down.message());
    }
  }

  private static Optional<RepositoryPermission> beyondRead(AccessLevel access) {
    return switch (access) {
      case READ -> Optional.empty();
      case WRITE -> Optional.of(RepositoryPermission.WRITE_OBJECTS);
      case GC -> Optional.of(RepositoryPermission.RUN_GARBAGE_COLLECTION);
    };
  }
}
