package io.lakefs.sts.service.auth;

import io.lakefs.sts.service.audit.AuditEvent;
import io.lakefs.sts.service.audit.AuditLog;
import io.lakefs.sts.service.http.Json;
import io.lakefs.sts.service.issuance.Refusal;
import java.io.IOException;
import java.time.Clock;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.apache.hadoop.security.authentication.client.AuthenticationException;

/**
 * How a scheme handler refuses a caller: audited, answered as JSON with the refusal's status, and then
 * signalled with an exception. The answer is written (and committed) here because hadoop-auth's
 * multi-scheme handler cannot take a null answer from a scheme handler, and its filter leaves a committed
 * response alone. Handlers are created by reflection, so each holds its own instance.
 */
final class AuthenticationRefusals {
  private final AuditLog audit = AuditLog.onCallersThread(Clock.systemUTC());
  private final String scheme;

  /** @param scheme the scheme as the audit log names it, e.g. "basic" */
  AuthenticationRefusals(String scheme) {
    this.scheme = scheme;
  }

  AuthenticationException refuse(HttpServletRequest request, HttpServletResponse response, Refusal refusal,
      Throwable cause) throws IOException {
    audit.record(AuditEvent.denied(new AuditEvent.Caller("-", scheme, request.getRemoteAddr()), "authenticate",
        refusal.status(), refusal.getMessage()));
    Json.refuse(response, refusal);
    response.flushBuffer();
    return new AuthenticationException(refusal.getMessage(), cause);
  }
}
