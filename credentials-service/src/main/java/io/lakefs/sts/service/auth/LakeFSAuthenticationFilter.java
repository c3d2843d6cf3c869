package io.lakefs.sts.service.auth;

import io.lakefs.sts.protocol.ServiceApi;
import java.io.IOException;
import java.util.Arrays;
import java.util.Properties;
import java.util.stream.Collectors;
import javax.servlet.FilterChain;
import javax.servlet.FilterConfig;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletRequestWrapper;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.HttpServletResponseWrapper;
import org.apache.hadoop.security.SaslRpcServer;
import org.apache.hadoop.security.authentication.client.AuthenticatedURL;
import org.apache.hadoop.security.authentication.client.AuthenticationException;
import org.apache.hadoop.security.authentication.server.AuthenticationToken;
import org.apache.hadoop.security.authentication.server.KerberosAuthenticationHandler;
import org.apache.hadoop.security.token.delegation.web.DelegationTokenAuthenticationFilter;
import org.apache.hadoop.security.token.delegation.web.KerberosDelegationTokenAuthenticator;

/**
 * hadoop-auth's delegation-token filter, told how callers authenticate and given what its handler needs to
 * issue scoped tokens. The stock filter only knows the auth method for its pseudo and Kerberos handlers and
 * fails every request on a null method with the multi-scheme handler we use. Hadoop's user model has SIMPLE,
 * KERBEROS and TOKEN; a lakeFS key checked by lakeFS is an identity established outside Hadoop, which is what
 * SIMPLE means there. The secret manager itself arrives through Hadoop's own context attribute
 * ({@link DelegationTokenAuthenticationFilter#DELEGATION_TOKEN_SECRET_MANAGER_ATTR}).
 *
 * <p>The {@code hadoop.auth} cookie is a Kerberos caller's only: it lets one SPNEGO handshake serve the call
 * that follows, as Hadoop's clients expect. A lakeFS key is sent on every request anyway, so no cookie is made
 * for it (one would outlive a revoked key); a cookie never stands in for credentials the request presents; and
 * the cookie is {@code SameSite=Strict} (and {@code Secure} over TLS, as hadoop-auth makes it).
 */
public final class LakeFSAuthenticationFilter extends DelegationTokenAuthenticationFilter {
  /**
   * Request attribute holding the user of a cookie that was set aside because the request presents credentials;
   * the handler refuses the request when those credentials are another user's.
   */
  static final String SET_ASIDE_COOKIE_USER_ATTRIBUTE = LakeFSAuthenticationFilter.class.getName() + ".cookieUser";
  private static final String SAME_SITE = "; SameSite=Strict";

  @Override
  public void init(FilterConfig filterConfig) throws ServletException {
    super.init(filterConfig);
    setHandlerAuthMethod(SaslRpcServer.AuthMethod.SIMPLE);
    Object endpoint = filterConfig.getServletContext().getAttribute(DelegationTokenEndpoint.CONTEXT_ATTRIBUTE);
    if (!(endpoint instanceof DelegationTokenEndpoint)
        || !(getAuthenticationHandler() instanceof LakeFSDelegationTokenAuthenticationHandler)) {
      throw new ServletException("the authentication filter needs " + LakeFSDelegationTokenAuthenticationHandler.class
          .getSimpleName() + " and the servlet-context attribute " + DelegationTokenEndpoint.CONTEXT_ATTRIBUTE
          + " (CredentialsService sets both)");
    }
    ((LakeFSDelegationTokenAuthenticationHandler) getAuthenticationHandler())
        .use((DelegationTokenEndpoint) endpoint);
  }

  /**
   * hadoop-auth's properties, plus the service's lakeFS client for the Basic handler when the service set one
   * ({@link LakeFSBasicAuthenticationHandler#SHARED_LAKEFS}): hadoop-auth hands handlers these properties only.
   */
  @Override
  protected Properties getConfiguration(String configPrefix, FilterConfig filterConfig) throws ServletException {
    Properties config = super.getConfiguration(configPrefix, filterConfig);
    Object lakeFS = filterConfig.getServletContext().getAttribute(LakeFSBasicAuthenticationHandler.SHARED_LAKEFS);
    if (lakeFS != null) {
      config.put(LakeFSBasicAuthenticationHandler.SHARED_LAKEFS, lakeFS);
    }
    return config;
  }

  @Override
  protected AuthenticationToken getToken(HttpServletRequest request) throws IOException, AuthenticationException {
    AuthenticationToken cookie = super.getToken(request);
    if (cookie == null || !cookie.getType().equals(KerberosAuthenticationHandler.TYPE)) {
      return null;
    }
    if (LakeFSDelegationTokenAuthenticationHandler.presentsCredentials(request)) {
      request.setAttribute(SET_ASIDE_COOKIE_USER_ATTRIBUTE, cookie.getUserName());
      return null;
    }
    return cookie;
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    super.doFilter(request, new HttpServletResponseWrapper((HttpServletResponse) response) {
      @Override
      public void addHeader(String name, String value) {
        boolean authCookie = name.equalsIgnoreCase("Set-Cookie") && value.startsWith(AuthenticatedURL.AUTH_COOKIE + "=");
        super.addHeader(name, authCookie ? value + SAME_SITE : value);
      }
    }, chain);
  }

  /**
   * The SPNEGO handshake Hadoop's client makes before GETDELEGATIONTOKEN (an OPTIONS request with the same query)
   * passes without its {@code doAs}: hadoop-auth would decide it here with its process-wide proxy-user rules and
   * answer a bare "Forbidden" that Hadoop's client cannot show. The token request itself decides {@code doAs},
   * with the service's {@code lakefs.sts.proxyuser.*} rules, and its refusal names the rule.
   */
  @Override
  protected void doFilter(FilterChain filterChain, HttpServletRequest request, HttpServletResponse response)
      throws IOException, ServletException {
    boolean handshake = "OPTIONS".equals(request.getMethod()) && "GETDELEGATIONTOKEN".equalsIgnoreCase(
        request.getParameter(KerberosDelegationTokenAuthenticator.OP_PARAM));
    super.doFilter(filterChain, handshake ? withoutDoAs(request) : request, response);
  }

  private static HttpServletRequest withoutDoAs(HttpServletRequest request) {
    String query = request.getQueryString();
    if (query == null) {
      return request;
    }
    String kept = Arrays.stream(query.split("&"))
        .filter(pair -> !pair.split("=", 2)[0].equalsIgnoreCase(ServiceApi.DO_AS_PARAMETER))
        .collect(Collectors.joining("&"));
    return new HttpServletRequestWrapper(request) {
      @Override
      public String getQueryString() {
        return kept;
      }
    };
  }
}
