package io.lakefs.sts.service.http;

import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.HandlerWrapper;

/**
 * Answers 405 to a method the service does not serve, on every path and before authentication or any servlet
 * sees the request: {@code TRACE} would echo {@code Authorization} and {@code Cookie} back to the caller
 * (cross-site tracing).
 */
final class RefusedMethods extends HandlerWrapper {
  private static final Set<String> REFUSED = Set.of("TRACE");

  @Override
  public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
      throws IOException, ServletException {
    String method = request.getMethod();
    if (REFUSED.contains(method.toUpperCase(Locale.ROOT))) {
      baseRequest.setHandled(true);
      Json.write(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED,
          Json.message("method " + method + " is not allowed here; the service answers GET, HEAD, POST, PUT and DELETE"));
      return;
    }
    super.handle(target, baseRequest, request, response);
  }
}
