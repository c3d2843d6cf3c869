package io.lakefs.sts.service.http;

import io.lakefs.sts.protocol.CredentialsAnswer;
import io.lakefs.sts.protocol.ServiceApi;
import io.lakefs.sts.service.audit.AuditEvent;
import io.lakefs.sts.service.audit.AuditLog;
import io.lakefs.sts.service.issuance.CredentialsIssuance;
import io.lakefs.sts.service.issuance.CredentialsRequest;
import io.lakefs.sts.service.issuance.Refusal;
import io.lakefs.sts.protocol.RefusalReason;
import io.lakefs.sts.service.lakefs.LakeFSCredentials;
import io.lakefs.sts.service.lakefs.MalformedAuthorizationException;
import io.lakefs.sts.service.sts.IssuedCredentials;
import io.lakefs.sts.service.tokens.VerifiedToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * {@code POST /api/v1/credentials}: reads the body, hands it to {@link CredentialsIssuance} with the caller's
 * lakeFS key or delegation token, and answers what it gives: the credentials, or its {@link Refusal}. Every
 * answer, granted or refused, leaves one audit line. Asynchronous throughout: no thread waits for the body nor
 * for another caller's STS call; the answer is written by whichever thread completes it.
 */
public final class CredentialsServlet extends HttpServlet {
  /**
   * Request attribute holding the {@link VerifiedToken} a caller authenticated with, set by the authentication
   * filter's delegation-token handler.
   */
  public static final String VERIFIED_TOKEN_ATTRIBUTE = VerifiedToken.class.getName();

  private final CredentialsIssuance issuance;
  private final AuditLog audit;
  private final ServiceMetrics metrics;
  private final AsyncBodies bodies;

  /** @param bodyTimeout how long a request body may take to arrive once the caller is authenticated */
  public CredentialsServlet(CredentialsIssuance issuance, AuditLog audit, ServiceMetrics metrics,
      Duration bodyTimeout) {
    this.issuance = issuance;
    this.audit = audit;
    this.metrics = metrics;
    this.bodies = new AsyncBodies(bodyTimeout, CredentialsRequest.MAX_BODY_BYTES);
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
    bodies.readThenAnswer(request, response, body -> answer(request, response, body));
  }

  /** Answers once the credentials are there: now from the cache, or when an identical STS call completes. */
  private CompletableFuture<Void> answer(HttpServletRequest request, HttpServletResponse response,
      AsyncBodies.Body body) {
    Optional<VerifiedToken> token = verifiedToken(request);
    AuditEvent.Caller caller = new AuditEvent.Caller(request.getRemoteUser(), authMethod(request),
        request.getRemoteAddr(), token.map(t -> t.identifier().getSequenceNumber()).orElse(null));
    CompletableFuture<IssuedCredentials> issued;
    try {
      if (body.failed()) {
        throw body.failure();
      }
      issued = token.isPresent() ? issuance.withToken(token.get(), body.bytes())
          : issuance.withLakeFSKey(caller.user(), lakeFSKey(request), body.bytes());
    } catch (Refusal refusal) {
      issued = CompletableFuture.failedFuture(refusal);
    }
    return issued.handle((credentials, failure) -> {
      try {
        if (failure == null) {
          // Audited before the answer: a caller holding credentials always has its line, even when the service
          // stops (SIGTERM) right after answering.
          audit.record(AuditEvent.credentialsIssued(caller, credentials.roleArn(), credentials.sessionName(),
              credentials.sourceIdentity(), credentials.scopeNames(), credentials.expiration(),
              credentials.credentials().accessKeyId()));
          // Rendered once per cached entry: the answer depends on nothing but the entry (a token's end is in the
          // cache key, so credentials clamped to it are an entry of their own).
          Json.writeRendered(response, 200, credentials.answer(entry -> Json.render(answer(entry).toJson())));
          metrics.answered(200);
          return null;
        }
        Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
        if (!(cause instanceof Refusal refusal)) {
          throw new IllegalStateException("credentials request failed unexpectedly", cause);
        }
        audit.record(AuditEvent.denied(caller, "credentials", refusal.status(), refusal.getMessage()));
        Json.refuse(response, refusal);
        metrics.answered(refusal.status());
        metrics.denied(refusal.reason().code());
        return null;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  private static Optional<VerifiedToken> verifiedToken(HttpServletRequest request) {
    return Optional.ofNullable((VerifiedToken) request.getAttribute(VERIFIED_TOKEN_ATTRIBUTE));
  }

  /**
   * The caller's lakeFS key, to ask lakeFS about repositories as them. A Kerberos caller has none here: it
   * obtains a delegation token with its key once (the scope is checked then) and presents the token.
   */
  private static LakeFSCredentials lakeFSKey(HttpServletRequest request) throws Refusal {
    try {
      return LakeFSCredentials.fromAuthorizationHeader(request.getHeader("Authorization"));
    } catch (MalformedAuthorizationException e) {
      throw new Refusal(RefusalReason.NO_LAKEFS_CREDENTIALS, "credentials are issued to callers that authenticate with"
          + " their lakeFS access key (HTTP Basic) or with a delegation token of this service; this request"
          + " authenticated with " + authMethod(request) + ". Obtain a delegation token with your lakeFS key"
          + " (GET /api/v1/delegation-token?op=GETDELEGATIONTOKEN&renewer=...&repositories=..., the key as HTTP Basic"
          + " or, with Kerberos, in the " + ServiceApi.LAKEFS_AUTHORIZATION_HEADER
          + " header) and present it in the " + ServiceApi.DELEGATION_TOKEN_HEADER + " header");
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

  /** The answer as the protocol defines it, which the clients read (public for the clients' wire test). */
  public static CredentialsAnswer answer(IssuedCredentials issued) {
    return new CredentialsAnswer(issued.credentials().accessKeyId(), issued.credentials().secretAccessKey(),
        issued.credentials().sessionToken(), issued.expiration(), issued.sessionName(), issued.sourceIdentity(),
        issued.roleArn(), issued.scope().stream()
            .map(grant -> new CredentialsAnswer.Grant(grant.location().toString(), grant.access().wireName()))
            .collect(Collectors.toList()));
  }
}
