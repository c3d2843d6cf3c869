package io.lakefs.sts.testsupport.lakefs;

import static io.lakefs.sts.testsupport.lakefs.LakeFSPermissions.branchArn;
import static io.lakefs.sts.testsupport.lakefs.LakeFSPermissions.repositoryArn;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides what lakeFS would answer to one request, without any HTTP plumbing. Statuses and messages are
 * lakeFS's own, from {@code pkg/api/controller.go}, {@code pkg/api/auth_middleware.go} and
 * {@code pkg/api/serve.go} of treeverse/lakeFS (checked at v1.53.1, the SDK's release, and again on lakeFS's
 * main branch of July 2026). Every permission is checked as lakeFS's handler checks it, before the
 * repository is looked up, so a user without the permission cannot learn whether a repository exists.
 */
final class LakeFSApi {
  static final String BASE_PATH = "/api/v1";

  /** lakeFS {@code api.ErrAuthenticatingRequest}: unknown key, wrong secret, bad or expired token, or none. */
  static final String ERROR_AUTHENTICATING = "error authenticating request";
  /** lakeFS's {@code GetRepository} for a repository that does not exist. */
  static final String REPOSITORY_NOT_FOUND = "repository not found";
  /** lakeFS's {@code graveler.ErrNotFound}, for an object, ref or task that does not exist. */
  static final String NOT_FOUND = "not found";

  /** One request as the server sees it: query parameters decoded, body as text. */
  record Request(String method, String path, Map<String, String> query, String body,
      Optional<String> authorization) {
  }

  /** The answer, and who asked as far as the request log is concerned. */
  record Answer(int status, Optional<String> json, Optional<String> accessKeyId, Optional<String> user) {
  }


  private final LakeFSDescription description;
  private final LoginTokens loginTokens;
  private final StandInAccounts accounts;
  private final StandInCatalog catalog;
  private final ObjectEndpoints objects;
  private final AuthEndpoints auth;

  /** @param rbac false to answer as lakeFS Community, which shows no policies */
  LakeFSApi(LakeFSDescription description, LoginTokens loginTokens, Clock clock, boolean rbac) {
    this.description = Objects.requireNonNull(description, "description");
    this.loginTokens = Objects.requireNonNull(loginTokens, "loginTokens");
    this.accounts = new StandInAccounts(description);
    this.catalog = new StandInCatalog(description.repositories(), Objects.requireNonNull(clock, "clock"));
    this.objects = new ObjectEndpoints(description, accounts, catalog, clock);
    this.auth = new AuthEndpoints(accounts, rbac);
  }

  /** The users, policies and groups as they are now. */
  StandInAccounts accounts() {
    return accounts;
  }

  Answer answer(Request request) {
    StandInCaller caller = authenticate(request.authorization());
    String method = request.method();
    String path = request.path();
    if (!path.startsWith(BASE_PATH + "/")) {
      return notImplemented(caller, request);
    }
    List<String> segments = List.of(path.substring(BASE_PATH.length() + 1).split("/", -1));
    // Operations with "security: []": credentials, right or wrong, are not even looked at.
    if (method.equals("GET") && segments.equals(List.of("healthcheck"))) {
      return caller.answer(204, Optional.empty());
    }
    if (method.equals("POST") && segments.equals(List.of("auth", "login"))) {
      return login(caller, request.body());
    }
    if (caller.rejected()) {
      // lakeFS's auth middleware turns bad credentials away before any handler, whatever the endpoint.
      return caller.error(401, ERROR_AUTHENTICATING);
    }
    if (method.equals("GET") && segments.equals(List.of("user"))) {
      return caller.answer(200, LakeFSJson.currentUser(caller.user()));
    }
    if (segments.get(0).equals("auth")) {
      if (caller.user().isEmpty()) {
        return caller.error(401, ERROR_AUTHENTICATING);
      }
      return auth.answer(caller, method, segments.subList(1, segments.size()), request.query())
          .orElseGet(() -> notImplemented(caller, request));
    }
    if (segments.size() < 2 || !segments.get(0).equals("repositories") || segments.get(1).isEmpty()) {
      return notImplemented(caller, request);
    }
    String repository = segments.get(1);
    List<String> rest = segments.subList(2, segments.size());
    if (caller.user().isEmpty()) {
      // lakeFS's authorize: no user in the request context is an authentication failure.
      return caller.error(401, ERROR_AUTHENTICATING);
    }
    if (method.equals("GET") && rest.isEmpty()) {
      return getRepository(caller, repository);
    }
    if (rest.size() == 2 && rest.get(0).equals("branches") && method.equals("GET")) {
      return getBranch(caller, repository, rest.get(1));
    }
    if (rest.size() == 3 && rest.get(0).equals("branches") && rest.get(2).equals("commits") && method.equals("POST")) {
      return commit(caller, repository, rest.get(1), request.body());
    }
    if (rest.size() == 4 && rest.get(0).equals("branches") && rest.get(2).equals("staging")
        && rest.get(3).equals("backing")) {
      if (method.equals("GET")) {
        return objects.getPhysicalAddress(caller, repository, rest.get(1), request.query());
      }
      if (method.equals("PUT")) {
        return objects.linkPhysicalAddress(caller, repository, rest.get(1), request.query(), request.body());
      }
    }
    if (rest.size() == 4 && rest.get(0).equals("refs") && rest.get(2).equals("objects") && method.equals("GET")) {
      if (rest.get(3).equals("stat")) {
        return objects.statObject(caller, repository, rest.get(1), request.query());
      }
      if (rest.get(3).equals("ls")) {
        return objects.listObjects(caller, repository, rest.get(1), request.query());
      }
    }
    if (rest.equals(List.of("gc", "prepare_commits", "status")) && method.equals("GET")) {
      return prepareGarbageCollectionCommitsStatus(caller, repository, request.query());
    }
    return notImplemented(caller, request);
  }

  /** lakeFS's {@code Login}: the access key pair in the body, a JWT out; wrong keys are 401. */
  private Answer login(StandInCaller caller, String body) {
    Map<String, Object> login;
    try {
      login = MiniJson.parseObject(body);
    } catch (IllegalArgumentException malformed) {
      return caller.error(400, "request body has an error: doesn't match schema: " + malformed.getMessage());
    }
    if (!(login.get("access_key_id") instanceof String accessKeyId)
        || !(login.get("secret_access_key") instanceof String secretAccessKey)) {
      return caller.error(400, "request body has an error: doesn't match schema #/components/schemas/"
          + "LoginInformation: property \"access_key_id\" and \"secret_access_key\" are required strings");
    }
    Optional<StandInUser> user = accounts.authenticate(accessKeyId, secretAccessKey);
    StandInCaller loggingIn = new StandInCaller(Optional.of(accessKeyId), user, user.isEmpty());
    if (user.isEmpty()) {
      return loggingIn.error(401, ERROR_AUTHENTICATING);
    }
    return loggingIn.answer(200, LakeFSJson.authenticationToken(loginTokens.issue(user.get().id())));
  }

  private Answer getRepository(StandInCaller caller, String repository) {
    Optional<Answer> refused = caller.unlessAllowed(accounts,
        LakeFSPermissions.READ_REPOSITORY, repositoryArn(repository));
    if (refused.isPresent()) {
      return refused.get();
    }
    return description.repository(repository)
        .map(found -> caller.answer(200, LakeFSJson.repository(found)))
        .orElseGet(() -> caller.error(404, REPOSITORY_NOT_FOUND));
  }

  private Answer getBranch(StandInCaller caller, String repository, String branch) {
    Optional<Answer> refused = caller.unlessAllowed(accounts,
        LakeFSPermissions.READ_BRANCH, branchArn(repository, branch));
    if (refused.isPresent()) {
      return refused.get();
    }
    if (description.repository(repository).isEmpty()) {
      return caller.error(404, REPOSITORY_NOT_FOUND);
    }
    return catalog.head(repository, branch)
        .map(head -> caller.answer(200, LakeFSJson.ref(branch, head.id())))
        .orElseGet(() -> caller.error(404, "branch not found"));
  }

  private Answer commit(StandInCaller caller, String repository, String branch, String body) {
    Optional<Answer> refused = caller.unlessAllowed(accounts,
        LakeFSPermissions.CREATE_COMMIT, branchArn(repository, branch));
    if (refused.isPresent()) {
      return refused.get();
    }
    Map<String, Object> creation;
    try {
      creation = MiniJson.parseObject(body);
    } catch (IllegalArgumentException malformed) {
      return caller.error(400, "request body has an error: doesn't match schema: " + malformed.getMessage());
    }
    if (!(creation.get("message") instanceof String message)) {
      return caller.error(400, "request body has an error: doesn't match schema #/components/schemas/"
          + "CommitCreation: property \"message\" is missing");
    }
    Optional<StandInRepository> found = description.repository(repository);
    if (found.isEmpty()) {
      return caller.error(404, REPOSITORY_NOT_FOUND);
    }
    if (found.get().readOnly()) {
      return caller.error(403, "read-only repository");
    }
    try {
      return catalog.commit(repository, branch, caller.user().orElseThrow().id(), message)
          .map(commit -> caller.answer(201, LakeFSJson.commit(commit)))
          .orElseGet(() -> caller.error(404, "branch not found"));
    } catch (IllegalStateException noChanges) {
      return caller.error(400, noChanges.getMessage());
    }
  }






  /**
   * lakeFS's {@code PrepareGarbageCollectionCommitsStatus}: retention:PrepareGarbageCollectionCommits on the
   * repository, then the task. The stand-in runs no garbage collection, so every task id is unknown: a
   * holder of the permission learns "not found", anyone else lakeFS's 401, and nothing is written.
   */
  private Answer prepareGarbageCollectionCommitsStatus(StandInCaller caller, String repository,
      Map<String, String> query) {
    if (query.get("id") == null) {
      return caller.missingQueryParameter("id");
    }
    Optional<Answer> refused = caller.unlessAllowed(accounts, LakeFSPermissions.PREPARE_GARBAGE_COLLECTION_COMMITS,
        repositoryArn(repository));
    if (refused.isPresent()) {
      return refused.get();
    }
    return caller.error(404, description.repository(repository).isPresent() ? NOT_FOUND : REPOSITORY_NOT_FOUND);
  }

  private StandInCaller authenticate(Optional<String> authorization) {
    if (authorization.isEmpty()) {
      return new StandInCaller(Optional.empty(), Optional.empty(), false);
    }
    Optional<BasicCredentials> basic = BasicCredentials.parse(authorization.get());
    if (basic.isPresent()) {
      BasicCredentials credentials = basic.get();
      Optional<StandInUser> user = accounts.authenticate(credentials.accessKeyId(),
          credentials.secretAccessKey());
      return new StandInCaller(Optional.of(credentials.accessKeyId()), user, user.isEmpty());
    }
    String[] parts = authorization.get().trim().split("\\s+");
    if (parts.length == 2 && parts[0].equalsIgnoreCase("Bearer")) {
      // lakeFS's UserByToken: a token it signed, not expired, for a user that still exists.
      Optional<StandInUser> user = loginTokens.verify(parts[1]).flatMap(accounts::user);
      return new StandInCaller(Optional.empty(), user, user.isEmpty());
    }
    // Any other scheme lakeFS ignores, leaving the caller anonymous.
    return new StandInCaller(Optional.empty(), Optional.empty(), false);
  }

  private static Answer notImplemented(StandInCaller caller, Request request) {
    return caller.error(501, "the lakeFS stand-in does not implement " + request.method() + " " + request.path()
        + "; it answers health, login, current user, repository, branch, commit, staging (getPhysicalAddress, "
        + "linkPhysicalAddress), statObject, listObjects, the GC-commits task status and reading users, their policies and groups, deleting users and detaching their policies: extend LakeFSApi, or test "
        + "against a real lakeFS");
  }
}
