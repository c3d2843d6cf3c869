package io.lakefs.sts.localaws.sts;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.lakefs.sts.localaws.iam.RoleSession;
import io.lakefs.sts.localaws.sigv4.SignedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers AWS Query-protocol calls to STS (POST form body, or GET query parameters) for the actions
 * AssumeRole and GetCallerIdentity, and logs one line per call. Secrets, session tokens and signatures are
 * never logged.
 */
final class StsHandler implements HttpHandler {
  private static final Logger LOG = LoggerFactory.getLogger(StsServer.class);
  static final String API_VERSION = "2011-06-15";
  /** Far above any valid AssumeRole (2 KB policy, 50 tags); a guard against runaway clients. */
  static final int MAX_BODY_BYTES = 1 << 20;

  private final StsAuthenticator authenticator;
  private final AssumeRoleAction assumeRole;
  private final StsFaults faults;

  StsHandler(StsAuthenticator authenticator, AssumeRoleAction assumeRole, StsFaults faults) {
    this.authenticator = authenticator;
    this.assumeRole = assumeRole;
    this.faults = faults;
  }

  /** What the log line says about one call; filled in as the call is understood. */
  private static final class Call {
    String action = "-";
    String callerArn = "-";
    String roleArn = "-";
    String sessionName = "-";
    String issuedAccessKeyId = "-";
    String outcome = "OK";
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    String requestId = UUID.randomUUID().toString();
    Call call = new Call();
    int status = 200;
    String body;
    try {
      body = answer(exchange, call, requestId);
    } catch (StsError e) {
      status = e.status();
      call.outcome = e.code();
      body = StsXml.errorResponse(e, requestId);
    } catch (RuntimeException e) {
      LOG.warn("STS request {} failed unexpectedly", requestId, e);
      StsError internal = new StsError(500, "InternalFailure", "The request processing has failed because of an"
          + " unknown error, exception or failure. See the local-aws log for request " + requestId + ".");
      status = internal.status();
      call.outcome = internal.code();
      body = StsXml.errorResponse(internal, requestId);
    }
    pause(faults.settings().delay());
    // Logged before answering, so whoever sees the answer can also find its log line.
    LOG.info("STS {} caller={} role={} session={} outcome={} issuedAccessKeyId={} status={} requestId={}",
        call.action, call.callerArn, call.roleArn, call.sessionName, call.outcome, call.issuedAccessKeyId, status,
        requestId);
    send(exchange, status, body, requestId);
  }

  private String answer(HttpExchange exchange, Call call, String requestId) throws IOException, StsError {
    byte[] body = readBody(exchange);
    if (faults.settings().down()) {
      throw new StsError(503, "ServiceUnavailable", "The request has failed due to a temporary failure of the"
          + " server. (local-aws: STS is marked down through /_admin/faults.)");
    }
    String method = exchange.getRequestMethod();
    if (!method.equals("POST") && !method.equals("GET")) {
      throw new StsError(405, "MethodNotAllowed", "STS accepts POST with a form body or GET with query"
          + " parameters, not " + method);
    }
    String rawPath = exchange.getRequestURI().getRawPath();
    if (!"/".equals(rawPath)) {
      throw new StsError(404, "NotFound", "local-aws serves the STS Query API at '/', and fault knobs at "
          + StsServer.ADMIN_FAULTS_PATH + "; there is nothing at '" + rawPath + "'");
    }
    Map<String, String> parameters = parameters(exchange, method, body);
    call.action = parameters.getOrDefault("Action", "-");
    checkOperation(parameters);

    if (faults.nextCallThrottled()) {
      throw new StsError(400, "Throttling", "Rate exceeded");
    }
    String securityToken = exchange.getRequestHeaders().getFirst("X-Amz-Security-Token");
    if (securityToken == null) {
      securityToken = FormParameters.parse(exchange.getRequestURI().getRawQuery()).get("X-Amz-Security-Token");
    }
    SignedRequest signed = new SignedRequest(method, rawPath, exchange.getRequestURI().getRawQuery(),
        exchange.getRequestHeaders());
    Caller caller = authenticator.authenticate(signed, securityToken, sha256Hex(body));
    call.callerArn = caller.arn();
    if (faults.settings().regionDisabled()) {
      throw new StsError(403, "RegionDisabledException", "STS is not activated in this region for account:"
          + caller.accountId() + ". Your account administrator can activate STS in this region using the IAM"
          + " Console.");
    }

    if (call.action.equals("GetCallerIdentity")) {
      return StsXml.getCallerIdentityResponse(caller, requestId);
    }
    call.roleArn = parameters.getOrDefault("RoleArn", "-");
    call.sessionName = parameters.getOrDefault("RoleSessionName", "-");
    AssumeRoleAction.Result result = assumeRole.run(caller, AssumeRoleRequest.parse(parameters));
    RoleSession session = result.session();
    call.issuedAccessKeyId = session.accessKeyId();
    return StsXml.assumeRoleResponse(session, result.packedPolicySize(), requestId);
  }

  /** Query parameters (minus presigned-URL auth), then the form body of a POST. */
  private static Map<String, String> parameters(HttpExchange exchange, String method, byte[] body) throws StsError {
    Map<String, String> parameters = new LinkedHashMap<>(FormParameters.parse(exchange.getRequestURI().getRawQuery()));
    parameters.keySet().removeAll(SignedRequest.PRESIGN_PARAMETERS);
    if (method.equals("POST") && body.length > 0) {
      String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
      if (contentType == null
          || !contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
        throw new StsError(400, "InvalidParameterValue", "STS reads a POST body as"
            + " application/x-www-form-urlencoded; the request said Content-Type: " + contentType);
      }
      FormParameters.parse(new String(body, StandardCharsets.UTF_8)).forEach(parameters::putIfAbsent);
    }
    return parameters;
  }

  private static void checkOperation(Map<String, String> parameters) throws StsError {
    String action = parameters.get("Action");
    if (action == null || action.isEmpty()) {
      throw new StsError(400, "MissingAction", "The request must contain the parameter Action, e.g."
          + " Action=GetCallerIdentity&Version=" + API_VERSION);
    }
    String version = parameters.get("Version");
    if (version == null || version.isEmpty()) {
      throw new StsError(400, "InvalidAction", "Could not find operation " + action
          + " for version NO_VERSION_SPECIFIED");
    }
    if (!version.equals(API_VERSION) || !(action.equals("AssumeRole") || action.equals("GetCallerIdentity"))) {
      throw new StsError(400, "InvalidAction", "Could not find operation " + action + " for version " + version
          + (version.equals(API_VERSION) ? " (local-aws implements AssumeRole and GetCallerIdentity)" : ""));
    }
  }

  private static byte[] readBody(HttpExchange exchange) throws IOException, StsError {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
      if (body.length > MAX_BODY_BYTES) {
        throw new StsError(413, "RequestEntityTooLarge", "The request body is larger than " + MAX_BODY_BYTES
            + " bytes");
      }
      return body;
    }
  }

  private static void send(HttpExchange exchange, int status, String body, String requestId) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/xml");
    exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static void pause(Duration delay) {
    if (delay.isZero()) {
      return;
    }
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      // Closing the server interrupts workers; answer right away instead of finishing the delay.
      Thread.currentThread().interrupt();
    }
  }

  private static String sha256Hex(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
