package io.lakefs.sts.service.auth;

import io.lakefs.sts.service.issuance.Refusal;
import io.lakefs.sts.protocol.RefusalReason;
import io.lakefs.sts.service.lakefs.CachingLakeFSClient;
import io.lakefs.sts.service.lakefs.LakeFSAuthenticationException;
import io.lakefs.sts.service.lakefs.LakeFSSettings;
import io.lakefs.sts.service.lakefs.LakeFSUnavailableException;
import io.lakefs.sts.service.lakefs.LakeFSUser;
import java.io.IOException;
import java.util.Properties;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.apache.hadoop.security.authentication.client.AuthenticationException;
import org.apache.hadoop.security.authentication.server.AuthenticationHandler;
import org.apache.hadoop.security.authentication.server.AuthenticationToken;

/**
 * hadoop-auth handler for the HTTP Basic scheme: the user name and password are a lakeFS access key id and
 * secret, checked by asking lakeFS who they belong to. hadoop-auth creates handlers by reflection and hands them
 * the filter's properties: the service puts its own caching lakeFS client there ({@link #SHARED_LAKEFS}), so that
 * a key is looked up, remembered and forgotten in one place; without one, the handler builds a client of its own
 * from the properties ({@code lakefs.*}, see LakeFSKeys).
 *
 * <p>Refusals (401 for credentials lakeFS rejects, 403 for a user id hadoop-auth cannot carry, 503 while lakeFS
 * cannot be reached) are {@link Refusal}s, answered through {@link AuthenticationRefusals}.
 */
public final class LakeFSBasicAuthenticationHandler implements AuthenticationHandler {
  public static final String TYPE = "lakefs-basic";
  /**
   * Servlet-context attribute, and key of the filter's properties, holding the service's {@link CachingLakeFSClient};
   * the service owns it (this handler does not close it).
   */
  public static final String SHARED_LAKEFS = LakeFSBasicAuthenticationHandler.class.getName() + ".lakeFS";
  /** hadoop-auth's attribute separator, refused in a user name (AuthenticationToken throws on it). */
  private static final String UNCARRIABLE = "&";

  private CachingLakeFSClient lakeFS;
  private boolean ownsLakeFS;
  private final AuthenticationRefusals refusals = new AuthenticationRefusals("basic");

  @Override
  public String getType() {
    return TYPE;
  }

  @Override
  public void init(Properties config) {
    if (config.get(SHARED_LAKEFS) instanceof CachingLakeFSClient shared) {
      lakeFS = shared;
    } else {
      lakeFS = new CachingLakeFSClient(LakeFSSettings.fromProperties(config));
      ownsLakeFS = true;
    }
  }

  @Override
  public void destroy() {
    if (ownsLakeFS) {
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
      if (user.id().contains(UNCARRIABLE)) {
        throw refusals.refuse(request, response, new Refusal(RefusalReason.UNCARRIABLE_USER_ID, "lakeFS user id '"
            + user.id() + "' contains '" + UNCARRIABLE + "', which this service cannot carry as a user name"
            + " (hadoop-auth separates a caller's attributes with it); ask a lakeFS administrator for a user whose"
            + " id has no '" + UNCARRIABLE + "'"), null);
      }
      AuthenticationToken caller = new AuthenticationToken(user.id(), user.id(), TYPE);
      // No hadoop.auth cookie for a lakeFS key (an expiry of 0 tells the filter so): the key comes with every
      // request, and a cookie would keep working after the key was revoked or its secret changed.
      caller.setExpires(0);
      return caller;
    } catch (LakeFSAuthenticationException e) {
      response.setHeader("WWW-Authenticate", "Basic realm=\"lakeFS\"");
      throw refusals.refuse(request, response, Refusal.of(e), e);
    } catch (LakeFSUnavailableException e) {
      throw refusals.refuse(request, response, Refusal.of(e), e);
    }
  }
}
