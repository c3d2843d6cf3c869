package io.lakefs.sts.service.auth;

import java.io.IOException;
import javax.servlet.FilterConfig;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import org.apache.hadoop.security.SaslRpcServer;
import org.apache.hadoop.security.authentication.client.AuthenticationException;
import org.apache.hadoop.security.authentication.server.AuthenticationToken;
import org.apache.hadoop.security.token.delegation.web.DelegationTokenAuthenticationFilter;

/**
 * hadoop-auth's delegation-token filter, told how callers authenticate and given what its handler needs to
 * issue scoped tokens. The stock filter only knows the auth method for its pseudo and Kerberos handlers and
 * fails every request on a null method with the multi-scheme handler we use. Hadoop's user model has SIMPLE,
 * KERBEROS and TOKEN; a lakeFS key checked by lakeFS is an identity established outside Hadoop, which is what
 * SIMPLE means there. The secret manager itself arrives through Hadoop's own context attribute
 * ({@link DelegationTokenAuthenticationFilter#DELEGATION_TOKEN_SECRET_MANAGER_ATTR}).
 *
 * <p>A {@code hadoop.auth} cookie never stands in for credentials the request presents.
 */
public final class LakeFSAuthenticationFilter extends DelegationTokenAuthenticationFilter {
  /**
   * Request attribute holding the user of a cookie that was set aside because the request presents credentials;
   * the handler refuses the request when those credentials are another user's.
   */
  static final String SET_ASIDE_COOKIE_USER_ATTRIBUTE = LakeFSAuthenticationFilter.class.getName() + ".cookieUser";

  @Override
  public void init(FilterConfig filterConfig) throws ServletException {
    super.init(filterConfig);
    setHandlerAuthMethod(SaslRpcServer.AuthMethod.SIMPLE);
    Object issuance = filterConfig.getServletContext().getAttribute(DelegationTokenIssuance.CONTEXT_ATTRIBUTE);
    if (!(issuance instanceof DelegationTokenIssuance)
        || !(getAuthenticationHandler() instanceof LakeFSDelegationTokenAuthenticationHandler)) {
      throw new ServletException("the authentication filter needs " + LakeFSDelegationTokenAuthenticationHandler.class
          .getSimpleName() + " and the servlet-context attribute " + DelegationTokenIssuance.CONTEXT_ATTRIBUTE
          + " (CredentialsService sets both)");
    }
    ((LakeFSDelegationTokenAuthenticationHandler) getAuthenticationHandler())
        .use((DelegationTokenIssuance) issuance);
  }

  @Override
  protected AuthenticationToken getToken(HttpServletRequest request) throws IOException, AuthenticationException {
    AuthenticationToken cookie = super.getToken(request);
    if (cookie == null) {
      return null;
    }
    if (LakeFSDelegationTokenAuthenticationHandler.presentsCredentials(request)) {
      request.setAttribute(SET_ASIDE_COOKIE_USER_ATTRIBUTE, cookie.getUserName());
      return null;
    }
    return cookie;
  }
}
