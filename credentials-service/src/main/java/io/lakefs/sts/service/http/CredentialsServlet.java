package io.lakefs.sts.service.http;

import io.lakefs.sts.protocol.CredentialsAnswer;
import io.lakefs.sts.protocol.ServiceApi;
import io.lakefs.sts.service.audit.AuditEvent;
import io.lakefs.sts.service.audit.AuditLog;
import io.lakefs.sts.service.auth.LakeFSDelegationTokenAuthenticationHandler;
import io.lakefs.sts.service.lakefs.LakeFSCredentials;
import io.lakefs.sts.service.lakefs.LakeFSException;
import io.lakefs.sts.service.lakefs.MalformedAuthorizationException;
import io.lakefs.sts.service.scope.AccessLevel;
import io.lakefs.sts.service.scope.CredentialScope;
import io.lakefs.sts.service.scope.Grant;
import io.lakefs.sts.service.scope.RepositoryScopes;
import io.lakefs.sts.service.scope.ResolvedScope;
import io.lakefs.sts.service.scope.ScopeRefusal;
import io.lakefs.sts.service.sts.CredentialsDisabledException;
import io.lakefs.sts.service.sts.CredentialsIssueException;
import io.lakefs.sts.service.sts.CredentialsIssuer;
import io.lakefs.sts.service.sts.IssuedCredentials;
import io.lakefs.sts.service.sts.StsConfigurationException;
import io.lakefs.sts.service.sts.StsUnavailableException;
import io.lakefs.sts.service.sts.TokenExpiresTooSoonException;
import io.lakefs.sts.service.tokens.VerifiedToken;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/credentials}: STS credentials for the authenticated lakeFS user, scoped to the
 * storage of the repositories asked for that lakeFS lets the user read (and, for write or gc, write objects
 * in or garbage-collect). Every answer, granted or refused,
 * leaves one audit line.
 */
public final class CredentialsServlet extends HttpServlet {
  private static final Logger LOG = LoggerFactory.getLogger(CredentialsServlet.class);

  private final RepositoryScopes scopes;
  private final CredentialsIssuer issuer;
  private final List<String> defaultRepositories;
  private final AccessLevel defaultAccess;
  private final Duration maxDuration;
  private final AuditLog audit;
  private final ServiceMetrics metrics;
  private final Clock clock;
  private final AsyncBodies bodies;

  /** @param bodyTimeout how long a request body may take to arrive once the caller is authenticated */
  public CredentialsServlet(RepositoryScopes scopes, CredentialsIssuer issuer, List<String> defaultRepositories,
      AccessLevel defaultAccess, Duration maxDuration, AuditLog audit, ServiceMetrics metrics, Clock clock,
      Duration bodyTimeout) {
    this.scopes = scopes;
    this.issuer = issuer;
    this.defaultRepositories = List.copyOf(defaultRepositories);
    this.defaultAccess = defaultAccess;
    this.maxDuration = maxDuration;
    this.audit = audit;
    this.metrics = metrics;
    this.clock = clock;
    this.bodies = new AsyncBodies(bodyTimeout, CredentialsRequest.MAX_BODY_BYTES);
  }

  /**
   * A refusal: the status, a reason label for metrics, the message the caller reads and, for a 503, how many
   * seconds to wait before retrying.
   */
  private static final class Refusal extends Exception {
    final int status;
    final String reason;
    final long retryAfterSeconds;

    Refusal(int status, String reason, String message) {
      this(status, reason, message, 10);
    }

    Refusal(int status, String reason, String message, long retryAfterSeconds) {
      super(message);
      this.status = status;
      this.reason = reason;
      this.retryAfterSeconds = retryAfterSeconds;
    }
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
    bodies.readThenAnswer(request, response, body -> answer(request, response, body));
  }

  private void answer(HttpServletRequest request, HttpServletResponse response, AsyncBodies.Body body)
      throws IOException {
    Optional<VerifiedToken> token = verifiedToken(request);
    AuditEvent.Caller caller = new AuditEvent.Caller(request.getRemoteUser(), authMethod(request),
        request.getRemoteAddr(), token.map(t -> t.identifier().getSequenceNumber()).orElse(null));
    try {
      if (body.failed()) {
        throw new Refusal(body.failureStatus(), body.failureStatus() == 413 ? "body_too_large" : "unreadable_body",
            body.failure());
      }
      IssuedCredentials issued = token.isPresent() ? issue(body.bytes(), token.get())
          : issue(request, body.bytes(), caller.user());
      // Audited before the answer: a caller holding credentials always has its line, even when the service
      // stops (SIGTERM) right after answering.
      audit.record(AuditEvent.credentialsIssued(caller, issued.roleArn(), issued.sessionName(),
          issued.sourceIdentity(), scope(issued.scope()), issued.expiration(), issued.credentials().accessKeyId()));
      Json.write(response, 200, answer(issued).toJson());
      metrics.answered(200);
    } catch (Refusal refusal) {
      if (refusal.status == 503) {
        response.setHeader("Retry-After", Long.toString(refusal.retryAfterSeconds));
      }
      audit.record(AuditEvent.denied(caller, "credentials", refusal.status, refusal.getMessage()));
      Json.write(response, refusal.status, Json.message(refusal.getMessage()));
      metrics.answered(refusal.status);
      metrics.denied(refusal.reason);
    }
  }

  /** For a caller with a lakeFS key: the repositories are checked against lakeFS as that caller. */
  private IssuedCredentials issue(HttpServletRequest request, byte[] body, String user) throws Refusal {
    CredentialsRequest asked = parse(body, defaultRepositories, defaultAccess);
    LakeFSCredentials lakeFSCredentials = lakeFSCredentials(request);
    try {
      ResolvedScope scope = scopes.resolve(lakeFSCredentials, asked.repositories(), asked.access());
      CredentialScope credentialScope = scopes.credentialScope(scope);
      return issuer.issue(user, credentialScope.role(), credentialScope.policy(), maxDuration);
    } catch (LakeFSException | IllegalArgumentException | RepositoryScopes.ReadOnlyRepositoryException e) {
      throw refusal(e);
    } catch (CredentialsIssueException e) {
      throw refusal(e);
    }
  }

  /**
   * For a caller with one of the service's delegation tokens: the scope lakeFS allowed when the token was
   * issued, narrowed as asked, and credentials that end no later than the token. lakeFS is not asked.
   */
  private IssuedCredentials issue(byte[] body, VerifiedToken token) throws Refusal {
    ResolvedScope scope = token.identifier().scope();
    CredentialsRequest asked = parse(body, scope.repositories(), scope.access());
    try {
      CredentialScope credentialScope = scopes.credentialScope(scope, asked.repositories(), asked.access());
      Duration untilTokenExpires = Duration.between(clock.instant(), token.expiry());
      Duration duration = untilTokenExpires.compareTo(maxDuration) < 0 ? untilTokenExpires : maxDuration;
      return issuer.issue(token.identifier().lakeFSUser(), credentialScope.role(), credentialScope.policy(),
          duration);
    } catch (ResolvedScope.NarrowingException e) {
      throw new Refusal(403, "outside_token_scope", e.getMessage());
    } catch (IllegalArgumentException e) {
      throw refusal(e);
    } catch (CredentialsIssueException e) {
      throw refusal(e);
    }
  }

  private static CredentialsRequest parse(byte[] body, List<String> defaultRepositories, AccessLevel defaultAccess)
      throws Refusal {
    try {
      return CredentialsRequest.parse(body, defaultRepositories, defaultAccess);
    } catch (CredentialsRequest.BadRequestException e) {
      throw new Refusal(400, "bad_request", e.getMessage());
    }
  }

  /** The refusal for a repository or scope failure, as the delegation-token endpoint refuses it too. */
  private static Refusal refusal(Exception e) {
    ScopeRefusal refusal = ScopeRefusal.of(e).orElseThrow(() -> e instanceof RuntimeException r ? r
        : new IllegalStateException(e));
    return new Refusal(refusal.status(), refusal.reason(), refusal.message());
  }

  private static Optional<VerifiedToken> verifiedToken(HttpServletRequest request) {
    return Optional.ofNullable((VerifiedToken) request.getAttribute(
        LakeFSDelegationTokenAuthenticationHandler.VERIFIED_TOKEN_ATTRIBUTE));
  }

  /**
   * The caller's lakeFS key, to ask lakeFS about repositories as them. A Kerberos caller has none here: it
   * obtains a delegation token with its key once (the scope is checked then) and presents the token.
   */
  private static LakeFSCredentials lakeFSCredentials(HttpServletRequest request) throws Refusal {
    try {
      return LakeFSCredentials.fromAuthorizationHeader(request.getHeader("Authorization"));
    } catch (MalformedAuthorizationException e) {
      throw new Refusal(403, "no_lakefs_credentials", "credentials are issued to callers that authenticate with"
          + " their lakeFS access key (HTTP Basic) or with a delegation token of this service; this request"
          + " authenticated with " + authMethod(request) + ". Obtain a delegation token with your lakeFS key"
          + " (GET /api/v1/delegation-token?op=GETDELEGATIONTOKEN&renewer=...&repositories=..., the key as HTTP Basic"
          + " or, with Kerberos, in the " + ServiceApi.LAKEFS_AUTHORIZATION_HEADER
          + " header) and present it in the X-Hadoop-Delegation-Token header");
    }
  }

  /** How the caller proved who they are, in the audit log's words. */
  private static String authMethod(HttpServletRequest request) {
    if (verifiedToken(request).isPresent()) {
      return "delegation-token";
    }
    String authorization = request.getHeader("Authorization");
    if (authorization == null || authorization.isBlank()) {
      return "cookie";
    }
    return authorization.trim().split(" ", 2)[0].toLowerCase(java.util.Locale.ROOT);
  }

  private static Refusal refusal(CredentialsIssueException e) {
    if (e instanceof TokenExpiresTooSoonException) {
      return new Refusal(401, "token_expires_too_soon", e.getMessage());
    }
    if (e instanceof StsConfigurationException) {
      LOG.error("STS refused the service's AssumeRole call: {}", e.getMessage());
      return new Refusal(500, "sts_misconfigured", e.callerMessage());
    }
    if (e instanceof StsUnavailableException unavailable) {
      return new Refusal(503, "sts_unavailable", unavailable.getMessage(), unavailable.retryAfterSeconds());
    }
    if (e instanceof CredentialsDisabledException) {
      return new Refusal(501, "sts_disabled", e.getMessage());
    }
    return new Refusal(400, "sts_refused_request", e.callerMessage());
  }

  /** The answer as the protocol defines it, which the clients read (public for the clients' wire test). */
  public static CredentialsAnswer answer(IssuedCredentials issued) {
    return new CredentialsAnswer(issued.credentials().accessKeyId(), issued.credentials().secretAccessKey(),
        issued.credentials().sessionToken(), issued.expiration(), issued.sessionName(), issued.sourceIdentity(),
        issued.roleArn(), issued.scope().stream()
            .map(grant -> new CredentialsAnswer.Grant(grant.location().toString(), grant.access().wireName()))
            .collect(Collectors.toList()));
  }

  private static List<String> scope(List<Grant> grants) {
    return grants.stream().map(Grant::toString).collect(Collectors.toList());
  }
}
