package io.lakefs.sts.service.lakefs;

import io.lakefs.clients.sdk.ApiException;
import io.lakefs.clients.sdk.model.Error;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * Turns a failed lakeFS call, as the SDK reports it, into the exception the service acts on. Statuses and
 * messages are lakeFS's: bad credentials get 401 "error authenticating request" on every endpoint; a
 * missing permission gets 401 (not 403) "insufficient permissions: ..."; a missing repository 404.
 */
final class LakeFSFailures {
  private static final String INSUFFICIENT_PERMISSIONS = "insufficient permissions";
  private static final String UNTIL_BACK = "; the credentials service answers 503 until it is back";

  private final LakeFSSettings settings;

  LakeFSFailures(LakeFSSettings settings) {
    this.settings = settings;
  }

  /** For {@code GET /user}: thrown if lakeFS turned the credentials away, returned otherwise. */
  LakeFSUnavailableException ofCurrentUser(LakeFSCredentials credentials, ApiException e)
      throws LakeFSAuthenticationException {
    if (e.getCode() == 401 || e.getCode() == 403) {
      throw rejected(credentials, e);
    }
    return unavailable("GET /user", e);
  }

  /** For {@code GET /repositories/{id}}: thrown if lakeFS answered about the caller, returned otherwise. */
  LakeFSUnavailableException ofRepository(LakeFSCredentials credentials, LakeFSUser user, String repositoryId,
      ApiException e) throws LakeFSAuthenticationException, RepositoryAccessDeniedException,
      RepositoryNotFoundException {
    Optional<String> message = lakeFSMessage(e);
    boolean insufficient = message.filter(m -> m.startsWith(INSUFFICIENT_PERMISSIONS)).isPresent();
    // 403 is what lakeFS's API description promises; its RBAC in fact answers 401 "insufficient permissions".
    if (e.getCode() == 403 || (e.getCode() == 401 && insufficient)) {
      throw new RepositoryAccessDeniedException("lakeFS user " + MessageText.of(user.id())
          + " may not read repository " + repositoryId + " (lakeFS: " + message.map(MessageText::of).orElse("HTTP "
          + e.getCode()) + "); ask a lakeFS admin to grant fs:ReadRepository on arn:lakefs:fs:::repository/"
          + repositoryId + ", or use a repository this user may read", user.id(), repositoryId, e);
    }
    if (e.getCode() == 401) {
      // The credentials were good a moment ago (GET /user), so they were revoked in between.
      throw rejected(credentials, e);
    }
    if (e.getCode() == 404 && message.isPresent()) {
      throw new RepositoryNotFoundException("lakeFS at " + settings.endpoint() + " has no repository "
          + repositoryId + " (lakeFS: " + MessageText.of(message.get()) + "); check the repository in the"
          + " lakefs:// path", repositoryId, e);
    }
    return unavailable("GET /repositories/" + repositoryId, e);
  }

  LakeFSAuthenticationException noUser(LakeFSCredentials credentials) {
    return new LakeFSAuthenticationException("lakeFS at " + settings.endpoint() + " answered GET /user for access"
        + " key id " + MessageText.of(credentials.accessKeyId()) + " with no user, as it answers requests without"
        + " credentials; something between the credentials service and lakeFS (a proxy?) drops the Authorization"
        + " header", credentials.accessKeyId(), null);
  }

  /** lakeFS answered 2xx with something the SDK could not read as lakeFS's JSON. */
  LakeFSUnavailableException notLakeFS(String call, RuntimeException e) {
    return new LakeFSUnavailableException("lakeFS at " + settings.endpoint() + " answered " + call + " with a body"
        + " that is not lakeFS's JSON; check that " + LakeFSKeys.ENDPOINT + " is lakeFS's API URL" + UNTIL_BACK,
        settings.endpoint(), e);
  }

  private LakeFSAuthenticationException rejected(LakeFSCredentials credentials, ApiException e) {
    String said = lakeFSMessage(e).map(MessageText::of).orElse("HTTP " + e.getCode());
    return new LakeFSAuthenticationException("lakeFS at " + settings.endpoint() + " rejected access key id "
        + MessageText.of(credentials.accessKeyId()) + " (lakeFS: " + said + "): the key is unknown or the secret"
        + " is wrong; check fs.lakefs.access.key and fs.lakefs.secret.key", credentials.accessKeyId(), e);
  }

  private LakeFSUnavailableException unavailable(String call, ApiException e) {
    int status = e.getCode();
    String what;
    if (status == 0) {
      what = "is unreachable: " + describe(call, e.getCause());
    } else if (status >= 300 && status < 400) {
      // Redirects are not followed, so that credentials go nowhere but the configured endpoint.
      what = "redirected " + call + " to " + header(e, "Location").map(MessageText::of).orElse("nowhere")
          + "; set " + LakeFSKeys.ENDPOINT + " to the URL lakeFS serves its API on";
    } else {
      String said = lakeFSMessage(e).map(m -> " (lakeFS: " + MessageText.of(m) + ")").orElse("");
      boolean overloaded = status >= 500 || status == 408 || status == 429;
      what = "is unavailable: it answered " + call + " with HTTP " + status + said
          + (overloaded ? "" : ", which lakeFS does not answer there; check that " + LakeFSKeys.ENDPOINT
              + " is lakeFS's API URL");
    }
    return new LakeFSUnavailableException("lakeFS at " + settings.endpoint() + " " + what + UNTIL_BACK,
        settings.endpoint(), e);
  }

  private String describe(String call, Throwable cause) {
    if (cause instanceof ConnectException) {
      return "connection refused";
    }
    if (cause instanceof InterruptedIOException) {
      return "no answer to " + call + " within " + settings.connectTimeout().toMillis() + " ms to connect and "
          + settings.readTimeout().toMillis() + " ms to read (" + LakeFSKeys.TIMEOUT_MILLIS + ")";
    }
    if (cause instanceof UnknownHostException) {
      return "unknown host " + settings.endpoint().getHost() + "; check " + LakeFSKeys.ENDPOINT;
    }
    if (cause instanceof SSLException) {
      return "TLS failed (" + MessageText.of(String.valueOf(cause.getMessage())) + "); check "
          + LakeFSKeys.ENDPOINT + " and the trust store of the credentials service";
    }
    if (cause instanceof IOException) {
      return MessageText.of(cause.toString());
    }
    return "no answer to " + call;
  }

  private static Optional<String> lakeFSMessage(ApiException e) {
    String body = e.getResponseBody();
    if (body == null || body.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(Error.fromJson(body).getMessage());
    } catch (IOException | RuntimeException notLakeFSJson) {
      return Optional.empty();
    }
  }

  private static Optional<String> header(ApiException e, String name) {
    Map<String, List<String>> headers = e.getResponseHeaders();
    if (headers == null) {
      return Optional.empty();
    }
    return headers.entrySet().stream()
        .filter(entry -> entry.getKey() != null && entry.getKey().equalsIgnoreCase(name))
        .flatMap(entry -> entry.getValue().stream())
        .findFirst();
  }
}
