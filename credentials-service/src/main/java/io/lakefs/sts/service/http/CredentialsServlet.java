package io.lakefs.sts.service.http;

import io.lakefs.sts.service.audit.AuditEvent;
import io.lakefs.sts.service.audit.AuditLog;
import io.lakefs.sts.service.lakefs.InvalidRepositoryIdException;
import io.lakefs.sts.service.lakefs.LakeFSAuthenticationException;
import io.lakefs.sts.service.lakefs.LakeFSCredentials;
import io.lakefs.sts.service.lakefs.LakeFSUnavailableException;
import io.lakefs.sts.service.lakefs.MalformedAuthorizationException;
import io.lakefs.sts.service.lakefs.RepositoryAccessDeniedException;
import io.lakefs.sts.service.lakefs.RepositoryNotFoundException;
import io.lakefs.sts.service.scope.AccessLevel;
import io.lakefs.sts.service.scope.Grant;
import io.lakefs.sts.service.scope.InvalidStorageNamespaceException;
import io.lakefs.sts.service.scope.RepositoryScopes;
import io.lakefs.sts.service.scope.SessionPolicy;
import io.lakefs.sts.service.scope.SessionPolicyTooLargeException;
import io.lakefs.sts.service.sts.CredentialsDisabledException;
import io.lakefs.sts.service.sts.CredentialsIssueException;
import io.lakefs.sts.service.sts.CredentialsIssuer;
import io.lakefs.sts.service.sts.IssuedCredentials;
import io.lakefs.sts.service.sts.StsConfigurationException;
import io.lakefs.sts.service.sts.StsUnavailableException;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/credentials}: STS credentials for the authenticated lakeFS user, scoped to the
 * storage of the repositories asked for that lakeFS lets the user read. Every answer, granted or refused,
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

  public CredentialsServlet(RepositoryScopes scopes, CredentialsIssuer issuer, List<String> defaultRepositories,
      AccessLevel defaultAccess, Duration maxDuration, AuditLog audit, ServiceMetrics metrics) {
    this.scopes = scopes;
    this.issuer = issuer;
    this.defaultRepositories = List.copyOf(defaultRepositories);
    this.defaultAccess = defaultAccess;
    this.maxDuration = maxDuration;
    this.audit = audit;
    this.metrics = metrics;
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
    AuditEvent.Caller caller = new AuditEvent.Caller(request.getRemoteUser(), authMethod(request),
        request.getRemoteAddr());
    try {
      IssuedCredentials issued = issue(request, caller.user());
      Json.write(response, 200, body(issued));
      metrics.answered(200);
      audit.record(AuditEvent.credentialsIssued(caller, issued.roleArn(), issued.sessionName(),
          issued.sourceIdentity(), scope(issued.scope()), issued.expiration(), issued.credentials().accessKeyId()));
    } catch (Refusal refusal) {
      if (refusal.status == 503) {
        response.setHeader("Retry-After", Long.toString(refusal.retryAfterSeconds));
      }
      Json.write(response, refusal.status, Json.message(refusal.getMessage()));
      metrics.answered(refusal.status);
      metrics.denied(refusal.reason);
      audit.record(AuditEvent.denied(caller, "credentials", refusal.status, refusal.getMessage()));
    }
  }

  private IssuedCredentials issue(HttpServletRequest request, String user) throws Refusal, IOException {
    CredentialsRequest asked;
    try {
      byte[] body = request.getInputStream().readNBytes(CredentialsRequest.MAX_BODY_BYTES + 1);
      if (body.length > CredentialsRequest.MAX_BODY_BYTES) {
        throw new Refusal(413, "body_too_large", "the request body is over " + CredentialsRequest.MAX_BODY_BYTES
            + " bytes; a credentials request only names repositories and an access level");
      }
      asked = CredentialsRequest.parse(body, defaultRepositories, defaultAccess);
    } catch (CredentialsRequest.BadRequestException e) {
      throw new Refusal(400, "bad_request", e.getMessage());
    }
    LakeFSCredentials lakeFSCredentials = lakeFSCredentials(request);
    try {
      List<Grant> grants = scopes.grants(lakeFSCredentials, asked.repositories(), asked.access());
      return issuer.issue(user, SessionPolicy.forGrants(grants), maxDuration);
    } catch (LakeFSAuthenticationException e) {
      throw new Refusal(401, "lakefs_authentication", e.getMessage());
    } catch (RepositoryAccessDeniedException e) {
      throw new Refusal(403, "repository_access_denied", e.getMessage());
    } catch (RepositoryScopes.ReadOnlyRepositoryException e) {
      throw new Refusal(403, "repository_read_only", e.getMessage());
    } catch (RepositoryNotFoundException e) {
      throw new Refusal(404, "repository_not_found", e.getMessage());
    } catch (InvalidRepositoryIdException | InvalidStorageNamespaceException | SessionPolicyTooLargeException e) {
      throw new Refusal(400, "unsupported_scope", e.getMessage());
    } catch (LakeFSUnavailableException e) {
      throw new Refusal(503, "lakefs_unavailable", e.getMessage());
    } catch (CredentialsIssueException e) {
      throw refusal(e);
    }
  }

  /**
   * The caller's lakeFS key, to ask lakeFS about repositories as them. Callers that authenticated otherwise
   * (a delegation token) cannot be checked against lakeFS here yet.
   */
  private static LakeFSCredentials lakeFSCredentials(HttpServletRequest request) throws Refusal {
    try {
      return LakeFSCredentials.fromAuthorizationHeader(request.getHeader("Authorization"));
    } catch (MalformedAuthorizationException e) {
      throw new Refusal(403, "no_lakefs_credentials", "credentials are issued to callers that authenticate with"
          + " their lakeFS access key (HTTP Basic); this request authenticated with " + authMethod(request));
    }
  }

  /** How the caller proved who they are, in the audit log's words. */
  private static String authMethod(HttpServletRequest request) {
    if (request.getHeader("X-Hadoop-Delegation-Token") != null || request.getParameter("delegation") != null) {
      return "delegation-token";
    }
    String authorization = request.getHeader("Authorization");
    if (authorization == null || authorization.isBlank()) {
      return "cookie";
    }
    return authorization.trim().split(" ", 2)[0].toLowerCase(java.util.Locale.ROOT);
  }

  private static Refusal refusal(CredentialsIssueException e) {
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

  private static Map<String, Object> body(IssuedCredentials issued) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("access_key_id", issued.credentials().accessKeyId());
    body.put("secret_access_key", issued.credentials().secretAccessKey().reveal());
    body.put("session_token", issued.credentials().sessionToken().reveal());
    body.put("expiration", issued.expiration().getEpochSecond());
    body.put("session_name", issued.sessionName());
    body.put("source_identity", issued.sourceIdentity());
    body.put("role_arn", issued.roleArn());
    body.put("scope", issued.scope().stream()
        .map(CredentialsServlet::grant)
        .collect(Collectors.toList()));
    return body;
  }

  private static Map<String, String> grant(Grant grant) {
    Map<String, String> json = new LinkedHashMap<>();
    json.put("location", grant.location().toString());
    json.put("access", grant.access().wireName());
    return json;
  }

  private static List<String> scope(List<Grant> grants) {
    return grants.stream().map(Grant::toString).collect(Collectors.toList());
  }
}
