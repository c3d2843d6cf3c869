package io.lakefs.sts.testsupport.lakefs;

import static io.lakefs.sts.testsupport.lakefs.LakeFSPermissions.branchArn;
import static io.lakefs.sts.testsupport.lakefs.LakeFSPermissions.objectArn;
import static io.lakefs.sts.testsupport.lakefs.LakeFSPermissions.repositoryArn;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
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
  /** lakeFS's {@code DefaultMaxPerPage}: the most entries one listing page holds. */
  static final int MAX_PER_PAGE = 1000;

  /** One request as the server sees it: query parameters decoded, body as text. */
  record Request(String method, String path, Map<String, String> query, String body,
      Optional<String> authorization) {
  }

  /** The answer, and who asked as far as the request log is concerned. */
  record Answer(int status, Optional<String> json, Optional<String> accessKeyId, Optional<String> user) {
  }

  /** The caller after authentication: anonymous, rejected (credentials that do not match), or a user. */
  private record Caller(Optional<String> accessKeyId, Optional<StandInUser> user, boolean rejected) {
    Answer answer(int status, Optional<String> json) {
      return new Answer(status, json, accessKeyId, user.map(StandInUser::id));
    }

    Answer answer(int status, String json) {
      return answer(status, Optional.of(json));
    }

    Answer error(int status, String message) {
      return answer(status, LakeFSJson.error(message));
    }
  }

  private final LakeFSDescription description;
  private final LoginTokens loginTokens;
  private final StandInCatalog catalog;
  private final PhysicalAddresses addresses = new PhysicalAddresses();
  private final Clock clock;

  LakeFSApi(LakeFSDescription description, LoginTokens loginTokens, Clock clock) {
    this.description = Objects.requireNonNull(description, "description");
    this.loginTokens = Objects.requireNonNull(loginTokens, "loginTokens");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.catalog = new StandInCatalog(description.repositories(), clock);
  }

  Answer answer(Request request) {
    Caller caller = authenticate(request.authorization());
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
    if (segments.size() < 2 || !segments.get(0).equals("repositories") || segments.get(1).isEmpty()) {
      return notImplemented(caller, request);
    }
    String repository = segments.get(1);
    List<String> rest = segments.subList(2, segments.size());
    if (caller.user().isEmpty()) {
      // lakeFS's authorize: no user in the request context is an authentication failure.
      return caller.error(401, ERROR_AUTHENTICATING);
    }
    String user = caller.user().get().id();
    if (method.equals("GET") && rest.isEmpty()) {
      return getRepository(caller, user, repository);
    }
    if (rest.size() == 2 && rest.get(0).equals("branches") && method.equals("GET")) {
      return getBranch(caller, user, repository, rest.get(1));
    }
    if (rest.size() == 3 && rest.get(0).equals("branches") && rest.get(2).equals("commits") && method.equals("POST")) {
      return commit(caller, user, repository, rest.get(1), request.body());
    }
    if (rest.size() == 4 && rest.get(0).equals("branches") && rest.get(2).equals("staging")
        && rest.get(3).equals("backing")) {
      if (method.equals("GET")) {
        return getPhysicalAddress(caller, user, repository, rest.get(1), request.query());
      }
      if (method.equals("PUT")) {
        return linkPhysicalAddress(caller, user, repository, rest.get(1), request.query(), request.body());
      }
    }
    if (rest.size() == 4 && rest.get(0).equals("refs") && rest.get(2).equals("objects") && method.equals("GET")) {
      if (rest.get(3).equals("stat")) {
        return statObject(caller, user, repository, rest.get(1), request.query());
      }
      if (rest.get(3).equals("ls")) {
        return listObjects(caller, user, repository, rest.get(1), request.query());
      }
    }
    if (rest.equals(List.of("gc", "prepare_commits", "status")) && method.equals("GET")) {
      return prepareGarbageCollectionCommitsStatus(caller, user, repository, request.query());
    }
    return notImplemented(caller, request);
  }

  /** lakeFS's {@code Login}: the access key pair in the body, a JWT out; wrong keys are 401. */
  private Answer login(Caller caller, String body) {
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
    Optional<StandInUser> user = description.authenticate(accessKeyId, secretAccessKey);
    Caller loggingIn = new Caller(Optional.of(accessKeyId), user, user.isEmpty());
    if (user.isEmpty()) {
      return loggingIn.error(401, ERROR_AUTHENTICATING);
    }
    return loggingIn.answer(200, LakeFSJson.authenticationToken(loginTokens.issue(user.get().id())));
  }

  private Answer getRepository(Caller caller, String user, String repository) {
    Optional<Answer> refused = authorize(caller, user, LakeFSPermissions.READ_REPOSITORY, repositoryArn(repository));
    if (refused.isPresent()) {
      return refused.get();
    }
    return description.repository(repository)
        .map(found -> caller.answer(200, LakeFSJson.repository(found)))
        .orElseGet(() -> caller.error(404, REPOSITORY_NOT_FOUND));
  }

  private Answer getBranch(Caller caller, String user, String repository, String branch) {
    Optional<Answer> refused = authorize(caller, user, LakeFSPermissions.READ_BRANCH, branchArn(repository, branch));
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

  private Answer commit(Caller caller, String user, String repository, String branch, String body) {
    Optional<Answer> refused = authorize(caller, user, LakeFSPermissions.CREATE_COMMIT, branchArn(repository, branch));
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
      return catalog.commit(repository, branch, user, message)
          .map(commit -> caller.answer(201, LakeFSJson.commit(commit)))
          .orElseGet(() -> caller.error(404, "branch not found"));
    } catch (IllegalStateException noChanges) {
      return caller.error(400, noChanges.getMessage());
    }
  }

  /**
   * lakeFS's {@code GetPhysicalAddress}: fs:WriteObject on the path, then a fresh signed address under the
   * namespace's {@code data/}. Like lakeFS, it records nothing and checks neither the branch nor whether the
   * repository is read-only; those are checked when the address is linked.
   */
  private Answer getPhysicalAddress(Caller caller, String user, String repository, String branch,
      Map<String, String> query) {
    String path = query.get("path");
    if (path == null) {
      return missingQueryParameter(caller, "path");
    }
    Optional<Answer> refused = authorize(caller, user, LakeFSPermissions.WRITE_OBJECT, objectArn(repository, path));
    if (refused.isPresent()) {
      return refused.get();
    }
    return description.repository(repository)
        .map(found -> caller.answer(200, LakeFSJson.stagingLocation(
            addresses.generate(found.storageNamespace(), repository, branch, path))))
        .orElseGet(() -> caller.error(404, REPOSITORY_NOT_FOUND));
  }

  /**
   * lakeFS's {@code LinkPhysicalAddress}: fs:WriteObject on the path; an address under the namespace's
   * {@code data/} must be one this stand-in handed out for this repository, branch and path; a checksum is
   * required; the object is then staged on the branch.
   */
  private Answer linkPhysicalAddress(Caller caller, String user, String repository, String branch,
      Map<String, String> query, String body) {
    String path = query.get("path");
    if (path == null) {
      return missingQueryParameter(caller, "path");
    }
    Optional<Answer> refused = authorize(caller, user, LakeFSPermissions.WRITE_OBJECT, objectArn(repository, path));
    if (refused.isPresent()) {
      return refused.get();
    }
    Map<String, Object> metadata;
    try {
      metadata = MiniJson.parseObject(body);
    } catch (IllegalArgumentException malformed) {
      return caller.error(400, "request body has an error: doesn't match schema: " + malformed.getMessage());
    }
    if (!(metadata.get("staging") instanceof Map<?, ?> staging)
        || !(staging.get("physical_address") instanceof String physicalAddress)
        || !(metadata.get("checksum") instanceof String rawChecksum)
        || !(metadata.get("size_bytes") instanceof BigDecimal sizeBytes)) {
      return caller.error(400, "request body has an error: doesn't match schema #/components/schemas/"
          + "StagingMetadata: properties \"staging\" (with \"physical_address\"), \"checksum\" and \"size_bytes\" "
          + "are required");
    }
    Optional<StandInRepository> found = description.repository(repository);
    if (found.isEmpty()) {
      return caller.error(404, REPOSITORY_NOT_FOUND);
    }
    String namespace = found.get().storageNamespace();
    if (PhysicalAddresses.isUnderData(namespace, physicalAddress)) {
      String invalid = addresses.refusal(namespace, repository, branch, path, physicalAddress);
      if (invalid != null) {
        return caller.error(400, invalid);
      }
    }
    // lakeFS's httputil.StripQuotesAndSpaces: an ETag arrives quoted.
    String checksum = rawChecksum.replace("\"", "").strip();
    if (checksum.isEmpty()) {
      return caller.error(400, "checksum is required");
    }
    if (found.get().readOnly()) {
      return caller.error(403, "read-only repository");
    }
    long mtime = metadata.get("mtime") instanceof BigDecimal given ? given.longValue()
        : clock.instant().getEpochSecond();
    String contentType = metadata.get("content_type") instanceof String given && !given.isEmpty() ? given
        : "application/octet-stream";
    Map<String, String> userMetadata = new java.util.TreeMap<>();
    if (metadata.get("user_metadata") instanceof Map<?, ?> given) {
      given.forEach((key, value) -> userMetadata.put(String.valueOf(key), String.valueOf(value)));
    }
    StandInObject object = new StandInObject(path, physicalAddress, checksum, sizeBytes.longValue(), contentType,
        userMetadata, mtime);
    if (!catalog.stage(repository, branch, object)) {
      return caller.error(404, "branch not found");
    }
    return caller.answer(200, LakeFSJson.objectStats(object));
  }

  private Answer statObject(Caller caller, String user, String repository, String ref, Map<String, String> query) {
    String path = query.get("path");
    if (path == null) {
      return missingQueryParameter(caller, "path");
    }
    Optional<Answer> refused = authorize(caller, user, LakeFSPermissions.READ_OBJECT, objectArn(repository, path));
    if (refused.isPresent()) {
      return refused.get();
    }
    if (description.repository(repository).isEmpty()) {
      return caller.error(404, REPOSITORY_NOT_FOUND);
    }
    return catalog.objectsAt(repository, ref)
        .flatMap(objects -> Optional.ofNullable(objects.get(path)))
        .map(object -> caller.answer(200, LakeFSJson.objectStats(object)))
        .orElseGet(() -> caller.error(404, NOT_FOUND));
  }

  /** lakeFS's {@code ListObjects}: fs:ListObjects on the repository; prefix, after, amount and delimiter. */
  private Answer listObjects(Caller caller, String user, String repository, String ref, Map<String, String> query) {
    Optional<Answer> refused = authorize(caller, user, LakeFSPermissions.LIST_OBJECTS, repositoryArn(repository));
    if (refused.isPresent()) {
      return refused.get();
    }
    if (description.repository(repository).isEmpty()) {
      return caller.error(404, REPOSITORY_NOT_FOUND);
    }
    int amount;
    try {
      amount = Integer.parseInt(query.getOrDefault("amount", String.valueOf(MAX_PER_PAGE)));
    } catch (NumberFormatException e) {
      return caller.error(400, "parameter \"amount\" in query has an error: value " + query.get("amount")
          + ": an invalid integer: invalid syntax");
    }
    if (amount < -1) {
      return caller.error(400, "parameter \"amount\" in query has an error: number must be at least -1");
    }
    amount = amount <= 0 || amount > MAX_PER_PAGE ? MAX_PER_PAGE : amount;
    Optional<NavigableMap<String, StandInObject>> objects = catalog.objectsAt(repository, ref);
    if (objects.isEmpty()) {
      return caller.error(404, NOT_FOUND);
    }
    String prefix = query.getOrDefault("prefix", "");
    String after = query.getOrDefault("after", "");
    String delimiter = query.getOrDefault("delimiter", "");
    List<LakeFSJson.ListedEntry> entries = new ArrayList<>();
    boolean hasMore = false;
    for (StandInObject object : objects.get().tailMap(prefix, true).values()) {
      if (!object.path().startsWith(prefix)) {
        break;
      }
      LakeFSJson.ListedEntry entry = listed(object, prefix, delimiter);
      boolean repeat = !entries.isEmpty() && entries.get(entries.size() - 1).path().equals(entry.path());
      if (repeat || entry.path().compareTo(after) <= 0) {
        continue;
      }
      if (entries.size() == amount) {
        hasMore = true;
        break;
      }
      entries.add(entry);
    }
    return caller.answer(200, LakeFSJson.objectStatsList(entries, hasMore, MAX_PER_PAGE));
  }

  private static LakeFSJson.ListedEntry listed(StandInObject object, String prefix, String delimiter) {
    if (!delimiter.isEmpty()) {
      int cut = object.path().indexOf(delimiter, prefix.length());
      if (cut >= 0) {
        return new LakeFSJson.ListedEntry(object.path().substring(0, cut + delimiter.length()), Optional.empty());
      }
    }
    return new LakeFSJson.ListedEntry(object.path(), Optional.of(object));
  }

  /**
   * lakeFS's {@code PrepareGarbageCollectionCommitsStatus}: retention:PrepareGarbageCollectionCommits on the
   * repository, then the task. The stand-in runs no garbage collection, so every task id is unknown: a
   * holder of the permission learns "not found", anyone else lakeFS's 401, and nothing is written.
   */
  private Answer prepareGarbageCollectionCommitsStatus(Caller caller, String user, String repository,
      Map<String, String> query) {
    if (query.get("id") == null) {
      return missingQueryParameter(caller, "id");
    }
    Optional<Answer> refused = authorize(caller, user, LakeFSPermissions.PREPARE_GARBAGE_COLLECTION_COMMITS,
        repositoryArn(repository));
    if (refused.isPresent()) {
      return refused.get();
    }
    return caller.error(404, description.repository(repository).isPresent() ? NOT_FOUND : REPOSITORY_NOT_FOUND);
  }

  /**
   * lakeFS's {@code authorize}: a missing permission is 401 (not 403) with {@code auth.ErrInsufficientPermissions}
   * wrapping {@code MissingPermissions.String()}, which names the action.
   */
  private Optional<Answer> authorize(Caller caller, String user, String action, String resourceArn) {
    if (description.allows(user, action, resourceArn)) {
      return Optional.empty();
    }
    return Optional.of(caller.error(401, insufficientPermissions(action)));
  }

  /** lakeFS's message for a missing permission: {@code insufficient permissions: not allowed to <action>}. */
  static String insufficientPermissions(String action) {
    return "insufficient permissions: not allowed to " + action;
  }

  /** kin-openapi's request validation, which lakeFS runs before any handler, for a required query parameter. */
  private static Answer missingQueryParameter(Caller caller, String name) {
    return caller.error(400, "parameter \"" + name + "\" in query has an error: value is required but missing");
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
    String[] parts = authorization.get().trim().split("\\s+");
    if (parts.length == 2 && parts[0].equalsIgnoreCase("Bearer")) {
      // lakeFS's UserByToken: a token it signed, not expired, for a user that still exists.
      Optional<StandInUser> user = loginTokens.verify(parts[1]).flatMap(description::user);
      return new Caller(Optional.empty(), user, user.isEmpty());
    }
    // Any other scheme lakeFS ignores, leaving the caller anonymous.
    return new Caller(Optional.empty(), Optional.empty(), false);
  }

  private static Answer notImplemented(Caller caller, Request request) {
    return caller.error(501, "the lakeFS stand-in does not implement " + request.method() + " " + request.path()
        + "; it answers health, login, current user, repository, branch, commit, staging (getPhysicalAddress, "
        + "linkPhysicalAddress), statObject, listObjects and the GC-commits task status: extend LakeFSApi, or test "
        + "against a real lakeFS");
  }
}
