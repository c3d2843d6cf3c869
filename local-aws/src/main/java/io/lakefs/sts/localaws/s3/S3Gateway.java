package io.lakefs.sts.localaws.s3;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.lakefs.sts.localaws.iam.IamUser;
import io.lakefs.sts.localaws.iam.PolicyDocument;
import io.lakefs.sts.localaws.iam.PrincipalDirectory;
import io.lakefs.sts.localaws.iam.RoleSession;
import io.lakefs.sts.localaws.sigv4.SigV4Exception;
import io.lakefs.sts.localaws.sigv4.SigV4Verifier;
import io.lakefs.sts.localaws.sigv4.SignedRequest;
import io.lakefs.sts.localaws.sigv4.SigningScope;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The S3 endpoint clients talk to. It does what AWS's request layer does before storage sees a
 * request: verifies the SigV4 signature with the caller's secret (temporary or long-term), checks the
 * session token and its expiry, authorizes the operation against the role's permission policy and the
 * session policy, and writes the access log; then it forwards the request to the S3Proxy storage back
 * end, which serves the S3 semantics.
 */
public final class S3Gateway implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(S3Gateway.class);

  /** Not forwarded: authentication is done here, and java.net.http sets framing headers itself. */
  private static final Set<String> REQUEST_HEADERS_NOT_FORWARDED = Set.of("authorization", "x-amz-security-token",
      "host", "content-length", "expect", "connection", "upgrade", "transfer-encoding", "keep-alive");
  private static final Set<String> RESPONSE_HEADERS_NOT_COPIED = Set.of("content-length", "transfer-encoding",
      "connection", "date", "keep-alive");

  private final PrincipalDirectory principals;
  private final SigV4Verifier verifier;
  private final S3RequestClassifier classifier = new S3RequestClassifier();
  private final AccessLog accessLog;
  private final URI backend;
  private final Clock clock;
  private final HttpClient http;
  private final ExecutorService workers;
  private final HttpServer server;
  private final SseKms kms;

  /**
   * @param region and {@code accountId}: where KMS key ids that are not ARNs live
   */
  public S3Gateway(InetSocketAddress address, URI backend, PrincipalDirectory principals, AccessLog accessLog,
      Clock clock, String region, String accountId) throws IOException {
    this.principals = principals;
    this.verifier = new SigV4Verifier(clock, Duration.ofMinutes(15), false);
    this.accessLog = accessLog;
    this.backend = backend;
    this.clock = clock;
    this.workers = Executors.newFixedThreadPool(32, runnable -> {
      Thread thread = new Thread(runnable, "s3-gateway");
      thread.setDaemon(true);
      return thread;
    });
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER).executor(workers).build();
    this.kms = new SseKms(region, accountId, backend, http);
    this.server = HttpServer.create(address, 128);
    server.setExecutor(workers);
    server.createContext("/", this::handle);
  }

  public void start() {
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(1);
    workers.shutdownNow();
  }

  /** Who is asking, as far as authorization and the access log are concerned. */
  private record Caller(String accessKeyId, String arn, Optional<RoleSession> session) {
  }

  /**
   * What the access log says about one request, filled in as it is understood, and written once its status
   * is decided, just before the status goes out: a client that has its answer also finds the log line.
   */
  private final class AccessRecord {
    final String requestId = UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase(Locale.ROOT);
    final HttpExchange exchange;
    Optional<Caller> caller = Optional.empty();
    S3Operation operation;
    private boolean written;

    AccessRecord(HttpExchange exchange) {
      this.exchange = exchange;
    }

    void write(int status, String errorCode) {
      if (written) {
        return;
      }
      written = true;
      Optional<RoleSession> session = caller.flatMap(Caller::session);
      // Requests refused before they were understood still name the bucket and key they were aimed at.
      String[] path = exchange.getRequestURI().getRawPath().split("/", 3);
      String bucket = operation != null ? operation.bucket() : path.length > 1 ? path[1] : null;
      String key = operation != null ? operation.key()
          : path.length > 2 ? URLDecoder.decode(path[2], StandardCharsets.UTF_8) : null;
      accessLog.write(new AccessLog.Entry(clock.instant().toString(), requestId,
          exchange.getRemoteAddress().getAddress().getHostAddress(),
          caller.map(Caller::arn).orElse("-"), caller.map(Caller::accessKeyId).orElse("-"),
          session.map(RoleSession::sessionName).orElse("-"),
          session.flatMap(RoleSession::sourceIdentity).orElse("-"),
          session.map(RoleSession::tags).orElse(Map.of()),
          operation != null ? operation.name() : "REST." + exchange.getRequestMethod() + ".UNKNOWN",
          bucket, key, status, errorCode));
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    AccessRecord record = new AccessRecord(exchange);
    URI uri = exchange.getRequestURI();
    String method = exchange.getRequestMethod();
    try (exchange) {
      exchange.getResponseHeaders().set("x-amz-request-id", record.requestId);
      try {
        SignedRequest request = new SignedRequest(method, uri.getRawPath(), uri.getRawQuery(),
            exchange.getRequestHeaders());
        Map<String, List<String>> query = queryParameters(request);
        record.caller = Optional.of(authenticate(request, query));
        BufferedBody body = new BufferedBody(exchange.getRequestBody());
        record.operation = classifier.classify(method, uri.getRawPath(), query, exchange.getRequestHeaders(),
            body::bytes);
        authorize(record.caller.get(), record.operation);
        Optional<String> uploadId = Optional.ofNullable(first(query, "uploadId"));
        SseKms.Use keys = kms.use(record.operation, exchange.getRequestHeaders(), uri.getRawPath(), uploadId);
        authorize(record.caller.get(), keys.permissions(record.operation));
        forward(exchange, body, record, keys, uploadId);
      } catch (S3ClassificationException e) {
        refuse(exchange, new S3Error(400, e.code(), e.getMessage()), record);
      } catch (S3Error e) {
        refuse(exchange, e, record);
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("S3 request {} {} failed: {}", method, uri.getRawPath(), e.toString());
      record.write(500, "InternalError");
    }
  }

  private static Map<String, List<String>> queryParameters(SignedRequest request) throws S3Error {
    try {
      return request.queryParameters();
    } catch (SigV4Exception e) {
      throw new S3Error(400, "InvalidArgument", e.getMessage());
    }
  }

  private Caller authenticate(SignedRequest request, Map<String, List<String>> query) throws S3Error {
    SigningScope scope;
    try {
      scope = verifier.scope(request);
    } catch (SigV4Exception e) {
      throw e.reason() == SigV4Exception.Reason.MISSING
          ? S3Error.accessDenied("Anonymous access is not allowed: sign the request with AWS Signature Version 4")
          : new S3Error(400, "AuthorizationHeaderMalformed", e.getMessage());
    }
    boolean presigned = query.containsKey("X-Amz-Signature");
    String accessKeyId = scope.accessKeyId();
    Optional<IamUser> user = principals.user(accessKeyId);
    Optional<RoleSession> session = principals.session(accessKeyId);
    String secret;
    if (user.isPresent()) {
      secret = user.get().secretAccessKey();
    } else if (session.isPresent()) {
      String token = presigned ? first(query, "X-Amz-Security-Token") : request.firstHeader("x-amz-security-token");
      if (token == null || !constantTimeEquals(token, session.get().sessionToken())) {
        throw new S3Error(403, "InvalidToken", "The provided token is malformed or otherwise invalid.");
      }
      if (session.get().isExpired(clock.instant())) {
        throw new S3Error(400, "ExpiredToken", "The provided token has expired.");
      }
      secret = session.get().secretAccessKey();
    } else {
      throw new S3Error(403, "InvalidAccessKeyId",
          "The AWS Access Key Id you provided does not exist in our records.");
    }
    String payloadHash = presigned ? "UNSIGNED-PAYLOAD" : request.firstHeader("x-amz-content-sha256");
    if (payloadHash == null) {
      throw new S3Error(400, "InvalidRequest", "Missing required header for this request: x-amz-content-sha256");
    }
    try {
      verifier.verify(request, secret, payloadHash);
    } catch (SigV4Exception e) {
      throw switch (e.reason()) {
        case CLOCK_SKEW -> new S3Error(403, "RequestTimeTooSkewed", e.getMessage());
        case PRESIGNED_EXPIRED -> S3Error.accessDenied("Request has expired");
        case MALFORMED, MISSING -> new S3Error(400, "AuthorizationHeaderMalformed", e.getMessage());
        case MISMATCH -> new S3Error(403, "SignatureDoesNotMatch", "The request signature we calculated does not"
            + " match the signature you provided. Check your key and signing method.");
      };
    }
    return new Caller(accessKeyId, session.map(RoleSession::assumedRoleArn).orElse(user.map(IamUser::arn).orElse("-")),
        session);
  }

  /** IAM users here are administrators; role sessions get what both their role and session policy allow. */
  private void authorize(Caller caller, S3Operation operation) throws S3Error {
    authorize(caller, operation.permissions());
  }

  private void authorize(Caller caller, List<S3Permission> permissions) throws S3Error {
    if (caller.session().isEmpty()) {
      return;
    }
    RoleSession session = caller.session().get();
    for (S3Permission permission : permissions) {
      if (!PolicyDocument.isAllowed(session.role().permissionPolicy(), session.sessionPolicy(),
          permission.action(), permission.resourceArn(), permission.context())) {
        throw S3Error.accessDenied("User: " + caller.arn() + " is not authorized to perform: " + permission.action()
            + " on resource: \"" + permission.resourceArn() + "\" because no "
            + (session.sessionPolicy().isPresent() ? "session" : "identity-based") + " policy allows the "
            + permission.action() + " action");
      }
    }
  }

  /**
   * @param keys the request's KMS keys: the back end is told which to keep with a new object or upload, and the
   *     answer reports them as S3 does
   */
  private void forward(HttpExchange exchange, BufferedBody body, AccessRecord record, SseKms.Use keys,
      Optional<String> uploadId) throws IOException {
    URI uri = exchange.getRequestURI();
    String query = stripPresignParameters(uri.getRawQuery());
    URI target = URI.create(backend + uri.getRawPath() + (query.isEmpty() ? "" : "?" + query));
    HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(Duration.ofMinutes(5));
    exchange.getRequestHeaders().forEach((name, values) -> {
      String lower = name.toLowerCase(Locale.ROOT);
      // SSE headers stay here (the back end encrypts nothing); a caller cannot set the key metadata itself.
      if (!REQUEST_HEADERS_NOT_FORWARDED.contains(lower) && !lower.startsWith(SseKms.ENCRYPTION_HEADER)
          && !lower.equals(SseKms.KEY_METADATA)) {
        values.forEach(value -> request.header(name, value));
      }
    });
    keys.backendHeaders().forEach(request::setHeader);
    request.method(exchange.getRequestMethod(), body.publisher(exchange.getRequestHeaders()));
    HttpResponse<InputStream> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while forwarding to the storage back end", e);
    }
    Headers out = exchange.getResponseHeaders();
    response.headers().map().forEach((name, values) -> {
      if (!RESPONSE_HEADERS_NOT_COPIED.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")
          && !name.equalsIgnoreCase(SseKms.KEY_METADATA)) {
        values.forEach(value -> out.add(name, value));
      }
    });
    if (response.statusCode() < 300) {
      keys.reported().ifPresent(key -> {
        out.set(SseKms.ENCRYPTION_HEADER, "aws:kms");
        out.set(SseKms.KEY_ID_HEADER, key);
      });
    }
    long length = response.headers().firstValueAsLong("content-length").orElse(-1);
    try (InputStream in = response.body()) {
      if ("HEAD".equals(exchange.getRequestMethod()) || response.statusCode() == 204
          || response.statusCode() == 304) {
        // A HEAD answer states the object's length without a body; S3A reads the size from it.
        length = Math.max(length, 0);
        out.set("Content-Length", Long.toString(length));
        record.write(response.statusCode(), "-");
        exchange.sendResponseHeaders(response.statusCode(), -1);
      } else if (SseKms.readsAnswer(record.operation, keys)) {
        // A new upload's id, a few hundred bytes of XML: the upload's key is remembered under it.
        byte[] answer = in.readAllBytes();
        kms.answered(record.operation, keys, uploadId, response.statusCode(), answer);
        record.write(response.statusCode(), "-");
        exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
        exchange.getResponseBody().write(answer);
      } else {
        // HttpServer reads 0 as "chunked" and -1 as "no body".
        record.write(response.statusCode(), "-");
        exchange.sendResponseHeaders(response.statusCode(), length == 0 ? -1 : length < 0 ? 0 : length);
        try (OutputStream os = exchange.getResponseBody()) {
          in.transferTo(os);
        }
        kms.answered(record.operation, keys, uploadId, response.statusCode(), new byte[0]);
      }
    }
  }

  private void refuse(HttpExchange exchange, S3Error error, AccessRecord record) throws IOException {
    byte[] xml = error.toXml(exchange.getRequestURI().getRawPath(), record.requestId)
        .getBytes(StandardCharsets.UTF_8);
    // Drain what the client sent so the connection stays usable.
    exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
    if ("HEAD".equals(exchange.getRequestMethod())) {
      record.write(error.status(), error.code());
      exchange.sendResponseHeaders(error.status(), -1);
    } else {
      exchange.getResponseHeaders().set("Content-Type", "application/xml");
      record.write(error.status(), error.code());
      exchange.sendResponseHeaders(error.status(), xml.length);
      exchange.getResponseBody().write(xml);
    }
  }


  private static String first(Map<String, List<String>> query, String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  private static String stripPresignParameters(String rawQuery) {
    if (rawQuery == null) {
      return "";
    }
    List<String> kept = new ArrayList<>();
    for (String pair : rawQuery.split("&")) {
      String name = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
      if (!pair.isEmpty() && !SignedRequest.isPresignParameter(name)) {
        kept.add(pair);
      }
    }
    return String.join("&", kept);
  }

  private static long contentLength(Headers headers) {
    String value = headers.getFirst("Content-Length");
    return value == null ? -1 : Long.parseLong(value.trim());
  }

  private static boolean constantTimeEquals(String a, String b) {
    return java.security.MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The request body, streamed to the back end unless the classifier needed to read it first (a batch
   * delete names its keys in the body), in which case the bytes it read are forwarded.
   */
  private static final class BufferedBody {
    private static final int MAX_BUFFERED_BYTES = 2 * 1024 * 1024;
    private final InputStream in;
    private byte[] buffered;

    BufferedBody(InputStream in) {
      this.in = in;
    }

    byte[] bytes() {
      if (buffered == null) {
        try {
          buffered = in.readNBytes(MAX_BUFFERED_BYTES + 1);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read the request body", e);
        }
        if (buffered.length > MAX_BUFFERED_BYTES) {
          throw new IllegalArgumentException("request body over " + MAX_BUFFERED_BYTES + " bytes");
        }
      }
      return buffered;
    }

    HttpRequest.BodyPublisher publisher(Headers headers) {
      if (buffered != null) {
        return HttpRequest.BodyPublishers.ofByteArray(buffered);
      }
      long contentLength = contentLength(headers);
      boolean chunked = "chunked".equalsIgnoreCase(headers.getFirst("Transfer-Encoding"));
      if (contentLength == 0 || (contentLength < 0 && !chunked)) {
        return HttpRequest.BodyPublishers.noBody();
      }
      HttpRequest.BodyPublisher stream = HttpRequest.BodyPublishers.ofInputStream(() -> in);
      return contentLength > 0 ? HttpRequest.BodyPublishers.fromPublisher(stream, contentLength) : stream;
    }
  }
}
