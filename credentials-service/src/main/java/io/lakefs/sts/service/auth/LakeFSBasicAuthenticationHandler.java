package io.lakefs.sts.service.auth;

import io.lakefs.sts.service.audit.AuditEvent;
import io.lakefs.sts.service.audit.AuditLog;
import io.lakefs.sts.service.http.Json;
import io.lakefs.sts.service.lakefs.CachingLakeFSClient;
import io.lakefs.sts.service.lakefs.LakeFSAuthenticationException;
import io.lakefs.sts.service.lakefs.LakeFSSettings;
import io.lakefs.sts.service.lakefs.LakeFSUnavailableException;
import io.lakefs.sts.service.lakefs.LakeFSUser;
import java.io.IOException;
import java.time.Clock;
import java.util.Properties;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.apache.hadoop.security.authentication.client.AuthenticationException;
import org.apache.hadoop.security.authentication.server.AuthenticationHandler;
import org.apache.hadoop.security.authentication.server.AuthenticationToken;

/**
 * hadoop-auth handler for the HTTP Basic scheme: the user name and password are a lakeFS access key id and
 * secret, checked by asking lakeFS who they belong to. hadoop-auth creates handlers by reflection, so this
 * one builds its lakeFS client from the filter's properties ({@code lakefs.*}, see LakeFSKeys).
 *
 * <p>A refusal is written here, as JSON with the status that fits (401 for credentials lakeFS rejects, 503
 * while lakeFS cannot be reached), and then signalled with an exception: hadoop-auth's multi-scheme handler
 * cannot take a null answer from a scheme handler, and its filter leaves a committed response alone.
 */
public final class LakeFSBasicAuthenticationHandler implements AuthenticationHandler {
  public static final String TYPE = "lakefs-basic";
  private CachingLakeFSClient lakeFS;
  private final AuditLog audit = new AuditLog(Clock.systemUTC());

  @Override
  public String getType() {
    return TYPE;
  }

  @Override
  public void init(Properties config) {
    lakeFS = new CachingLakeFSClient(LakeFSSettings.fromProperties(config));
  }

  @Override
  public void destroy() {
    if (lakeFS != null) {
      lakeFS.close();
    }
  }

  @Override
  public boolean managementOperation(AuthenticationToken token, HttpServletRequest request,
      HttpServletResponse response) {
    return true;
  }

  @Override
  public AuthenticationToken authenticate(HttpServletRequest request, HttpServletResponse response)
      throws IOException, AuthenticationException {
    try {
      LakeFSUser user = lakeFS.authenticate(request.getHeader("Authorization"));
      return new AuthenticationToken(user.id(), user.id(), TYPE);
    } catch (LakeFSAuthenticationException e) {
      response.setHeader("WWW-Authenticate", "Basic realm=\"lakeFS\"");
      throw refuse(request, response, HttpServletResponse.SC_UNAUTHORIZED, e.getMessage());
    } catch (LakeFSUnavailableException e) {
      response.setHeader("Retry-After", "10");
      throw refuse(request, response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, e.getMessage());
    }
  }

  private AuthenticationException refuse(HttpServletRequest request, HttpServletResponse response, int status,
      String message) throws IOException {
    audit.record(AuditEvent.denied(new AuditEvent.Caller("-", "basic", request.getRemoteAddr()), "authenticate",
        status, message));
    Json.write(response, status, Json.message(message));
    response.flushBuffer();
    return new AuthenticationException(message);
  }
}
