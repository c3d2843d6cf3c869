package io.lakefs.sts.service;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.PrivilegedExceptionAction;
import java.util.Base64;
import org.apache.hadoop.security.UserGroupInformation;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.GSSName;
import org.ietf.jgss.Oid;

/**
 * A SPNEGO authentication sent by hand, for what Hadoop's client hides: Java's HttpURLConnection drops HttpOnly
 * cookies from the headers it shows, so the hadoop.auth cookie's attributes can only be seen this way.
 */
final class Spnego {
  private static final String SPNEGO_OID = "1.3.6.1.5.5.2";

  private Spnego() {
  }

  /** The Set-Cookie header of hadoop.auth that the service at {@code endpoint} sends {@code user}. */
  static String cookieHeader(UserGroupInformation user, URI endpoint) throws Exception {
    byte[] ticket = user.doAs((PrivilegedExceptionAction<byte[]>) () -> {
      GSSManager gss = GSSManager.getInstance();
      GSSContext context = gss.createContext(gss.createName("HTTP@" + endpoint.getHost(), GSSName.NT_HOSTBASED_SERVICE),
          new Oid(SPNEGO_OID), null, GSSContext.DEFAULT_LIFETIME);
      try {
        return context.initSecContext(new byte[0], 0, 0);
      } finally {
        context.dispose();
      }
    });
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            endpoint.resolve("/api/v1/credentials"))
        .header("Authorization", "Negotiate " + Base64.getEncoder().encodeToString(ticket)).build(),
        HttpResponse.BodyHandlers.ofString());
    return response.headers().allValues("Set-Cookie").stream().filter(value -> value.startsWith("hadoop.auth=\""))
        .findFirst().orElseThrow(() -> new AssertionError("no hadoop.auth cookie: " + response.headers().map()));
  }

  /** The cookie as a client sends it back: name and value. */
  static String cookie(String setCookieHeader) {
    return setCookieHeader.split(";", 2)[0];
  }
}
