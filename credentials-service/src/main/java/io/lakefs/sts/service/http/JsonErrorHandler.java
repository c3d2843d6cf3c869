package io.lakefs.sts.service.http;

import java.io.IOException;
import javax.servlet.RequestDispatcher;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Renders every error Jetty or hadoop-auth's filter sends with {@code sendError} as lakeFS does:
 * {@code {"message": "..."}} with {@code Content-Type: application/json}, never an HTML page.
 */
final class JsonErrorHandler extends ErrorHandler {
  @Override
  public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
    // hadoop-auth's own 401 says only "Authentication required"; say how to authenticate instead.
    String text = message == null || message.toString().isBlank() || response.getStatus() == 401
        ? defaultMessage(response.getStatus()) : message.toString();
    if (response.getStatus() == 401 && offersNegotiate(response)) {
      text += ", or a Kerberos ticket (SPNEGO, e.g. curl --negotiate -u :)";
    }
    baseRequest.setHandled(true);
    Json.write(response, response.getStatus(), Json.message(text));
  }

  private static boolean offersNegotiate(HttpServletResponse response) {
    return response.getHeaders("WWW-Authenticate").stream().anyMatch(value -> value.startsWith("Negotiate"));
  }

  private static String defaultMessage(int status) {
    return switch (status) {
      case 401 -> "authentication required: send your lakeFS access key id and secret as HTTP Basic credentials";
      case 404 -> "no such endpoint";
      case 405 -> "method not allowed";
      default -> "HTTP " + status;
    };
  }
}
