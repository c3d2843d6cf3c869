package io.lakefs.sts.service.http;

import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import javax.servlet.RequestDispatcher;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.apache.hadoop.security.AccessControlException;
import org.apache.hadoop.security.token.delegation.web.DelegationTokenAuthenticator;
import org.apache.hadoop.security.token.delegation.web.DelegationTokenAuthenticator.DelegationTokenOperation;
import org.apache.hadoop.util.HttpExceptionUtils;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Renders every error Jetty or hadoop-auth's filter sends with {@code sendError}, whatever the HTTP method: as
 * lakeFS does, {@code {"message": "..."}} with {@code Content-Type: application/json}, never an HTML page; a
 * refusal of a delegation-token operation ({@code op=GETDELEGATIONTOKEN|RENEWDELEGATIONTOKEN|CANCELDELEGATIONTOKEN})
 * other than a 401, as Hadoop's {@code RemoteException} JSON, like the refusals the service's handler writes
 * itself, so that Hadoop's clients rebuild the exception with the message.
 */
final class JsonErrorHandler extends ErrorHandler {
  /**
   * Jetty 9.4 renders error pages only for GET, POST and HEAD and answers any other method's {@code sendError}
   * with the status line alone, which is how renew and cancel (PUT) lost their messages.
   */
  @Override
  public boolean errorPageForMethod(String method) {
    return true;
  }

  @Override
  public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    int status = response.getStatus();
    Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
    // hadoop-auth's own 401 says only "Authentication required"; say how to authenticate instead.
    String text = message == null || message.toString().isBlank() || status == 401
        ? defaultMessage(status) : message.toString();
    if (status == 401 && offersNegotiate(response)) {
      text += ", or a Kerberos ticket (SPNEGO, e.g. curl --negotiate -u :)";
    }
    baseRequest.setHandled(true);
    // A 401 is {"message"} on every path, as the schemes' own refusals of a caller are (AuthenticationRefusals).
    if (status != 401 && isDelegationTokenOperation(request)) {
      HttpExceptionUtils.createServletExceptionResponse(response, status, remoteException(status, text));
    } else {
      Json.write(response, status, Json.message(text));
    }
  }

  /** As hadoop-auth's filter recognises one: by the {@code op} parameter, on any path it guards. */
  private static boolean isDelegationTokenOperation(HttpServletRequest request) {
    String op = request.getParameter(DelegationTokenAuthenticator.OP_PARAM);
    return op != null && Arrays.stream(DelegationTokenOperation.values())
        .anyMatch(operation -> operation.name().equals(op.toUpperCase(Locale.ROOT)));
  }

  /** The exception Hadoop's client rebuilds from the answer (it needs a constructor taking the message). */
  private static Exception remoteException(int status, String text) {
    return switch (status) {
      case 400 -> new IllegalArgumentException(text);
      case 403 -> new AccessControlException(text);
      default -> new IOException(text);
    };
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
