package io.lakefs.sts.testsupport.lakefs;

import java.util.Objects;
import java.util.Optional;

/**
 * Decides what lakeFS would answer to one request, without any HTTP plumbing. Statuses and messages are
 * lakeFS's own, from {@code pkg/api/controller.go} and {@code pkg/api/auth_middleware.go} of treeverse/lakeFS
 * (checked at v1.53.1, the SDK's release, and again on lakeFS's main branch of July 2026).
 */
final class LakeFSApi {
  static final String BASE_PATH = "/api/v1";

  /** lakeFS {@code api.ErrAuthenticatingRequest}: unknown key, wrong secret, or no credentials. */
  static final String ERROR_AUTHENTICATING = "error authenticating request";
  /**
   * What lakeFS's RBAC answers, with status 401 (not 403), when a user lacks fs:ReadRepository:
   * {@code auth.ErrInsufficientPermissions} wrapping {@code MissingPermissions.String()}.
   */
  static final String INSUFFICIENT_READ_REPOSITORY = "insufficient permissions: not allowed to fs:ReadRepository";
  /** lakeFS's {@code GetRepository} for a repository that does not exist. */
  static final String REPOSITORY_NOT_FOUND = "repository not found";

  private static final String HEALTHCHECK = BASE_PATH + "/healthcheck";
  private static final String USER = BASE_PATH + "/user";
  private static final String REPOSITORIES = BASE_PATH + "/repositories/";

  /** The answer, and who asked as far as the request log is concerned. */
  record Answer(int status, Optional<String> json, Optional<String> accessKeyId, Optional<String> user) {
  }

  /** The caller after authentication: anonymous, rejected (credentials that do not match), or a user. */
  private record Caller(Optional<String> accessKeyId, Optional<StandInUser> user, boolean rejected) {
    Answer answer(int status, Optional<String> json) {
      return new Answer(status, json, accessKeyId, user.map(StandInUser::id));
    }
  }

  private final LakeFSDescription description;

  LakeFSApi(LakeFSDescription description) {
    this.description = Objects.requireNonNull(description, "description");
  }

  /**
   * @param path the decoded request path
   * @param authorization the Authorization header, if sent
   */
  Answer answer(String method, String path, Optional<String> authorization) {
    Caller caller = authenticate(authorization);
    if (!"GET".equals(method)) {
      return notImplemented(caller, method, path);
    }
    if (path.equals(HEALTHCHECK)) {
      // lakeFS's healthCheck has "security: []": credentials, right or wrong, are not even looked at.
      return caller.answer(204, Optional.empty());
    }
    if (caller.rejected()) {
      // lakeFS's auth middleware turns bad credentials away before any handler, whatever the endpoint.
      return caller.answer(401, Optional.of(LakeFSJson.error(ERROR_AUTHENTICATING)));
    }
    if (path.equals(USER)) {
      return caller.answer(200, Optional.of(LakeFSJson.currentUser(caller.user())));
    }
    if (path.startsWith(REPOSITORIES) && path.length() > REPOSITORIES.length()
        && path.indexOf('/', REPOSITORIES.length()) < 0) {
      return getRepository(caller, path.substring(REPOSITORIES.length()));
    }
    return notImplemented(caller, method, path);
  }

  private Answer getRepository(Caller caller, String repositoryId) {
    // lakeFS checks the permission before it looks the repository up, so a user without the
    // permission cannot learn whether a repository exists.
    if (caller.user().isEmpty()) {
      return caller.answer(401, Optional.of(LakeFSJson.error(ERROR_AUTHENTICATING)));
    }
    if (!description.mayRead(caller.user().get().id(), repositoryId)) {
      return caller.answer(401, Optional.of(LakeFSJson.error(INSUFFICIENT_READ_REPOSITORY)));
    }
    return description.repository(repositoryId)
        .map(repository -> caller.answer(200, Optional.of(LakeFSJson.repository(repository))))
        .orElseGet(() -> caller.answer(404, Optional.of(LakeFSJson.error(REPOSITORY_NOT_FOUND))));
  }

  private Caller authenticate(Optional<String> authorization) {
    if (authorization.isEmpty()) {
      return new Caller(Optional.empty(), Optional.empty(), false);
    }
    Optional<BasicCredentials> basic = BasicCredentials.parse(authorization.get());
    if (basic.isPresent()) {
      BasicCredentials credentials = basic.get();
      Optional<StandInUser> user = description.authenticate(credentials.accessKeyId(),
          credentials.secretAccessKey());
      return new Caller(Optional.of(credentials.accessKeyId()), user, user.isEmpty());
    }
    // The stand-in issues no JWTs, so every bearer token is one lakeFS would fail to verify; any other
    // scheme lakeFS ignores, leaving the caller anonymous.
    boolean bearer = authorization.get().regionMatches(true, 0, "Bearer ", 0, "Bearer ".length());
    return new Caller(Optional.empty(), Optional.empty(), bearer);
  }

  private static Answer notImplemented(Caller caller, String method, String path) {
    return caller.answer(501, Optional.of(LakeFSJson.error("the lakeFS stand-in does not implement " + method + " "
        + path + "; it answers only GET " + HEALTHCHECK + ", GET " + USER + " and GET " + REPOSITORIES
        + "{repository}: extend LakeFSApi, or test against a real lakeFS")));
  }
}
