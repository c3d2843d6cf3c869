package io.lakefs.sts.service.issuance;

import io.lakefs.sts.protocol.RefusalReason;

import io.lakefs.sts.service.lakefs.InvalidRepositoryIdException;
import io.lakefs.sts.service.lakefs.LakeFSAuthenticationException;
import io.lakefs.sts.service.lakefs.LakeFSUnavailableException;
import io.lakefs.sts.service.lakefs.RepositoryAccessDeniedException;
import io.lakefs.sts.service.lakefs.RepositoryNotFoundException;
import io.lakefs.sts.service.scope.InvalidStorageNamespaceException;
import io.lakefs.sts.service.scope.ResolvedScope;
import io.lakefs.sts.service.scope.SessionPolicyTooLargeException;
import io.lakefs.sts.service.scope.StorageRoles;
import io.lakefs.sts.service.sts.CredentialsDisabledException;
import io.lakefs.sts.service.sts.CredentialsIssueException;
import io.lakefs.sts.service.sts.StsConfigurationException;
import io.lakefs.sts.service.sts.StsUnavailableException;
import io.lakefs.sts.service.sts.TokenExpiresTooSoonException;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A request the service refuses: the reason (which fixes the HTTP status and the metric label), the message
 * the caller reads (never a secret) and, when waiting helps, how many seconds to wait. {@link #of} is the one
 * mapping from the domain's failures to refusals; every edge (the credentials endpoint, the delegation-token
 * endpoint, the authentication schemes) answers with what it gives.
 */
public final class Refusal extends Exception {
  private static final Logger LOG = LoggerFactory.getLogger(Refusal.class);
  /** How long to wait for lakeFS to come back: its clients' own retries are over by then. */
  private static final long LAKEFS_RETRY_AFTER_SECONDS = 10;

  private final RefusalReason reason;
  private final OptionalLong retryAfterSeconds;

  public Refusal(RefusalReason reason, String message) {
    this(reason, message, OptionalLong.empty());
  }

  private Refusal(RefusalReason reason, String message, OptionalLong retryAfterSeconds) {
    super(message, null, false, false);
    this.reason = reason;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** A refusal after which the caller may retry, no sooner than {@code retryAfterSeconds}. */
  public static Refusal retryAfter(RefusalReason reason, String message, long retryAfterSeconds) {
    return new Refusal(reason, message, OptionalLong.of(retryAfterSeconds));
  }

  public RefusalReason reason() {
    return reason;
  }

  public int status() {
    return reason.status();
  }

  public OptionalLong retryAfterSeconds() {
    return retryAfterSeconds;
  }

  /**
   * The refusal for a failure of lakeFS, of the scope asked for, or of STS. Anything else is not the caller's
   * to act on: it is thrown on (a checked one wrapped), for the edge to answer as the service's own failure.
   */
  public static Refusal of(Exception e) {
    String message = e.getMessage();
    if (e instanceof LakeFSAuthenticationException) {
      return new Refusal(RefusalReason.LAKEFS_AUTHENTICATION, message);
    } else if (e instanceof RepositoryAccessDeniedException) {
      return new Refusal(RefusalReason.REPOSITORY_ACCESS_DENIED, message);
    } else if (e instanceof RepositoryScopes.ReadOnlyRepositoryException) {
      return new Refusal(RefusalReason.REPOSITORY_READ_ONLY, message);
    } else if (e instanceof RepositoryNotFoundException) {
      return new Refusal(RefusalReason.REPOSITORY_NOT_FOUND, message);
    } else if (e instanceof StorageRoles.ScopeSpansRolesException) {
      return new Refusal(RefusalReason.SCOPE_SPANS_ROLES, message);
    } else if (e instanceof InvalidRepositoryIdException || e instanceof InvalidStorageNamespaceException
        || e instanceof SessionPolicyTooLargeException) {
      return new Refusal(RefusalReason.UNSUPPORTED_SCOPE, message);
    } else if (e instanceof LakeFSUnavailableException) {
      return retryAfter(RefusalReason.LAKEFS_UNAVAILABLE, message, LAKEFS_RETRY_AFTER_SECONDS);
    } else if (e instanceof ResolvedScope.NarrowingException) {
      return new Refusal(RefusalReason.OUTSIDE_TOKEN_SCOPE, message);
    } else if (e instanceof CredentialsIssueException issue) {
      return of(issue);
    } else if (e instanceof RuntimeException unexpected) {
      throw unexpected;
    }
    throw new IllegalStateException(e);
  }

  private static Refusal of(CredentialsIssueException e) {
    if (e instanceof TokenExpiresTooSoonException) {
      return new Refusal(RefusalReason.TOKEN_EXPIRES_TOO_SOON, e.getMessage());
    } else if (e instanceof StsConfigurationException) {
      // The full message is for administrators: it names the role and what to change.
      LOG.error("STS refused the service's AssumeRole call: {}", e.getMessage());
      return new Refusal(RefusalReason.STS_MISCONFIGURED, e.callerMessage());
    } else if (e instanceof StsUnavailableException unavailable) {
      return retryAfter(RefusalReason.STS_UNAVAILABLE, e.getMessage(), unavailable.retryAfterSeconds());
    } else if (e instanceof CredentialsDisabledException) {
      return new Refusal(RefusalReason.STS_DISABLED, e.getMessage());
    }
    return new Refusal(RefusalReason.STS_REFUSED_REQUEST, e.callerMessage());
  }
}
