package io.lakefs.sts.localaws.sts;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.lakefs.sts.localaws.iam.AccessKeys;
import io.lakefs.sts.localaws.iam.PrincipalDirectory;
import io.lakefs.sts.localaws.sigv4.SigV4Verifier;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The loopback AWS STS endpoint of local-aws: AssumeRole and GetCallerIdentity over the AWS Query protocol,
 * SigV4-authenticated against the {@link PrincipalDirectory} it shares with the S3 gateway. Issued sessions
 * go into that directory, so S3 accepts them. Also serves the fault knobs at {@value #ADMIN_FAULTS_PATH}.
 * Not for production: it exists for tests and the demo.
 */
public final class StsServer implements AutoCloseable {
  public static final String ADMIN_FAULTS_PATH = "/_admin/faults";
  /** AWS accepts requests signed up to 15 minutes away from its clock. */
  static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(15);
  /** STS answers many callers at once; with delayMillis set, each delayed call holds one of these throughout. */
  private static final int WORKER_THREADS = 64;
  private static final Duration CLOSE_GRACE = Duration.ofSeconds(5);

  private final InetSocketAddress address;
  private final HttpHandler stsHandler;
  private final HttpHandler adminHandler;
  private final AtomicInteger inFlight = new AtomicInteger();
  private HttpServer server;
  private ExecutorService workers;

  /**
   * @param address where to listen; port 0 picks a free port, see {@link #port()} after {@link #start()}
   * @param region the one region this endpoint serves; requests must be signed for it
   */
  public StsServer(InetSocketAddress address, PrincipalDirectory principals, StsFaults faults, Clock clock,
      String region, AccessKeys accessKeys) {
    this.address = Objects.requireNonNull(address, "address");
    Objects.requireNonNull(principals, "principals");
    Objects.requireNonNull(faults, "faults");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(accessKeys, "accessKeys");
    StsAuthenticator authenticator = new StsAuthenticator(new SigV4Verifier(clock, MAX_CLOCK_SKEW, true),
        principals, clock, region);
    this.stsHandler = counted(new StsHandler(authenticator,
        new AssumeRoleAction(principals, accessKeys, faults, clock), faults));
    this.adminHandler = counted(new FaultsAdminHandler(faults));
  }

  /** Binds and starts serving. */
  public synchronized void start() throws IOException {
    if (server != null) {
      throw new IllegalStateException("STS server already started on port " + port());
    }
    HttpServer created = HttpServer.create(address, 0);
    created.createContext("/", stsHandler);
    created.createContext(ADMIN_FAULTS_PATH, adminHandler);
    workers = Executors.newFixedThreadPool(WORKER_THREADS, daemonThreads());
    created.setExecutor(workers);
    created.start();
    server = created;
  }

  /** The bound port. */
  public synchronized int port() {
    if (server == null) {
      throw new IllegalStateException("STS server is not started: call start() first");
    }
    return server.getAddress().getPort();
  }

  /** The endpoint to give an STS client, e.g. http://127.0.0.1:PORT. */
  public synchronized URI endpoint() {
    String host = address.getAddress() == null || address.getAddress().isAnyLocalAddress()
        ? "127.0.0.1" : address.getAddress().getHostAddress();
    return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port());
  }

  /** Lets calls in progress finish (up to five seconds), then stops listening and releases the threads. */
  @Override
  public synchronized void close() {
    if (server == null) {
      return;
    }
    long deadline = System.nanoTime() + CLOSE_GRACE.toNanos();
    while (inFlight.get() > 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    // HttpServer.stop(n) on JDK 17 waits the full n seconds even when idle; in-flight calls are drained above.
    server.stop(0);
    workers.shutdownNow();
    try {
      workers.awaitTermination(CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    server = null;
  }

  private HttpHandler counted(HttpHandler handler) {
    return (HttpExchange exchange) -> {
      inFlight.incrementAndGet();
      try {
        handler.handle(exchange);
      } finally {
        inFlight.decrementAndGet();
      }
    };
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, "local-aws-sts-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
