package io.lakefs.sts.service.lakefs;

import io.lakefs.clients.sdk.ApiClient;
import io.lakefs.clients.sdk.ApiException;
import io.lakefs.clients.sdk.AuthApi;
import io.lakefs.clients.sdk.RepositoriesApi;
import io.lakefs.clients.sdk.model.PolicyList;
import io.lakefs.clients.sdk.model.Repository;
import io.lakefs.clients.sdk.model.Statement;
import io.lakefs.clients.sdk.model.User;
import io.lakefs.sts.service.lakefs.rbac.Effect;
import io.lakefs.sts.service.lakefs.rbac.Policy;
import io.lakefs.sts.service.lakefs.rbac.PolicyStatement;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;
import okhttp3.OkHttpClient;

/**
 * What a lakeFS user may do, decided without that user's key: the service reads the user and its effective
 * policies from lakeFS's RBAC with a lakeFS credential of its own, and evaluates them as lakeFS would
 * ({@link io.lakefs.sts.service.lakefs.rbac.PolicyEvaluator}). For callers who hold no lakeFS key (Kerberos-only
 * users, users a gateway acts for) and for re-checking a token's scope at each refresh.
 *
 * <p>The service's lakeFS user needs auth:ReadUser on {@code arn:lakefs:auth:::user/*} (a user, its effective
 * policies) and fs:ReadRepository on the repositories (their storage namespaces); nothing that writes. Calls:
 * {@code GET /auth/users/{id}} and {@code GET /auth/users/{id}/policies?effective=true} (one per 1000 policies)
 * per user, {@code GET /repositories/{id}} per repository, each answer reused for the cache time to live.
 * Denials, unknown users and failures are not remembered. Safe for many threads: callers missing one entry
 * together share one lakeFS call.
 */
public final class LakeFSPolicyDirectory implements AutoCloseable {
  static final int MAX_ENTRIES = 10_000;
  /** lakeFS's largest page of an auth listing. */
  private static final int PAGE = 1000;
  /** 100 pages of 1000 policies: far beyond any real user, and a bound on a lakeFS that pages forever. */
  private static final int MAX_PAGES = 100;
  private static final int MAX_USER_ID_LENGTH = 1024;
  private static final String USER_AGENT = "lakefs-sts-credentials-service";

  private final LakeFSSettings settings;
  private final LakeFSCredentials serviceCredentials;
  private final OkHttpClient http;
  private final LakeFSFailures failures;
  private final ExpiringCache<String, LakeFSUser> users;
  private final ExpiringCache<String, UserPermissions> permissions;
  private final ExpiringCache<String, LakeFSRepository> repositories;

  /**
   * @param serviceCredentials the service's own lakeFS key (an administrator configures it)
   * @param cacheTtl how long a user's permissions and a repository are reused; zero asks lakeFS every time
   */
  public LakeFSPolicyDirectory(LakeFSSettings settings, LakeFSCredentials serviceCredentials, Duration cacheTtl) {
    this(settings, serviceCredentials, cacheTtl, System::nanoTime);
  }

  LakeFSPolicyDirectory(LakeFSSettings settings, LakeFSCredentials serviceCredentials, Duration cacheTtl,
      LongSupplier nanoTicker) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.serviceCredentials = Objects.requireNonNull(serviceCredentials, "serviceCredentials");
    this.http = LakeFSClient.httpClient(settings);
    this.failures = new LakeFSFailures(settings);
    this.users = new ExpiringCache<>(cacheTtl, MAX_ENTRIES, nanoTicker);
    this.permissions = new ExpiringCache<>(cacheTtl, MAX_ENTRIES, nanoTicker);
    this.repositories = new ExpiringCache<>(cacheTtl, MAX_ENTRIES, nanoTicker);
  }

  /**
   * The user and its effective policies.
   *
   * @throws LakeFSUserNotFoundException if lakeFS has no such user (now)
   * @throws LakeFSWithoutRbacException if lakeFS keeps no policies (lakeFS Community)
   * @throws LakeFSUnavailableException if lakeFS could not say, or refused the service's own key
   */
  public UserPermissions permissions(String userId) throws LakeFSUserNotFoundException,
      LakeFSWithoutRbacException, LakeFSUnavailableException {
    requireUserId(userId);
    try {
      return permissions.get(userId, () -> new UserPermissions(user(userId), effectivePolicies(userId)));
    } catch (LakeFSUserNotFoundException | LakeFSWithoutRbacException | LakeFSUnavailableException e) {
      throw e;
    } catch (LakeFSException e) {
      throw LakeFSException.unexpected(e);
    }
  }

  /**
   * The user, if lakeFS has it: all a lakeFS without RBAC can tell.
   *
   * @throws LakeFSUserNotFoundException if lakeFS has no such user (now)
   * @throws LakeFSUnavailableException if lakeFS could not say, or refused the service's own key
   */
  public LakeFSUser user(String userId) throws LakeFSUserNotFoundException, LakeFSUnavailableException {
    requireUserId(userId);
    try {
      return users.get(userId, () -> readUser(userId));
    } catch (LakeFSUserNotFoundException | LakeFSUnavailableException e) {
      throw e;
    } catch (LakeFSException e) {
      throw LakeFSException.unexpected(e);
    }
  }

  /**
   * The repository, if the user's policies let it read it; read with the service's key, so lakeFS is told
   * nothing about the user.
   *
   * @throws RepositoryAccessDeniedException if the user may not read it (whether or not it exists)
   * @throws RepositoryNotFoundException if the user may read it but it does not exist
   */
  public LakeFSRepository repository(UserPermissions user, String repositoryId)
      throws RepositoryAccessDeniedException, RepositoryNotFoundException, LakeFSUnavailableException {
    InvalidRepositoryIdException.requireValid(repositoryId);
    if (!user.mayRead(repositoryId)) {
      throw new RepositoryAccessDeniedException("lakeFS user " + MessageText.of(user.user().id())
          + " may not read repository " + repositoryId + " (its lakeFS policies do not allow fs:ReadRepository on"
          + " arn:lakefs:fs:::repository/" + repositoryId + "); ask a lakeFS admin to grant it, or use a"
          + " repository this user may read", user.user().id(), repositoryId, null);
    }
    try {
      return repositories.get(repositoryId, () -> readRepository(repositoryId));
    } catch (RepositoryNotFoundException | LakeFSUnavailableException e) {
      throw e;
    } catch (LakeFSException e) {
      throw LakeFSException.unexpected(e);
    }
  }

  /**
   * Returns if the user's policies grant the permission on the whole repository.
   *
   * @throws RepositoryAccessDeniedException naming the missing lakeFS action
   */
  public void requirePermission(UserPermissions user, LakeFSRepository repository, RepositoryPermission permission)
      throws RepositoryAccessDeniedException {
    if (!user.may(repository.id(), permission)) {
      throw new RepositoryAccessDeniedException("lakeFS user " + MessageText.of(user.user().id()) + " may not "
          + permission.description() + " repository " + repository.id() + " (its lakeFS policies do not allow "
          + permission.action() + " on the whole repository); ask a lakeFS admin to grant it, or ask for"
          + " \"access\": \"read\"", user.user().id(), repository.id(), null);
    }
  }

  /** Lets go of pooled connections. */
  @Override
  public void close() {
    http.connectionPool().evictAll();
  }

  private LakeFSUser readUser(String userId) throws LakeFSUserNotFoundException, LakeFSUnavailableException {
    String call = "GET /auth/users/" + MessageText.of(userId);
    User user;
    try {
      user = new AuthApi(apiClient()).getUser(userId).execute();
    } catch (ApiException e) {
      if (e.getCode() == 404 && LakeFSFailures.lakeFSMessage(e.getResponseBody()).isPresent()) {
        throw new LakeFSUserNotFoundException("lakeFS at " + settings.endpoint() + " has no user "
            + MessageText.of(userId) + "; ask a lakeFS admin to create it, or map the caller to the lakeFS user it"
            + " is", userId, e);
      }
      throw refusedService(call, e, "auth:ReadUser on arn:lakefs:auth:::user/*");
    } catch (RuntimeException e) {
      throw failures.notLakeFS(call, e);
    }
    if (user == null || user.getId() == null || !user.getId().equals(userId)) {
      throw failures.notLakeFS(call, new IllegalStateException("no user " + userId + " in the answer"));
    }
    return new LakeFSUser(user.getId(), nonEmpty(user.getFriendlyName()), nonEmpty(user.getEmail()),
        Instant.ofEpochSecond(user.getCreationDate() == null ? 0 : user.getCreationDate()));
  }

  private List<Policy> effectivePolicies(String userId) throws LakeFSWithoutRbacException,
      LakeFSUnavailableException {
    String call = "GET /auth/users/" + MessageText.of(userId) + "/policies?effective=true";
    List<Policy> policies = new ArrayList<>();
    String after = "";
    for (int page = 0; page < MAX_PAGES; page++) {
      PolicyList answer;
      try {
        answer = new AuthApi(apiClient()).listUserPolicies(userId).effective(true).amount(PAGE).after(after)
            .execute();
      } catch (ApiException e) {
        if (e.getCode() == 501) {
          throw new LakeFSWithoutRbacException("lakeFS at " + settings.endpoint() + " keeps no policies (it answered "
              + call + " with HTTP 501, as lakeFS Community does): the credentials service cannot decide what user "
              + MessageText.of(userId) + " may do without the user's own lakeFS key; send it in the"
              + " X-LakeFS-Authorization header", e);
        }
        throw refusedService(call, e, "auth:ReadUser on arn:lakefs:auth:::user/*");
      } catch (RuntimeException e) {
        throw failures.notLakeFS(call, e);
      }
      if (answer == null || answer.getResults() == null || answer.getPagination() == null) {
        throw failures.notLakeFS(call, new IllegalStateException("no policy list in the answer"));
      }
      answer.getResults().forEach(policy -> policies.add(policy(policy)));
      String next = answer.getPagination().getNextOffset();
      if (!Boolean.TRUE.equals(answer.getPagination().getHasMore()) || next == null || next.compareTo(after) <= 0) {
        return policies;
      }
      after = next;
    }
    throw failures.notLakeFS(call, new IllegalStateException("more than " + MAX_PAGES + " pages of policies"));
  }

  private LakeFSRepository readRepository(String repositoryId) throws RepositoryNotFoundException,
      LakeFSUnavailableException {
    String call = "GET /repositories/" + repositoryId;
    Repository answer;
    try {
      answer = new RepositoriesApi(apiClient()).getRepository(repositoryId).execute();
    } catch (ApiException e) {
      if (e.getCode() == 404 && LakeFSFailures.lakeFSMessage(e.getResponseBody()).isPresent()) {
        throw new RepositoryNotFoundException("lakeFS at " + settings.endpoint() + " has no repository "
            + repositoryId + "; check the repository in the lakefs:// path", repositoryId, e);
      }
      throw refusedService(call, e, "fs:ReadRepository on arn:lakefs:fs:::repository/*");
    } catch (RuntimeException e) {
      throw failures.notLakeFS(call, e);
    }
    if (answer == null) {
      throw failures.notLakeFS(call, new IllegalStateException("no repository in the answer"));
    }
    return new LakeFSRepository(answer.getId(), answer.getStorageNamespace(), answer.getDefaultBranch(),
        Boolean.TRUE.equals(answer.getReadOnly()), nonEmpty(answer.getStorageId()));
  }

  /**
   * A failed call made with the service's own key: unreachable, refused key, missing permission or anything
   * else, all problems only an administrator (or time) fixes, so the service answers 503 saying which.
   */
  private LakeFSUnavailableException refusedService(String call, ApiException e, String neededPermission) {
    if (e.getCode() == 0 && e.getCause() instanceof IOException unreachable) {
      return failures.unreachable(call, unreachable);
    }
    Optional<String> message = LakeFSFailures.lakeFSMessage(e.getResponseBody());
    String said = message.map(MessageText::of).orElse("HTTP " + e.getCode());
    String fix;
    if (e.getCode() == 401 && message.filter(m -> m.startsWith("insufficient permissions")).isPresent()) {
      fix = "the credentials service's own lakeFS user lacks a permission; a lakeFS admin must grant it "
          + neededPermission;
    } else if (e.getCode() == 401 || e.getCode() == 403) {
      fix = "lakeFS rejected the credentials service's own key (access key id "
          + MessageText.of(serviceCredentials.accessKeyId()) + "); an administrator must fix it";
    } else {
      fix = "lakeFS is unavailable";
    }
    return new LakeFSUnavailableException("lakeFS at " + settings.endpoint() + " answered " + call + " with HTTP "
        + e.getCode() + " (lakeFS: " + said + "): " + fix + "; the credentials service answers 503 until then",
        settings.endpoint(), e);
  }

  private ApiClient apiClient() {
    ApiClient client = new ApiClient(http);
    client.setBasePath(settings.endpoint().toString());
    client.setUserAgent(USER_AGENT);
    client.addDefaultHeader("Authorization", serviceCredentials.authorizationHeader());
    return client;
  }

  private static Policy policy(io.lakefs.clients.sdk.model.Policy policy) {
    List<PolicyStatement> statements = new ArrayList<>();
    for (Statement statement : policy.getStatement()) {
      statements.add(new PolicyStatement(Effect.parse(statement.getEffect().getValue()), statement.getAction(),
          statement.getResource(), statement.getAdditionalProperty("condition") != null));
    }
    return new Policy(policy.getId(), statements);
  }

  private static void requireUserId(String userId) {
    if (userId == null || userId.isEmpty() || userId.length() > MAX_USER_ID_LENGTH
        || userId.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException("'" + (userId == null ? "" : MessageText.of(userId)) + "' is not a lakeFS"
          + " user id: ids are 1 to " + MAX_USER_ID_LENGTH + " printable characters");
    }
  }

  private static Optional<String> nonEmpty(String value) {
    return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
  }
}
