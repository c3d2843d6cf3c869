package io.lakefs.sts.service.http;

import java.io.IOException;
import java.util.Map;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** {@code GET /health}: 200 while the service runs, saying whether issuing STS credentials is enabled. */
public final class HealthServlet extends HttpServlet {
  private final boolean stsEnabled;

  public HealthServlet(boolean stsEnabled) {
    this.stsEnabled = stsEnabled;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Json.write(response, 200, Map.of("status", "ok", "sts_credentials", stsEnabled ? "enabled" : "disabled"));
  }
}
