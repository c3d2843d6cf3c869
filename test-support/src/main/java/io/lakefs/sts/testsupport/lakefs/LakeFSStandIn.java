package io.lakefs.sts.testsupport.lakefs;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for a lakeFS server, for tests: it is not lakeFS, which is a Go server that tests here
 * cannot run. It listens on 127.0.0.1 in this JVM and answers exactly as lakeFS does (statuses, JSON, error
 * messages, RBAC checks) for the users, repositories and policy statements of its {@link LakeFSDescription}:
 * <ul>
 *   <li>{@code GET /healthcheck}, {@code GET /user}, {@code POST /auth/login} (a JWT it then accepts as
 *       {@code Authorization: Bearer} until it expires);</li>
 *   <li>{@code GET /repositories/{repository}}, {@code GET .../branches/{branch}},
 *       {@code POST .../branches/{branch}/commits};</li>
 *   <li>lakeFSFS's data path: {@code GET} and {@code PUT .../branches/{branch}/staging/backing?path=}
 *       (getPhysicalAddress, handing out signed addresses under {@code <namespace>/data/}, and
 *       linkPhysicalAddress), {@code GET .../refs/{ref}/objects/stat?path=} and {@code .../objects/ls};</li>
 *   <li>{@code GET .../gc/prepare_commits/status?id=}, which only tells whether the caller holds
 *       retention:PrepareGarbageCollectionCommits (it runs no garbage collection);</li>
 *   <li>lakeFS's RBAC administration, read side: {@code GET /auth/users/{user}}, {@code .../policies}
 *       (with {@code effective=true}: the user's and its groups' policies), {@code .../groups},
 *       {@code GET /auth/groups/{group}/policies}; and {@code DELETE /auth/users/{user}} and
 *       {@code DELETE /auth/users/{user}/policies/{policy}}, which {@link #deleteUser} and
 *       {@link #detachPolicy} also do for a test.</li>
 * </ul>
 * Anything else gets a 501 naming what is missing. It records every request, and can be told to answer
 * 503, to refuse connections, or to answer late, to test callers' failure paths. It stores metadata only:
 * the bytes go to the object store, as with lakeFS.
 *
 * <pre>{@code
 * try (LakeFSStandIn lakeFS = LakeFSStandIn.builder()
 *     .user("alice", "AKIAIOSFODNN7ALICE", "alice-secret")
 *     .user("bob", "AKIAIOSFODNN7BOB", "bob-secret")
 *     .repository("repo1", "s3://lakefs-data/repo1/")
 *     .grant("alice", "repo1")          // lakeFS's FSReadWrite on repo1
 *     .grantRead("bob", "repo1")        // lakeFS's FSRead on repo1
 *     .start()) {
 *   // point the code under test at lakeFS.endpoint(), then assert on lakeFS.requests()
 * }
 * }</pre>
 */
public final class LakeFSStandIn implements AutoCloseable {
  private static final String LOOPBACK = "127.0.0.1";
  /** lakeFS's {@code auth.login_duration} default: a login JWT is accepted for 7 days. */
  public static final Duration DEFAULT_LOGIN_TOKEN_LIFETIME = Duration.ofDays(7);
  /** Request bodies lakeFS's API takes here are a few hundred bytes; anything past this is refused. */
  private static final int MAX_BODY_BYTES = 1 << 20;

  private final LakeFSDescription description;
  private final LakeFSApi api;
  private final InetSocketAddress address;
  private final ExecutorService workers;
  private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
  private final Object lifecycle = new Object();
  private volatile boolean unavailable;
  private volatile Duration delay = Duration.ZERO;
  /** The listener; null while refusing connections and after close. Guarded by {@link #lifecycle}. */
  private HttpServer server;
  private boolean closed;

  private LakeFSStandIn(LakeFSDescription description, Duration loginTokenLifetime, Clock clock, boolean rbac)
      throws IOException {
    this.description = description;
    this.api = new LakeFSApi(description, new LoginTokens(loginTokenLifetime, clock), clock, rbac);
    AtomicInteger threads = new AtomicInteger();
    // A pool rather than HttpServer's single dispatcher thread, so that a delayed answer holds up no other.
    this.workers = Executors.newCachedThreadPool(runnable -> {
      Thread thread = new Thread(runnable, "lakefs-stand-in-" + threads.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    this.server = listen(new InetSocketAddress(InetAddress.getByName(LOOPBACK), 0));
    this.address = server.getAddress();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Starts a stand-in for this description on a free loopback port, with lakeFS's default login lifetime. */
  public static LakeFSStandIn start(LakeFSDescription description) throws IOException {
    return new LakeFSStandIn(Objects.requireNonNull(description, "description"), DEFAULT_LOGIN_TOKEN_LIFETIME,
        Clock.systemUTC(), true);
  }

  /** The lakeFS API base URL, {@code http://127.0.0.1:PORT/api/v1}, as lakeFS clients and the SDK take it. */
  public URI endpoint() {
    return URI.create("http://" + LOOPBACK + ":" + address.getPort() + LakeFSApi.BASE_PATH);
  }

  public LakeFSDescription description() {
    return description;
  }

  /** Every request received so far, oldest first, including those answered 503 or 501. */
  public List<RecordedRequest> requests() {
    return List.copyOf(requests);
  }

  /** Forgets the requests recorded so far, for a stand-in shared between tests. */
  public void clearRequests() {
    requests.clear();
  }

  /** From now on answers every request 503 with a lakeFS-style error body, as a lakeFS behind a proxy that lost it. */
  public void answerUnavailable() {
    unavailable = true;
  }

  /**
   * Closes the listener, so connections are refused as by a lakeFS that is down. Requests already being
   * answered still get their answer.
   */
  public void refuseConnections() {
    synchronized (lifecycle) {
      requireOpen();
      if (server != null) {
        server.stop(0);
        server = null;
      }
    }
  }

  /**
   * Undoes {@link #answerUnavailable()} and {@link #refuseConnections()}: listens again on the same port
   * and answers normally. The delay set by {@link #delayAnswers(Duration)} stays.
   *
   * @throws UncheckedIOException if another process took the port while this one was not listening
   */
  public void serveNormally() {
    synchronized (lifecycle) {
      requireOpen();
      unavailable = false;
      if (server == null) {
        try {
          server = listen(address);
        } catch (IOException e) {
          throw new UncheckedIOException("the lakeFS stand-in could not listen on " + address
              + " again; another process took the port while it refused connections. Start a new stand-in", e);
        }
      }
    }
  }

  /**
   * Deletes the user while the stand-in runs, as a lakeFS administrator does: its keys and login tokens stop
   * working, and its policies and group memberships go with it.
   *
   * @throws IllegalArgumentException if there is no such user (any more)
   */
  public void deleteUser(String userId) {
    if (!api.accounts().deleteUser(userId)) {
      throw new IllegalArgumentException("the lakeFS stand-in has no user '" + userId + "' to delete");
    }
  }

  /**
   * Detaches the policy from the user while the stand-in runs; {@link StandInPolicy#grantsOf} names the policy
   * the builder's grants for a user made.
   *
   * @throws IllegalArgumentException if the policy is not attached to the user
   */
  public void detachPolicy(String userId, String policyId) {
    if (!api.accounts().detachPolicy(userId, policyId)) {
      throw new IllegalArgumentException("policy '" + policyId + "' is not attached to user '" + userId + "'");
    }
  }

  /**
   * Attaches a policy of the description to the user while the stand-in runs, as a lakeFS administrator does
   * (and as a test undoes {@link #detachPolicy}).
   *
   * @throws IllegalArgumentException if there is no such user or policy
   */
  public void attachPolicy(String userId, String policyId) {
    if (!api.accounts().attachPolicy(userId, policyId)) {
      throw new IllegalArgumentException("the lakeFS stand-in has no user '" + userId + "' or no policy '" + policyId
          + "'");
    }
  }

  /**
   * Takes the user out of the group while the stand-in runs.
   *
   * @throws IllegalArgumentException if the user is not a member
   */
  public void removeFromGroup(String userId, String groupId) {
    if (!api.accounts().removeFromGroup(userId, groupId)) {
      throw new IllegalArgumentException("user '" + userId + "' is not in group '" + groupId + "'");
    }
  }

  /** Waits this long before each answer (after recording the request); {@link Duration#ZERO} to stop. */
  public void delayAnswers(Duration delay) {
    if (delay.isNegative()) {
      throw new IllegalArgumentException("a delay cannot be negative: " + delay);
    }
    this.delay = delay;
  }

  /** Stops listening and ends any answer still waiting out a delay. */
  @Override
  public void close() {
    synchronized (lifecycle) {
      if (closed) {
        return;
      }
      closed = true;
      if (server != null) {
        server.stop(0);
        server = null;
      }
    }
    workers.shutdownNow();
    try {
      workers.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private HttpServer listen(InetSocketAddress on) throws IOException {
    HttpServer listener = HttpServer.create(on, 64);
    listener.setExecutor(workers);
    listener.createContext("/", this::handle);
    listener.start();
    return listener;
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("this lakeFS stand-in is closed; start a new one");
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readNBytes(MAX_BODY_BYTES + 1);
      exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getPath();
      Optional<String> authorization = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization"));
      LakeFSApi.Answer answer = body.length > MAX_BODY_BYTES
          ? new LakeFSApi.Answer(413, Optional.of(LakeFSJson.error("request body larger than " + MAX_BODY_BYTES
              + " bytes")), Optional.empty(), Optional.empty())
          : api.answer(new LakeFSApi.Request(method, path, query(exchange.getRequestURI().getRawQuery()),
              new String(body, StandardCharsets.UTF_8), authorization));
      if (unavailable) {
        answer = new LakeFSApi.Answer(503, Optional.of(LakeFSJson.error(
            "the lakeFS stand-in was told to answer 503 Service Unavailable; call serveNormally() to undo")),
            answer.accessKeyId(), Optional.empty());
      }
      requests.add(new RecordedRequest(method, path, answer.accessKeyId(), answer.user(), answer.status()));
      if (!delay.isZero()) {
        try {
          Thread.sleep(delay.toMillis());
        } catch (InterruptedException closing) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      send(exchange, answer);
    }
  }

  /** Query parameters as Go's {@code url.ParseQuery} reads them; the first of repeated names wins. */
  private static Map<String, String> query(String rawQuery) {
    Map<String, String> parameters = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return parameters;
    }
    for (String pair : rawQuery.split("&")) {
      int equals = pair.indexOf('=');
      String name = equals < 0 ? pair : pair.substring(0, equals);
      String value = equals < 0 ? "" : pair.substring(equals + 1);
      try {
        parameters.putIfAbsent(URLDecoder.decode(name, StandardCharsets.UTF_8),
            URLDecoder.decode(value, StandardCharsets.UTF_8));
      } catch (IllegalArgumentException badEscape) {
        // Go drops a pair it cannot unescape; so does the stand-in.
      }
    }
    return parameters;
  }

  private static void send(HttpExchange exchange, LakeFSApi.Answer answer) throws IOException {
    if (answer.json().isEmpty()) {
      exchange.sendResponseHeaders(answer.status(), -1);
      return;
    }
    byte[] body = answer.json().get().getBytes(StandardCharsets.UTF_8);
    // lakeFS's writeResponse sets exactly these two on every JSON answer.
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    exchange.sendResponseHeaders(answer.status(), body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  /**
   * Collects users, repositories and the lakeFS policies attached to users; {@link #start()} freezes them
   * into a {@link LakeFSDescription}. Grants name lakeFS's own policies and actions
   * ({@link LakeFSPermissions}); a user granted nothing is refused everything but {@code GET /user} and login.
   */
  public static final class Builder {
    private final List<StandInUser> users = new ArrayList<>();
    private final List<StandInRepository> repositories = new ArrayList<>();
    private final Map<String, List<StandInStatement>> statements = new LinkedHashMap<>();
    private final List<RepositoryGrant> grantedRepositories = new ArrayList<>();
    private final List<StandInPolicy> policies = new ArrayList<>();
    private final Map<String, List<String>> attachments = new LinkedHashMap<>();
    private final Map<String, List<String>> groupPolicies = new LinkedHashMap<>();
    private final Map<String, List<String>> groupMembers = new LinkedHashMap<>();
    private Duration loginTokenLifetime = DEFAULT_LOGIN_TOKEN_LIFETIME;
    private Clock clock = Clock.systemUTC();
    private boolean rbac = true;

    private Builder() {
    }

    /** A grant naming a repository, checked against the described repositories when the builder builds. */
    private record RepositoryGrant(String user, String repository) {
    }

    /** A user authenticating with this access key id and secret. */
    public Builder user(String id, String accessKeyId, String secretAccessKey) {
      return user(StandInUser.of(id, accessKeyId, secretAccessKey));
    }

    /** A user with a friendly name, email or creation date of its own. */
    public Builder user(StandInUser user) {
      users.add(Objects.requireNonNull(user, "user"));
      return this;
    }

    /** A repository on branch "main" with this storage namespace, e.g. {@code s3://lakefs-data/repo1/}. */
    public Builder repository(String id, String storageNamespace) {
      return repository(StandInRepository.of(id, storageNamespace));
    }

    public Builder repository(StandInRepository repository) {
      repositories.add(Objects.requireNonNull(repository, "repository"));
      return this;
    }

    /**
     * lakeFS's FSReadWrite policy on the repository and every object in it, as lakeFS's Developers hold it:
     * read, list, write, delete, branch, commit. No garbage collection (see {@link #grantGarbageCollection}).
     */
    public Builder grant(String userId, String repositoryId) {
      return grant(userId, repositoryId, LakeFSPermissions.FS_READ_WRITE);
    }

    /** lakeFS's FSRead policy on the repository and its objects, as lakeFS's Viewers hold it: no writing. */
    public Builder grantRead(String userId, String repositoryId) {
      return grant(userId, repositoryId, LakeFSPermissions.FS_READ);
    }

    /**
     * The retention actions lakeFS's garbage collection needs on the repository ({@code retention:*}, as
     * lakeFS's RepoManagementFullAccess grants Admins); add to {@link #grant} for a user who runs GC.
     */
    public Builder grantGarbageCollection(String userId, String repositoryId) {
      return grant(userId, repositoryId, LakeFSPermissions.RETENTION_ALL);
    }

    /** These actions (lakeFS's names, wildcards allowed) on the repository and every object and branch in it. */
    public Builder grant(String userId, String repositoryId, List<String> actions) {
      grantedRepositories.add(new RepositoryGrant(userId, repositoryId));
      String repository = LakeFSPermissions.repositoryArn(repositoryId);
      return statement(userId, new StandInStatement(actions, repository))
          .statement(userId, new StandInStatement(actions, repository + "/*"));
    }

    /**
     * These actions on the repository's objects whose path starts with the prefix only: lakeFS's object-level
     * RBAC ({@code arn:lakefs:fs:::repository/{repo}/object/{prefix}*}).
     */
    public Builder grantOnPathPrefix(String userId, String repositoryId, String pathPrefix, List<String> actions) {
      grantedRepositories.add(new RepositoryGrant(userId, repositoryId));
      return statement(userId, new StandInStatement(actions,
          LakeFSPermissions.objectArn(repositoryId, pathPrefix) + "*"));
    }

    /**
     * lakeFS's AllAccess on every repository, existing or not, as an administrator holds it; only such a
     * user learns that a repository does not exist (404), since lakeFS checks the permission first.
     */
    public Builder grantAll(String userId) {
      return statement(userId, new StandInStatement(LakeFSPermissions.ALL_ACCESS, "*"));
    }

    /** Any lakeFS policy statement, for what the shortcuts above do not say. */
    public Builder statement(String userId, StandInStatement statement) {
      statements.computeIfAbsent(userId, user -> new ArrayList<>()).add(Objects.requireNonNull(statement));
      return this;
    }

    /** A named lakeFS policy, to attach to users ({@link #attachPolicy}) or groups ({@link #group}). */
    public Builder policy(String id, StandInStatement... statements) {
      policies.add(StandInPolicy.of(id, statements));
      return this;
    }

    /** Attaches a policy described with {@link #policy} to the user. */
    public Builder attachPolicy(String userId, String policyId) {
      attachments.computeIfAbsent(userId, user -> new ArrayList<>()).add(policyId);
      return this;
    }

    /** A lakeFS group with these policies attached; its members ({@link #addToGroup}) hold them too. */
    public Builder group(String groupId, String... policyIds) {
      groupPolicies.computeIfAbsent(groupId, group -> new ArrayList<>()).addAll(List.of(policyIds));
      groupMembers.computeIfAbsent(groupId, group -> new ArrayList<>());
      return this;
    }

    /** Makes the user a member of a group described with {@link #group}. */
    public Builder addToGroup(String userId, String groupId) {
      if (!groupMembers.containsKey(groupId)) {
        throw new IllegalArgumentException("group '" + groupId + "' is not described; add it with group(...) first");
      }
      groupMembers.get(groupId).add(userId);
      return this;
    }

    /**
     * How long a JWT from {@code POST /auth/login} is accepted (lakeFS's {@code auth.login_duration});
     * short in tests of callers that must replace it before it expires.
     */
    public Builder loginTokenLifetime(Duration lifetime) {
      this.loginTokenLifetime = Objects.requireNonNull(lifetime, "lifetime");
      return this;
    }

    /**
     * Answers as lakeFS Community does, which keeps no policies to show: listing a user's policies answers 501
     * "Not implemented". Permission checks stay as described.
     */
    public Builder withoutRbac() {
      this.rbac = false;
      return this;
    }

    /** The clock login tokens and commits are dated by; the system clock unless a test moves time itself. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The description so far, checked: every grant must name a described user and repository. */
    public LakeFSDescription build() {
      List<StandInPolicy> allPolicies = new ArrayList<>(policies);
      Map<String, List<String>> userPolicies = new LinkedHashMap<>();
      statements.forEach((user, granted) -> {
        allPolicies.add(new StandInPolicy(StandInPolicy.grantsOf(user), granted, StandInUser.DEFAULT_CREATION_DATE));
        userPolicies.computeIfAbsent(user, u -> new ArrayList<>()).add(StandInPolicy.grantsOf(user));
      });
      attachments.forEach((user, ids) -> userPolicies.computeIfAbsent(user, u -> new ArrayList<>()).addAll(ids));
      List<StandInGroup> groups = groupPolicies.keySet().stream()
          .map(group -> new StandInGroup(group, groupMembers.get(group), groupPolicies.get(group))).toList();
      LakeFSDescription description = new LakeFSDescription(users, repositories, allPolicies, userPolicies, groups);
      for (RepositoryGrant granted : grantedRepositories) {
        if (description.repository(granted.repository()).isEmpty()) {
          throw new IllegalArgumentException("grant to user " + granted.user() + " names repository '"
              + granted.repository() + "', which is not described; add it with repository(...) first, or use "
              + "grantAll(" + granted.user() + ") for access to every repository");
        }
      }
      return description;
    }

    public LakeFSStandIn start() throws IOException {
      return new LakeFSStandIn(build(), loginTokenLifetime, clock, rbac);
    }
  }
}
