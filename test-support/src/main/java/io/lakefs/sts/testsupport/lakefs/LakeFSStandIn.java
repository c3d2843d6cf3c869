package io.lakefs.sts.testsupport.lakefs;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for a lakeFS server, for tests: it is not lakeFS, which is a Go server that tests here
 * cannot run. It listens on 127.0.0.1 in this JVM and answers {@code GET /api/v1/user},
 * {@code GET /api/v1/repositories/{repository}} and {@code GET /api/v1/healthcheck} exactly as lakeFS does
 * (statuses, JSON, error messages), for the users, repositories and read grants of its
 * {@link LakeFSDescription}; anything else gets a 501 naming what is missing. It records every request,
 * and can be told to answer 503, to refuse connections, or to answer late, to test callers' failure paths.
 *
 * <pre>{@code
 * try (LakeFSStandIn lakeFS = LakeFSStandIn.builder()
 *     .user("alice", "AKIAIOSFODNN7ALICE", "alice-secret")
 *     .repository("repo1", "s3://lakefs-data/repo1/")
 *     .grant("alice", "repo1")
 *     .start()) {
 *   // point the code under test at lakeFS.endpoint(), then assert on lakeFS.requests()
 * }
 * }</pre>
 */
public final class LakeFSStandIn implements AutoCloseable {
  private static final String LOOPBACK = "127.0.0.1";

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

  private LakeFSStandIn(LakeFSDescription description) throws IOException {
    this.description = description;
    this.api = new LakeFSApi(description);
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

  /** Starts a stand-in for this description on a free loopback port. */
  public static LakeFSStandIn start(LakeFSDescription description) throws IOException {
    return new LakeFSStandIn(Objects.requireNonNull(description, "description"));
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
      exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getPath();
      Optional<String> authorization = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization"));
      LakeFSApi.Answer answer = api.answer(method, path, authorization);
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

  /** Collects users, repositories and grants; {@link #start()} freezes them into a {@link LakeFSDescription}. */
  public static final class Builder {
    private final List<StandInUser> users = new ArrayList<>();
    private final List<StandInRepository> repositories = new ArrayList<>();
    private final Map<String, Set<String>> grants = new LinkedHashMap<>();
    private final Set<String> readsEveryRepository = new HashSet<>();

    private Builder() {
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

    /** Lets the user read the repository (lakeFS's fs:ReadRepository on it); others get lakeFS's 401. */
    public Builder grant(String userId, String repositoryId) {
      grants.computeIfAbsent(userId, user -> new HashSet<>()).add(repositoryId);
      return this;
    }

    /**
     * Lets the user read every repository, as lakeFS's admins and readers may; only such a user learns
     * that a repository does not exist (404), since lakeFS checks the permission first.
     */
    public Builder grantAll(String userId) {
      readsEveryRepository.add(userId);
      return this;
    }

    /** The description so far, checked: every grant must name a described user and repository. */
    public LakeFSDescription build() {
      return new LakeFSDescription(users, repositories, grants, readsEveryRepository);
    }

    public LakeFSStandIn start() throws IOException {
      return LakeFSStandIn.start(build());
    }
  }
}
