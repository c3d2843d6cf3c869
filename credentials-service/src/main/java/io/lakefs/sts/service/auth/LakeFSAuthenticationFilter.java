package io.lakefs.sts.service.auth;

import javax.servlet.FilterConfig;
import javax.servlet.ServletException;
import org.apache.hadoop.security.SaslRpcServer;
import org.apache.hadoop.security.token.delegation.web.DelegationTokenAuthenticationFilter;

/**
 * hadoop-auth's delegation-token filter, told how callers authenticate. The stock filter only knows that
 * for its pseudo and Kerberos handlers and fails every request on a null method with the multi-scheme
 * handler we use. Hadoop's user model has SIMPLE, KERBEROS and TOKEN; a lakeFS key checked by lakeFS is
 * an identity established outside Hadoop, which is what SIMPLE means there.
 */
public final class LakeFSAuthenticationFilter extends DelegationTokenAuthenticationFilter {
  @Override
  public void init(FilterConfig filterConfig) throws ServletException {
    super.init(filterConfig);
    setHandlerAuthMethod(SaslRpcServer.AuthMethod.SIMPLE);
  }
}
