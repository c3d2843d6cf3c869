package io.lakefs.sts.service.auth;

import io.lakefs.sts.protocol.DelegationTokenOperation;
import io.lakefs.sts.protocol.ServiceApi;
import io.lakefs.sts.service.audit.AuditEvent;
import io.lakefs.sts.service.audit.AuditLog;
import io.lakefs.sts.service.http.CredentialsServlet;
import io.lakefs.sts.service.http.Json;
import io.lakefs.sts.service.issuance.DelegationTokenIssuance;
import io.lakefs.sts.service.issuance.Refusal;
import io.lakefs.sts.service.scope.Grant;
import io.lakefs.sts.service.tokens.ScopedTokenIdentifier;
import io.lakefs.sts.service.tokens.ScopedTokens;
import io.lakefs.sts.service.tokens.TokenNotStoredException;
import io.lakefs.sts.service.tokens.VerifiedToken;
import java.io.IOException;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.HttpServletResponseWrapper;
import org.apache.hadoop.security.AccessControlException;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.hadoop.security.authentication.client.AuthenticationException;
import org.apache.hadoop.security.authentication.server.AuthenticationToken;
import org.apache.hadoop.security.token.SecretManager.InvalidToken;
import org.apache.hadoop.security.token.Token;
import org.apache.hadoop.security.token.delegation.web.DelegationTokenAuthenticator;
import org.apache.hadoop.security.token.delegation.web.KerberosDelegationTokenAuthenticator;
import org.apache.hadoop.security.token.delegation.web.MultiSchemeDelegationTokenAuthenticationHandler;
import org.apache.hadoop.util.HttpExceptionUtils;

/**
 * hadoop-auth's multi-scheme delegation-token handler, issuing and checking the service's scoped tokens.
 *
 * <ul>
 *   <li>GETDELEGATIONTOKEN is answered here, not by Hadoop, which would create a token with no scope: the caller
 *   authenticates with a lakeFS key (HTTP Basic, or Kerberos plus {@value ServiceApi#LAKEFS_AUTHORIZATION_HEADER}
 *   for the same user), lakeFS is asked as that user about the repositories, and the result is signed into the token;
 *   one user may hold and obtain only so many ({@link DelegationTokenIssuance}, 429 beyond).
 *   <li>A presented token is checked by {@link ScopedTokens#verify}, which also recomputes its signature; the
 *   verified token is left in request attribute {@link CredentialsServlet#VERIFIED_TOKEN_ATTRIBUTE} for the credentials
 *   endpoint.
 *   <li>RENEW and CANCEL are Hadoop's; only their refusals are reworded.
 *   <li>As in Hadoop, a token never authenticates an operation on tokens; and a request presenting the
 *   credentials of two users is refused.
 * </ul>
 * Refusals of these operations are Hadoop's {@code RemoteException} JSON, which Hadoop's clients turn back into
 * the exception with its message, and each leaves an audit line.
 */
public final class LakeFSDelegationTokenAuthenticationHandler extends MultiSchemeDelegationTokenAuthenticationHandler {
  private static final String AUTHORIZATION = "Authorization";
  /** The operations on tokens, with the action their audit lines name. */
  private static final Map<String, String> TOKEN_OPERATIONS = Map.of(
      DelegationTokenOperation.GET.wireName(), "get-token", DelegationTokenOperation.RENEW.wireName(), "renew",
      DelegationTokenOperation.CANCEL.wireName(), "cancel");

  private DelegationTokenIssuance issuance;
  private AuditLog audit;

  /**
   * hadoop-auth's token manager copies every property into a Hadoop {@code Configuration}, strings only; it runs
   * after the scheme handlers took what they needed, so the service's lakeFS client
   * ({@link LakeFSBasicAuthenticationHandler#SHARED_LAKEFS}) is left out of its copy.
   */
  @Override
  public void initTokenManager(Properties config) {
    Properties strings = new Properties();
    config.stringPropertyNames().forEach(name -> strings.setProperty(name, config.getProperty(name)));
    super.initTokenManager(strings);
  }

  /** Called once by {@link LakeFSAuthenticationFilter} before the filter serves requests. */
  void use(DelegationTokenEndpoint endpoint) {
    this.issuance = endpoint.issuance();
    this.audit = endpoint.audit();
  }

  /**
   * The caller, authenticated by what the request presents; refused (null, the answer written) when it presents
   * the credentials of two users: a delegation token beside an Authorization header, or a cookie the filter set
   * aside beside credentials of another user. One request, one identity: the session name, source identity and
   * audit user are always those of the credentials that decided the scope.
   */
  @Override
  public AuthenticationToken authenticate(HttpServletRequest request, HttpServletResponse response)
      throws IOException, AuthenticationException {
    if (presentedToken(request) != null && request.getHeader(AUTHORIZATION) != null) {
      refuse(request, response, "-", "authenticate", HttpServletResponse.SC_BAD_REQUEST, new IllegalArgumentException(
          "this request presents both a delegation token and an Authorization header; send one of them"));
      return null;
    }
    AuthenticationToken caller = presentedToken(request) == null ? super.authenticate(request, response)
        : tokenCaller(request, response);
    Object cookieUser = request.getAttribute(LakeFSAuthenticationFilter.SET_ASIDE_COOKIE_USER_ATTRIBUTE);
    if (caller != null && cookieUser != null && !cookieUser.equals(caller.getUserName())) {
      refuse(request, response, caller.getUserName(), "authenticate", HttpServletResponse.SC_BAD_REQUEST,
          new IllegalArgumentException("this request presents the credentials of two users: a hadoop.auth cookie of "
              + cookieUser + " and credentials of " + caller.getUserName() + "; send one user's credentials (drop"
              + " the cookie, or the other credentials)"));
      return null;
    }
    return caller;
  }

  /** Whether the request carries credentials of its own (beside any cookie). */
  static boolean presentsCredentials(HttpServletRequest request) {
    return request.getHeader(AUTHORIZATION) != null || presentedToken(request) != null;
  }

  private AuthenticationToken tokenCaller(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String presented = presentedToken(request);
    try {
      VerifiedToken verified = issuance.tokens().verify(ScopedTokens.decode(presented));
      request.setAttribute(CredentialsServlet.VERIFIED_TOKEN_ATTRIBUTE, verified);
      UserGroupInformation owner = verified.identifier().getUser();
      // As Hadoop's handler does: the filter then builds the caller from the token, ignoring doAs.
      request.setAttribute(DELEGATION_TOKEN_UGI_ATTRIBUTE, owner);
      AuthenticationToken token = new AuthenticationToken(owner.getShortUserName(), owner.getUserName(), getType());
      token.setExpires(0);
      return token;
    } catch (InvalidToken e) {
      refuse(request, response, "-", "authenticate", HttpServletResponse.SC_FORBIDDEN, e);
      return null;
    }
  }

  @Override
  public boolean managementOperation(AuthenticationToken token, HttpServletRequest request,
      HttpServletResponse response) throws IOException, AuthenticationException {
    String op = request.getParameter(KerberosDelegationTokenAuthenticator.OP_PARAM);
    op = op == null ? "" : op.toUpperCase(Locale.ROOT);
    String method = request.getMethod();
    if (TOKEN_OPERATIONS.containsKey(op) && presentedToken(request) != null) {
      // As Hadoop's handler: a token never authenticates an operation on tokens, or a stolen one would renew
      // itself to its maximum lifetime, or obtain fresh ones.
      refuse(request, response, "-", TOKEN_OPERATIONS.get(op), HttpServletResponse.SC_FORBIDDEN,
          new AccessControlException(op + " needs your lakeFS key (HTTP Basic) or a Kerberos ticket: a delegation"
              + " token does not authenticate operations on delegation tokens, itself included; remove the "
              + DelegationTokenAuthenticator.DELEGATION_TOKEN_HEADER + " header and the "
              + DelegationTokenAuthenticator.DELEGATION_PARAM + " parameter (the token operated on goes in the "
              + KerberosDelegationTokenAuthenticator.TOKEN_PARAM + " parameter)"));
      return false;
    }
    if (op.equals(DelegationTokenOperation.GET.wireName())
        && method.equals(DelegationTokenOperation.GET.httpMethod())) {
      issue(token, request, response);
      return false;
    }
    if (op.equals(DelegationTokenOperation.RENEW.wireName())
        && method.equals(DelegationTokenOperation.RENEW.httpMethod())) {
      // Authenticated here rather than inside Hadoop's operation, as Hadoop would, so that refusals name the caller.
      AuthenticationToken renewer = authenticated(token, request, response);
      if (renewer == null) {
        return false;
      }
      String presented = request.getParameter(KerberosDelegationTokenAuthenticator.TOKEN_PARAM);
      if (presented != null) {
        try {
          // Hadoop's own decoding throws unchecked exceptions on hostile lengths (a 500); refuse those here.
          ScopedTokens.decode(presented);
        } catch (InvalidToken e) {
          refuse(request, response, renewer.getUserName(), "renew", HttpServletResponse.SC_BAD_REQUEST, e);
          return false;
        }
      }
      try {
        boolean proceed = super.managementOperation(renewer, request, response);
        auditRenewal(request, response, renewer);
        return proceed;
      } catch (AuthenticationException e) {
        // Hadoop wraps the secret manager's refusal, whose message says what to do; answer with that one.
        Throwable cause = e.getCause() instanceof IOException ? e.getCause() : e;
        refuse(request, response, renewer.getUserName(), "renew", HttpServletResponse.SC_FORBIDDEN, cause);
        return false;
      }
    }
    if (op.equals(DelegationTokenOperation.CANCEL.wireName())
        && method.equals(DelegationTokenOperation.CANCEL.httpMethod())) {
      return cancel(token, request, response);
    }
    return super.managementOperation(token, request, response);
  }

  /**
   * Hadoop cancels; it answers every failure with "Invalid delegation token, cannot cancel". The token is
   * checked first so that the answer can say what is wrong with it; what Hadoop then still refuses is the caller.
   */
  private boolean cancel(AuthenticationToken token, HttpServletRequest request, HttpServletResponse response)
      throws IOException, AuthenticationException {
    String presented = request.getParameter(KerberosDelegationTokenAuthenticator.TOKEN_PARAM);
    if (presented == null) {
      return super.managementOperation(token, request, response);
    }
    ScopedTokenIdentifier identifier;
    try {
      identifier = issuance.tokens().checkCancellable(ScopedTokens.decode(presented));
    } catch (TokenNotStoredException e) {
      // Nothing left to cancel: Hadoop's renewers (the YARN RM, dtutil) take a 404 as an idempotent cancel done.
      refuse(request, response, userOf(token), "cancel", HttpServletResponse.SC_NOT_FOUND, e);
      return false;
    } catch (InvalidToken e) {
      refuse(request, response, userOf(token), "cancel", HttpServletResponse.SC_FORBIDDEN, e);
      return false;
    }
    // Hadoop lets whoever holds a token cancel it as its owner without authenticating. A caller that does send
    // credentials is authenticated, so that Hadoop checks (and the refusals later name) who really cancelled.
    AuthenticationToken caller = token;
    if (caller == null && request.getHeader("Authorization") != null) {
      caller = authenticated(null, request, response);
      if (caller == null) {
        return false;
      }
    }
    AuthenticationToken canceller = caller;
    String owner = identifier.getOwner().toString();
    String renewer = identifier.getRenewer().toString();
    HttpServletResponseWrapper refusalsWithReason = new HttpServletResponseWrapper(response) {
      @Override
      public void sendError(int status, String hadoopMessage) throws IOException {
        refuse(request, response, userOf(canceller), "cancel", HttpServletResponse.SC_FORBIDDEN,
            new AccessControlException("delegation token " + identifier.getSequenceNumber() + " may be cancelled"
                + " only by its owner " + owner + " or its renewer " + renewer + "; authenticate as one of them"));
      }
    };
    boolean proceed = super.managementOperation(canceller, request, refusalsWithReason);
    if (response.getStatus() == HttpServletResponse.SC_OK) {
      audit.record(AuditEvent.tokenCancelled(caller(request, userOf(canceller)),
          identifier.getSequenceNumber()));
    }
    return proceed;
  }

  /** The audit line of a renewal Hadoop answered with 200: who renewed which token, and its new expiry. */
  private void auditRenewal(HttpServletRequest request, HttpServletResponse response, AuthenticationToken renewer) {
    if (response.getStatus() != HttpServletResponse.SC_OK) {
      return;
    }
    try {
      VerifiedToken renewed = issuance.tokens().verify(ScopedTokens.decode(
          request.getParameter(KerberosDelegationTokenAuthenticator.TOKEN_PARAM)));
      audit.record(AuditEvent.tokenRenewed(caller(request, renewer.getUserName()),
          renewed.identifier().getSequenceNumber(), renewed.expiry()));
    } catch (InvalidToken e) {
      // Renewed a moment ago, so only a cancel in between gets here; the cancel leaves its own line.
    }
  }

  /**
   * The caller the filter found (by its cookie), else the one the schemes authenticate now; null when they did not,
   * and then the answer is complete: a refusal already written, or the scheme's 401 challenge, sent here as an
   * error as hadoop-auth's filter sends its own (the filter leaves a declined management operation alone), so that
   * it carries a message.
   */
  private AuthenticationToken authenticated(AuthenticationToken cookie, HttpServletRequest request,
      HttpServletResponse response) throws IOException, AuthenticationException {
    if (cookie != null) {
      return cookie;
    }
    AuthenticationToken caller = authenticate(request, response);
    if (caller == null && !response.isCommitted()) {
      response.sendError(response.getStatus());
    }
    return caller;
  }

  private void issue(AuthenticationToken cookie, HttpServletRequest request, HttpServletResponse response)
      throws IOException, AuthenticationException {
    AuthenticationToken caller = authenticated(cookie, request, response);
    if (caller == null) {
      return;
    }
    try {
      DelegationTokenIssuance.Issued issued = issuance.issue(new DelegationTokenIssuance.Asked(
          caller.getUserName(), caller.getName(), lakeFSKey(request), request.getParameter(ServiceApi.REPOSITORIES),
          request.getParameter(ServiceApi.ACCESS),
          request.getParameter(KerberosDelegationTokenAuthenticator.RENEWER_PARAM),
          Optional.ofNullable(request.getParameter(KerberosDelegationTokenAuthenticator.SERVICE_PARAM)),
          doAs(request), request.getRemoteAddr()));
      ScopedTokenIdentifier identifier = issuance.tokens().identifier(issued.token());
      writeToken(response, issued.token());
      audit.record(AuditEvent.tokenIssued(caller(request, issued.owner()), issued.realUser(),
          identifier.getSequenceNumber(), identifier.getRenewer().toString(), identifier.scope().repositories(),
          identifier.scope().access().wireName(),
          identifier.scope().grants().stream().map(Grant::toString).collect(Collectors.toList()),
          Instant.ofEpochMilli(identifier.getMaxDate())));
    } catch (Refusal refusal) {
      Json.retryAfter(response, refusal);
      refuse(request, response, caller.getUserName(), "get-token", refusal.status(), remoteException(refusal));
    }
  }

  /**
   * The exception a Hadoop client rebuilds from the refusal: what the caller must change in the request, what it
   * may not do, or (too many tokens) a wait.
   */
  private static Exception remoteException(Refusal refusal) {
    return switch (refusal.status()) {
      case HttpServletResponse.SC_BAD_REQUEST, HttpServletResponse.SC_NOT_FOUND ->
          new IllegalArgumentException(refusal.getMessage());
      case 429 -> new IOException(refusal.getMessage());
      default -> new AccessControlException(refusal.getMessage());
    };
  }

  /** Hadoop's {@code doAs} parameter (any case, as hadoop-auth reads it), or null. */
  private static String doAs(HttpServletRequest request) {
    return request.getParameterMap().keySet().stream().filter(name -> name.equalsIgnoreCase(ServiceApi.DO_AS_PARAMETER)).findFirst()
        .map(request::getParameter).filter(value -> !value.isBlank()).orElse(null);
  }

  /** The lakeFS key: the dedicated header, else the Authorization header when it holds HTTP Basic. */
  private static String lakeFSKey(HttpServletRequest request) {
    String dedicated = request.getHeader(ServiceApi.LAKEFS_AUTHORIZATION_HEADER);
    if (dedicated != null && !dedicated.isBlank()) {
      return dedicated;
    }
    String authorization = request.getHeader("Authorization");
    return authorization != null && authorization.trim().regionMatches(true, 0, "Basic ", 0, 6) ? authorization : null;
  }

  private static void writeToken(HttpServletResponse response, Token<?> token) throws IOException {
    Map<String, Object> json = Map.of(KerberosDelegationTokenAuthenticator.DELEGATION_TOKEN_JSON,
        Map.of(KerberosDelegationTokenAuthenticator.DELEGATION_TOKEN_URL_STRING_JSON, token.encodeToUrlString()));
    Json.write(response, HttpServletResponse.SC_OK, json);
  }

  /** The token a caller presents to authenticate, as Hadoop's clients send it (header or query parameter). */
  static String presentedToken(HttpServletRequest request) {
    String header = request.getHeader(DelegationTokenAuthenticator.DELEGATION_TOKEN_HEADER);
    return header != null ? header : request.getParameter(DelegationTokenAuthenticator.DELEGATION_PARAM);
  }

  private static String userOf(AuthenticationToken token) {
    return token == null ? "-" : token.getUserName();
  }

  private static AuditEvent.Caller caller(HttpServletRequest request, String user) {
    String authorization = request.getHeader("Authorization");
    String method = authorization == null || authorization.isBlank() ? "cookie"
        : authorization.trim().split(" ", 2)[0].toLowerCase(Locale.ROOT);
    return new AuditEvent.Caller(user, method, request.getRemoteAddr());
  }

  /** Audits a refusal and answers it as Hadoop's RemoteException JSON. */
  private void refuse(HttpServletRequest request, HttpServletResponse response, String user, String action,
      int status, Throwable exception) throws IOException {
    audit.record(AuditEvent.denied(caller(request, user), action, status, exception.getMessage()));
    HttpExceptionUtils.createServletExceptionResponse(response, status, exception);
    response.flushBuffer();
  }
}
