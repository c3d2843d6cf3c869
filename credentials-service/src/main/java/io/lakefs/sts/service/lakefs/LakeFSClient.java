package io.lakefs.sts.service.lakefs;

import io.lakefs.clients.sdk.ApiClient;
import io.lakefs.clients.sdk.ApiException;
import io.lakefs.clients.sdk.AuthApi;
import io.lakefs.clients.sdk.RepositoriesApi;
import io.lakefs.clients.sdk.model.CurrentUser;
import io.lakefs.clients.sdk.model.Repository;
import io.lakefs.clients.sdk.model.User;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import okhttp3.OkHttpClient;

/**
 * Asks lakeFS, as the caller, who the caller is and whether it may read a repository, through the official
 * lakeFS SDK. Every call goes to lakeFS; {@link CachingLakeFSClient} remembers answers. Safe for many
 * threads and users at once: each call gets its own SDK {@link ApiClient}, because an ApiClient holds the
 * credentials it sends, while all calls share one {@link OkHttpClient} and so its connection pool.
 */
public final class LakeFSClient implements LakeFSDirectory, AutoCloseable {
  private static final String USER_AGENT = "lakefs-sts-credentials-service";

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
