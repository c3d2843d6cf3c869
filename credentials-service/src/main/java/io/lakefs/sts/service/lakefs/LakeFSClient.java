package io.lakefs.sts.service.lakefs;

import io.lakefs.clients.sdk.ApiClient;
import io.lakefs.clients.sdk.ApiException;
import io.lakefs.clients.sdk.AuthApi;
import io.lakefs.clients.sdk.RepositoriesApi;
import io.lakefs.clients.sdk.StagingApi;
import io.lakefs.clients.sdk.model.CurrentUser;
import io.lakefs.clients.sdk.model.Repository;
import io.lakefs.clients.sdk.model.User;
import java.io.IOException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Asks lakeFS, as the caller, who the caller is, whether it may read a repository and whether it may write
 * objects in it or run its garbage collection, through the official lakeFS SDK. Every call goes to lakeFS; {@link CachingLakeFSClient} remembers answers. Safe for many
 * threads and users at once: each call gets its own SDK {@link ApiClient}, because an ApiClient holds the
 * credentials it sends, while all calls share one {@link OkHttpClient} and so its connection pool.
 */
public final class LakeFSClient implements LakeFSDirectory, AutoCloseable {
  private static final String USER_AGENT = "lakefs-sts-credentials-service";
  /** The object path the write check asks an address for; nothing is ever written there. */
  static final String PERMISSION_CHECK_PATH = "lakefs-sts-credentials-service/permission-check";
  /** A task id lakeFS never issues (its ids start with the task kind's prefix and hold no '-'). */
  static final String PERMISSION_CHECK_TASK_ID = "lakefs-sts-permission-check";
  private static final long MAX_ERROR_BODY_BYTES = 64 * 1024;
  /** lakeFS's graveler.ErrNotFound, what an unknown task id gets from a holder of the permission. */
  private static final String NOT_FOUND = "not found";

  private final LakeFSSettings settings;
  private final OkHttpClient http;
  private final LakeFSFailures failures;

  public LakeFSClient(LakeFSSettings settings) {
    this(settings, httpClient(settings));
  }

  /** For tests that put something between this client and lakeFS; {@code http} should start from {@link #httpClient}. */
  LakeFSClient(LakeFSSettings settings, OkHttpClient http) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.http = Objects.requireNonNull(http, "http");
    this.failures = new LakeFSFailures(settings);
  }

  /** The HTTP client every call shares: the settings' timeouts, and no redirects, so credentials go nowhere else. */
  static OkHttpClient httpClient(LakeFSSettings settings) {
    return new OkHttpClient.Builder()
        .connectTimeout(settings.connectTimeout())
        .readTimeout(settings.readTimeout())
        .writeTimeout(settings.readTimeout())
        // Bounds a lakeFS that trickles its answer, one byte within each read timeout.
        .callTimeout(settings.connectTimeout().plus(settings.readTimeout()))
        .followRedirects(false)
        .followSslRedirects(false)
        .build();
  }

  public LakeFSSettings settings() {
    return settings;
  }

  @Override
  public LakeFSUser currentUser(LakeFSCredentials credentials) throws LakeFSAuthenticationException,
      LakeFSUnavailableException {
    CurrentUser answer;
    try {
      answer = new AuthApi(apiClient(credentials)).getCurrentUser().execute();
    } catch (ApiException e) {
      throw failures.ofCurrentUser(credentials, e);
    } catch (RuntimeException e) {
      throw failures.notLakeFS("GET /user", e);
    }
    if (answer == null || answer.getUser() == null) {
      // The SDK reads an empty body as null rather than failing.
      throw failures.notLakeFS("GET /user", new IllegalStateException("no user in the answer"));
    }
    User user = answer.getUser();
    if (user.getId() == null || user.getId().isEmpty()) {
      throw failures.noUser(credentials);
    }
    return new LakeFSUser(user.getId(), nonEmpty(user.getFriendlyName()), nonEmpty(user.getEmail()),
        Instant.ofEpochSecond(user.getCreationDate() == null ? 0 : user.getCreationDate()));
  }

  /** Two calls: {@code GET /user}, to name the user should lakeFS deny the read, then the repository. */
  @Override
  public LakeFSRepository repository(LakeFSCredentials credentials, String repositoryId)
      throws LakeFSAuthenticationException, RepositoryAccessDeniedException, RepositoryNotFoundException,
      LakeFSUnavailableException {
    InvalidRepositoryIdException.requireValid(repositoryId);
    return repositoryAs(credentials, currentUser(credentials), repositoryId);
  }

  /** The repository read with credentials already known to be this user's: one call. */
  LakeFSRepository repositoryAs(LakeFSCredentials credentials, LakeFSUser user, String repositoryId)
      throws LakeFSAuthenticationException, RepositoryAccessDeniedException, RepositoryNotFoundException,
      LakeFSUnavailableException {
    InvalidRepositoryIdException.requireValid(repositoryId);
    Repository answer;
    try {
      answer = new RepositoriesApi(apiClient(credentials)).getRepository(repositoryId).execute();
    } catch (ApiException e) {
      throw failures.ofRepository(credentials, user, repositoryId, e);
    } catch (RuntimeException e) {
      throw failures.notLakeFS("GET /repositories/" + repositoryId, e);
    }
    if (answer == null) {
      // The SDK reads an empty body as null; a body without the required fields it refuses itself.
      throw failures.notLakeFS("GET /repositories/" + repositoryId, new IllegalStateException(
          "no repository in the answer"));
    }
    return new LakeFSRepository(answer.getId(), answer.getStorageNamespace(), answer.getDefaultBranch(),
        Boolean.TRUE.equals(answer.getReadOnly()), nonEmpty(answer.getStorageId()));
  }

  @Override
  public void requirePermission(LakeFSCredentials credentials, LakeFSRepository repository,
      RepositoryPermission permission) throws LakeFSAuthenticationException, RepositoryAccessDeniedException,
      RepositoryNotFoundException, LakeFSUnavailableException {
    requirePermissionAs(credentials, currentUser(credentials), repository, permission);
  }

  /** The permission checked with credentials already known to be this user's: one call. */
  void requirePermissionAs(LakeFSCredentials credentials, LakeFSUser user, LakeFSRepository repository,
      RepositoryPermission permission) throws LakeFSAuthenticationException, RepositoryAccessDeniedException,
      RepositoryNotFoundException, LakeFSUnavailableException {
    switch (permission) {
      case WRITE_OBJECTS -> requireWriteObjects(credentials, user, repository);
      case RUN_GARBAGE_COLLECTION -> requireGarbageCollection(credentials, user, repository);
    }
  }

  /**
   * lakeFS has no "may I?" endpoint, so the check is a call lakeFS authorizes with fs:WriteObject and that
   * leaves nothing behind: {@code getPhysicalAddress} (GET .../branches/{default}/staging/backing). lakeFS
   * checks fs:WriteObject on the object's ARN before anything else, then only mints a signed address under
   * {@code <namespace>/data/}: no object, no staging entry, no branch change (linkPhysicalAddress, which
   * would record one, is never called). Its cost: one more lakeFS request per (user, repository) and cache
   * time to live, and a "generate_physical_address" line in lakeFS's own audit log. Alternatives write
   * something (uploadObject, stageObject, a branch) or check another action (updateRepository needs
   * fs:UpdateRepository). The path is {@value #PERMISSION_CHECK_PATH}, a path no team prefix covers: with
   * lakeFS's object-level RBAC (fs:WriteObject on {@code .../object/team-a/*} only) lakeFS refuses it, and
   * so does the service, since an S3 grant on {@code data/} cannot follow logical paths (lakeFS places
   * every object at a random address there).
   */
  private void requireWriteObjects(LakeFSCredentials credentials, LakeFSUser user, LakeFSRepository repository)
      throws LakeFSAuthenticationException, RepositoryAccessDeniedException, RepositoryNotFoundException,
      LakeFSUnavailableException {
    String call = "GET /repositories/" + repository.id() + "/branches/" + repository.defaultBranch()
        + "/staging/backing";
    try {
      new StagingApi(apiClient(credentials))
          .getPhysicalAddress(repository.id(), repository.defaultBranch(), PERMISSION_CHECK_PATH).execute();
    } catch (ApiException e) {
      if (e.getCode() == 0 && e.getCause() instanceof IOException unreachable) {
        throw failures.unreachable(call, unreachable);
      }
      throw failures.ofPermissionCheck(credentials, user, repository.id(), RepositoryPermission.WRITE_OBJECTS,
          call, e.getCode(), LakeFSFailures.lakeFSMessage(e.getResponseBody()), e);
    } catch (RuntimeException e) {
      throw failures.notLakeFS(call, e);
    }
  }

  /**
   * The same idea for garbage collection: lakeFS's {@code prepareGarbageCollectionCommitsStatus}
   * (GET .../gc/prepare_commits/status?id=) checks retention:PrepareGarbageCollectionCommits on the
   * repository first, then looks the task up; asked for a task id lakeFS never issues, a holder of the
   * permission learns "not found" and nothing is started or written. Only that answer grants; anything
   * else refuses (lakeFS before 1.72 has no such endpoint and answers 400: gc cannot be confirmed there).
   * The SDK this service is built with predates the endpoint, so the call is made on the shared HTTP client.
   */
  private void requireGarbageCollection(LakeFSCredentials credentials, LakeFSUser user,
      LakeFSRepository repository) throws LakeFSAuthenticationException, RepositoryAccessDeniedException,
      RepositoryNotFoundException, LakeFSUnavailableException {
    String call = "GET /repositories/" + repository.id() + "/gc/prepare_commits/status";
    HttpUrl url = HttpUrl.get(settings.endpoint().toString()).newBuilder()
        .addPathSegment("repositories").addPathSegment(repository.id())
        .addPathSegments("gc/prepare_commits/status").addQueryParameter("id", PERMISSION_CHECK_TASK_ID).build();
    Request request = new Request.Builder().url(url).header("Authorization", credentials.authorizationHeader())
        .header("User-Agent", USER_AGENT).header("Accept", "application/json").build();
    int status;
    Optional<String> message;
    try (Response response = http.newCall(request).execute()) {
      status = response.code();
      // lakeFS's error bodies are a line of JSON; more is not lakeFS and is not read.
      message = LakeFSFailures.lakeFSMessage(response.peekBody(MAX_ERROR_BODY_BYTES).string());
    } catch (IOException e) {
      throw failures.unreachable(call, e);
    }
    if (status == 404 && message.filter(NOT_FOUND::equals).isPresent()) {
      return;
    }
    throw failures.ofPermissionCheck(credentials, user, repository.id(), RepositoryPermission.RUN_GARBAGE_COLLECTION,
        call, status, message, null);
  }

  /** Lets go of pooled connections; calls made afterwards still work, opening new ones. */
  @Override
  public void close() {
    http.connectionPool().evictAll();
  }

  private ApiClient apiClient(LakeFSCredentials credentials) {
    // Made per call (some 20 us, next to a network call): an ApiClient is mutable and holds credentials, so
    // one shared between users could send one user's request with another's credentials. Each one also
    // rebuilds the SDK's static Gson; a harmless race, as every instance is alike and immutable.
    ApiClient client = new ApiClient(http);
    client.setBasePath(settings.endpoint().toString());
    client.setUserAgent(USER_AGENT);
    client.addDefaultHeader("Authorization", credentials.authorizationHeader());
    return client;
  }

  private static Optional<String> nonEmpty(String value) {
    return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
  }
}
