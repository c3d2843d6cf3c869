package io.lakefs.sts.service.http;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.HttpServletResponseWrapper;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.HandlerWrapper;

/**
 * Answers 405 to a method the service does not serve, on every path and before authentication or any servlet
 * sees the request: {@code TRACE} would echo {@code Authorization} and {@code Cookie} back to the caller
 * (cross-site tracing), and the servlet API answers {@code PATCH}, WebDAV's and unknown methods with 501, a
 * server error for a client's mistake. OPTIONS stays: Hadoop's {@code KerberosAuthenticator} makes its SPNEGO
 * handshake with it.
 */
final class RefusedMethods extends HandlerWrapper {
  private static final List<String> SERVED = List.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS");
  /** Enough of an unknown method to recognise it in the message; it is the caller's text. */
  private static final int QUOTED_METHOD_CHARS = 40;

  @Override
  public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
      throws IOException, ServletException {
    String method = request.getMethod();
    if (!SERVED.contains(method)) {
      baseRequest.setHandled(true);
      response.setHeader("Allow", String.join(", ", SERVED));
      String quoted = method.length() > QUOTED_METHOD_CHARS ? method.substring(0, QUOTED_METHOD_CHARS) + "..." : method;
      Json.write(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, Json.message("method " + quoted
          + " is not allowed here; the service answers " + String.join(", ", SERVED)));
      return;
    }
    super.handle(target, baseRequest, request, method.equals("OPTIONS") ? allowingServedOnly(response) : response);
  }

  /** The servlet API's OPTIONS answer lists TRACE among the allowed methods; this one leaves it out. */
  private static HttpServletResponse allowingServedOnly(HttpServletResponse response) {
    return new HttpServletResponseWrapper(response) {
      @Override
      public void setHeader(String name, String value) {
        super.setHeader(name, name.equalsIgnoreCase("Allow") ? served(value) : value);
      }
    };
  }

  private static String served(String allow) {
    return Arrays.stream(allow.split(",")).map(String::trim).filter(SERVED::contains).collect(Collectors.joining(", "));
  }
}
