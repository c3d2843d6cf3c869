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

  /**
   * For a call that checks a permission: thrown if lakeFS refused it or answered about the caller or the
   * repository, returned if lakeFS is unavailable.
   *
   * @param message lakeFS's {@code message}, if the answer had one
   */
  LakeFSUnavailableException ofPermissionCheck(LakeFSCredentials credentials, LakeFSUser user, String repositoryId,
      RepositoryPermission permission, String call, int status, Optional<String> message, Exception cause)
      throws LakeFSAuthenticationException, RepositoryAccessDeniedException, RepositoryNotFoundException {
    boolean insufficient = message.filter(m -> m.startsWith(INSUFFICIENT_PERMISSIONS)).isPresent();
    String said = message.map(MessageText::of).orElse("HTTP " + status);
    if (status == 403 || (status == 401 && insufficient)) {
      throw new RepositoryAccessDeniedException("lakeFS user " + MessageText.of(user.id()) + " may not "
          + permission.description() + " repository " + repositoryId + " (lakeFS: " + said + "); ask a lakeFS"
          + " admin to grant " + permission.action() + " on the whole repository (arn:lakefs:fs:::repository/"
          + repositoryId + (permission == RepositoryPermission.WRITE_OBJECTS ? "/object/*" : "") + "), or ask for"
          + " \"access\": \"read\"", user.id(), repositoryId, cause);
    }
    if (status == 401) {
      throw rejected(credentials, status, message, cause);
    }
    if (status == 404 && message.filter(m -> m.startsWith("repository")).isPresent()) {
      throw new RepositoryNotFoundException("lakeFS at " + settings.endpoint() + " has no repository "
          + repositoryId + " (lakeFS: " + said + "); check the repository in the lakefs:// path", repositoryId, cause);
    }
    if (status == 400 && permission == RepositoryPermission.RUN_GARBAGE_COLLECTION) {
      throw new RepositoryAccessDeniedException("lakeFS at " + settings.endpoint() + " cannot confirm that user "
          + MessageText.of(user.id()) + " may run garbage collection on repository " + repositoryId + " (it answered "
          + call + " with HTTP 400: " + said + "); gc access needs lakeFS 1.72 or later, which answers whether the"
          + " user holds " + permission.action() + "; ask for \"access\": \"read\" or \"write\"", user.id(),
          repositoryId, cause);
    }
    return unavailable(call, status, message, cause);
  }

  /** lakeFS could not be reached for the call (refused, timed out, TLS). */
  LakeFSUnavailableException unreachable(String call, IOException e) {
    return new LakeFSUnavailableException("lakeFS at " + settings.endpoint() + " is unreachable: "
        + describe(call, e) + UNTIL_BACK, settings.endpoint(), e);
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
    return rejected(credentials, e.getCode(), lakeFSMessage(e), e);
  }

  private LakeFSAuthenticationException rejected(LakeFSCredentials credentials, int status, Optional<String> message,
      Exception e) {
    String said = message.map(MessageText::of).orElse("HTTP " + status);
    return new LakeFSAuthenticationException("lakeFS at " + settings.endpoint() + " rejected access key id "
        + MessageText.of(credentials.accessKeyId()) + " (lakeFS: " + said + "): the key is unknown or the secret"
        + " is wrong; check fs.lakefs.access.key and fs.lakefs.secret.key", credentials.accessKeyId(), e);
  }

  private LakeFSUnavailableException unavailable(String call, ApiException e) {
    if (e.getCode() == 0) {
      return new LakeFSUnavailableException("lakeFS at " + settings.endpoint() + " is unreachable: "
          + describe(call, e.getCause()) + UNTIL_BACK, settings.endpoint(), e);
    }
    return unavailable(call, e.getCode(), lakeFSMessage(e), e);
  }

  private LakeFSUnavailableException unavailable(String call, int status, Optional<String> message, Exception e) {
    String what;
    if (status >= 300 && status < 400) {
      // Redirects are not followed, so that credentials go nowhere but the configured endpoint.
      what = "redirected " + call + (e instanceof ApiException api ? " to " + header(api, "Location")
          .map(MessageText::of).orElse("nowhere") : "") + "; set " + LakeFSKeys.ENDPOINT
          + " to the URL lakeFS serves its API on";
    } else {
      String said = message.map(m -> " (lakeFS: " + MessageText.of(m) + ")").orElse("");
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
    return lakeFSMessage(e.getResponseBody());
  }

  /** The {@code message} of a lakeFS error body, if it is one. */
  static Optional<String> lakeFSMessage(String body) {
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
