package io.lakefs.sts.service.auth;

import io.lakefs.sts.service.issuance.Refusal;
import io.lakefs.sts.protocol.RefusalReason;
import java.io.IOException;
import java.util.Properties;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.apache.hadoop.security.authentication.client.AuthenticationException;
import org.apache.hadoop.security.authentication.server.AuthenticationToken;
import org.apache.hadoop.security.authentication.server.KerberosAuthenticationHandler;

/**
 * hadoop-auth's SPNEGO handler for the Negotiate scheme, with refusals the caller can act on. The stock
 * handler lets its filter answer a token it cannot accept with a 403 whose message is the bare GSS or
 * decoding exception; this one answers it in JSON, says what to check, and audits it as the Basic handler
 * does. The caller's principal becomes the user id through {@code kerberos.name.rules}.
 */
public final class LakeFSKerberosAuthenticationHandler extends KerberosAuthenticationHandler {
  private final AuthenticationRefusals refusals = new AuthenticationRefusals("negotiate");
  private String servicePrincipal;

  @Override
  public void init(Properties config) throws ServletException {
    super.init(config);
    servicePrincipal = config.getProperty(PRINCIPAL);
  }

  @Override
  public AuthenticationToken authenticate(HttpServletRequest request, HttpServletResponse response)
      throws IOException, AuthenticationException {
    try {
      return super.authenticate(request, response);
    } catch (AuthenticationException e) {
      String message = "the Kerberos (SPNEGO) token was not accepted (" + e.getMessage() + "); get a ticket"
          + " (kinit or a keytab login) in a realm this service trusts and ask for its principal " + servicePrincipal;
      throw refusals.refuse(request, response, new Refusal(RefusalReason.KERBEROS_REFUSED, message), e);
    }
  }
}
