package io.lakefs.sts.benchmarks.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakefs.sts.testsupport.Classpath;
import io.lakefs.sts.testsupport.CredentialsServiceProcess;
import io.lakefs.sts.testsupport.LocalAwsProcess;
import io.lakefs.sts.testsupport.SelfSignedKeystore;
import io.lakefs.sts.testsupport.lakefs.LakeFSStandIn;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * P2 and P3 of {@code benchmarks/README.md}. Each server runs in a JVM of its own, this JVM is only the load client
 * (and the lakeFS stand-in, which a warm cache rarely calls): the credentials service from its fat jar, as operators
 * run it, and the bare Jetty 9.4 servlet ({@link BareJettyServer}) answering a body of the same size.
 *
 * <p>P2: cached {@code POST /api/v1/credentials}, with a delegation token and with a lakeFS key, against the bare
 * servlet, at each concurrency; the bare servlet runs first at each level, then token, then key; over HTTP, then
 * over TLS (both servers with one self-signed keystore). P3: herds of {@value #HERD} clients released at once for
 * one cold (user, scope): AssumeRole calls (the service's metric) and lakeFS calls (the stand-in's log) per herd;
 * again with local-aws holding each AssumeRole {@link #STS_DELAY}, timing {@code /health} and another user's cached
 * request while the herd waits. Writes {@code benchmarks/target/load-results.md}.
 *
 * <p>Usage: {@code HttpLoadComparison [MEASURED_SECONDS [CONCURRENCY...]]} (default 10 s; 16 64 256).
 *
 * <p>With {@code --open-loop [MEASURED_SECONDS [CONNECTIONS [FRACTION...]]]} (default 10 s, 256, 0.25 0.5), the
 * latency at a fixed rate instead, over HTTP: bare Jetty's closed-loop throughput at that many clients is measured
 * first (the service's too, for reference), then bare Jetty, token and key are each sent requests at each fraction
 * of bare Jetty's throughput ({@link OpenLoopLoad}); latency counts from each request's scheduled time. A closed
 * loop of 256 clients on 2 cores cannot show a p99 under 20 ms (Little's law: 256 in flight at 15,000 req/s is
 * 17 ms on average); at a fixed rate both sustain, it can be judged. Writes
 * {@code benchmarks/target/open-loop-results.md}.
 */
public final class HttpLoadComparison {
  static final int HERD = 1000;
  private static final int HERDS = 3;
  /** For the herd at expiry: credentials that live this long, refreshed within this margin of their end. */
  private static final Duration SHORT_LIFETIME = Duration.ofSeconds(60);
  private static final Duration SHORT_MARGIN = Duration.ofSeconds(20);
  /** For the herds with STS slowed: how long each AssumeRole is held, and when, after release, to probe. */
  private static final Duration STS_DELAY = Duration.ofSeconds(5);
  private static final Duration PROBE_AFTER = Duration.ofSeconds(3);
  private static final int PROBES = 5;
  private static final String SECRET_PREFIX = "load-secret-for-loopback-only-";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern ISSUED = Pattern.compile("lakefs_sts_sts_credentials_issued_total(?:\\{[^}]*\\})? ([0-9.eE+]+)");

  private HttpLoadComparison() {
  }

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("--open-loop")) {
      try {
        openLoop(Arrays.copyOfRange(args, 1, args.length));
      } catch (Exception e) {
        e.printStackTrace();
        System.exit(1); // the HTTP clients' threads would keep a failed run's JVM alive
      }
      System.exit(0);
    }
    Duration measured = Duration.ofSeconds(args.length > 0 ? Long.parseLong(args[0]) : 10);
    List<Integer> concurrencies = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      concurrencies.add(Integer.parseInt(args[i]));
    }
    if (concurrencies.isEmpty()) {
      concurrencies = List.of(16, 64, 256);
    }
    Path work = Files.createDirectories(Path.of("benchmarks", "target", "load"));
    LakeFSStandIn.Builder description = standIn();
    StringBuilder report = new StringBuilder("# HTTP load results, ").append(Instant.now()).append("\n\n")
        .append("Java ").append(System.getProperty("java.version")).append(", ")
        .append(Runtime.getRuntime().availableProcessors()).append(" processors; client, service and baseline ")
        .append("in separate JVMs on the same machine, over loopback, ").append(measured.toSeconds())
        .append(" s measured after 3 s warm-up per row.\n");
    HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(4)).build();
    try (LakeFSStandIn lakeFS = description.start();
        LocalAwsProcess aws = LocalAwsProcess.builder().start()) {
      long serviceStart = System.nanoTime();
      CredentialsServiceProcess service = CredentialsServiceProcess.start(work.resolve("service"),
          lakeFS.endpoint(), aws, Map.of("lakefs.sts.lakefs.auth.cache.seconds", "60"), serviceJvmOptions());
      try {
        Duration serviceStarted = awaitHealth(http, service.endpoint(), serviceStart);
        run(http, service, lakeFS, aws, serviceStarted, concurrencies, measured, report);
      } finally {
        service.close();
      }
    }
    SelfSignedKeystore keystore = SelfSignedKeystore.create(work.resolve("tls"), UUID.randomUUID().toString());
    HttpClient https = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(4))
        .sslContext(keystore.trustingContext()).build();
    try (LakeFSStandIn lakeFS = description.start();
        LocalAwsProcess aws = LocalAwsProcess.builder().start();
        CredentialsServiceProcess service = CredentialsServiceProcess.start(work.resolve("service-tls"),
            lakeFS.endpoint(), aws, Map.of("lakefs.sts.lakefs.auth.cache.seconds", "60",
                "lakefs.sts.tls.keystore.path", keystore.file().toString(),
                "lakefs.sts.tls.keystore.password", keystore.password()), serviceJvmOptions())) {
      awaitHealth(https, service.endpoint(), System.nanoTime());
      report.append(p2(https, service.endpoint(), Optional.of(keystore), Optional.empty(), concurrencies, measured));
    }
    try (LakeFSStandIn lakeFS = description.start();
        LocalAwsProcess aws = LocalAwsProcess.builder().sessionLifetime(SHORT_LIFETIME).start();
        CredentialsServiceProcess service = CredentialsServiceProcess.start(work.resolve("service-expiry"),
            lakeFS.endpoint(), aws, Map.of("lakefs.sts.lakefs.auth.cache.seconds", "60",
                "lakefs.sts.credentials.refresh-margin.seconds", Long.toString(SHORT_MARGIN.toSeconds())),
            serviceJvmOptions())) {
      report.append(p3AtExpiry(http, service.endpoint(), lakeFS));
    }
    Path out = Path.of("benchmarks", "target", "load-results.md");
    Files.writeString(out, report);
    System.out.println(report);
    System.out.println("written to " + out.toAbsolutePath());
    System.exit(0); // the HTTP client's pool
  }

  /**
   * Options for the service's JVM from {@code SERVICE_JVM_OPTIONS} (split on spaces), to profile it under load,
   * e.g. {@code -XX:StartFlightRecording=filename=service.jfr -Xlog:gc:file=gc.log}; none by default.
   */
  private static List<String> serviceJvmOptions() {
    String options = System.getenv().getOrDefault("SERVICE_JVM_OPTIONS", "").trim();
    return options.isEmpty() ? List.of() : List.of(options.split("\\s+"));
  }

  /** The lakeFS stand-in's users and repositories. */
  private static LakeFSStandIn.Builder standIn() {
    LakeFSStandIn.Builder description = LakeFSStandIn.builder();
    // user0 for P2; two per cold herd (token, key); two for the herds with STS slowed.
    int users = 2 * HERDS + 3;
    for (int user = 0; user < users; user++) {
      description.user("user" + user, key(user), SECRET_PREFIX + user);
    }
    for (int repository = 0; repository < users; repository++) {
      description.repository("repo" + repository, "s3://lakefs-data/repo" + repository + "/");
      for (int user = 0; user < users; user++) {
        description.grant("user" + user, "repo" + repository);
      }
    }
    return description;
  }

  /** See the class comment: {@code args} are MEASURED_SECONDS, CONNECTIONS and the FRACTIONs. */
  private static void openLoop(String[] args) throws Exception {
    Duration measured = Duration.ofSeconds(args.length > 0 ? Long.parseLong(args[0]) : 10);
    int connections = args.length > 1 ? Integer.parseInt(args[1]) : 256;
    List<Double> fractions = new ArrayList<>();
    for (int i = 2; i < args.length; i++) {
      fractions.add(Double.parseDouble(args[i]));
    }
    if (fractions.isEmpty()) {
      fractions = List.of(0.25, 0.5);
    }
    Duration warmUp = Duration.ofSeconds(3);
    StringBuilder report = new StringBuilder("# Open-loop latency, ").append(Instant.now()).append("\n\n")
        .append("Java ").append(System.getProperty("java.version")).append(", ")
        .append(Runtime.getRuntime().availableProcessors()).append(" processors; client, service and baseline ")
        .append("in separate JVMs on the same machine, over loopback (HTTP), ").append(measured.toSeconds())
        .append(" s measured after ").append(warmUp.toSeconds()).append(" s warm-up per row; latency from each")
        .append(" request's scheduled send time.\n");
    HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(4)).build();
    try (LakeFSStandIn lakeFS = standIn().start();
        LocalAwsProcess aws = LocalAwsProcess.builder().start();
        CredentialsServiceProcess service = CredentialsServiceProcess.start(
            Files.createDirectories(Path.of("benchmarks", "target", "load")).resolve("service-open-loop"),
            lakeFS.endpoint(), aws, Map.of("lakefs.sts.lakefs.auth.cache.seconds", "60"), serviceJvmOptions())) {
      awaitHealth(http, service.endpoint(), System.nanoTime());
      Callers callers = callers(http, service.endpoint());
      Process bare = startBare(callers.bodyBytes(), Optional.empty());
      try {
        URI bareUri = awaitBare(bare);
        awaitHealth(http, bareUri, System.nanoTime());
        HttpRequest baseline = credentialsRequest(bareUri.resolve("/api/v1/credentials"), "repo0").build();
        ClosedLoopLoad closed = new ClosedLoopLoad(http);
        warmUp(closed, List.of(baseline, callers.withToken(), callers.withKey()));
        ClosedLoopLoad.Result capacity = closed.run(baseline, connections, warmUp, measured);
        String closedRows = row(connections, "bare Jetty", capacity, capacity)
            + row(connections, "token", closed.run(callers.withToken(), connections, warmUp, measured), capacity)
            + row(connections, "lakeFS key", closed.run(callers.withKey(), connections, warmUp, measured), capacity);
        System.out.print(closedRows);
        report.append("\n## Closed loop, ").append(connections).append(" clients (what each sustains)\n\n")
            .append("| clients | caller | req/s | ratio to bare | p50 ms | p99 ms |\n|---|---|---|---|---|---|\n")
            .append(closedRows)
            .append("\n## Open loop, ").append(connections).append(" connections, at fractions of bare Jetty's ")
            .append(String.format(Locale.ROOT, "%.0f", capacity.requestsPerSecond())).append(" req/s\n\n")
            .append("| rate asked req/s | caller | achieved req/s | p50 ms | p99 ms | p99.9 ms | max ms |\n")
            .append("|---|---|---|---|---|---|---|\n");
        try (OpenLoopLoad open = new OpenLoopLoad()) {
          for (double fraction : fractions) {
            double rate = fraction * capacity.requestsPerSecond();
            for (Map.Entry<String, HttpRequest> caller : List.of(Map.entry("bare Jetty", baseline),
                Map.entry("token", callers.withToken()), Map.entry("lakeFS key", callers.withKey()))) {
              OpenLoopLoad.Result result = open.run(caller.getKey(), caller.getValue(), rate, connections, warmUp,
                  measured);
              String line = String.format(Locale.ROOT,
                  "| %.0f (%.2f of bare) | %s | %.0f | %.1f | %.1f | %.1f | %.1f |%n", rate, fraction, caller.getKey(),
                  result.requestsPerSecond(), result.p50Millis(), result.p99Millis(), result.p999Millis(),
                  result.maxMillis());
              System.out.print(line);
              report.append(line);
            }
          }
        }
      } finally {
        bare.destroy();
        bare.waitFor();
      }
    }
    Path out = Path.of("benchmarks", "target", "open-loop-results.md");
    Files.writeString(out, report);
    System.out.println(report);
    System.out.println("written to " + out.toAbsolutePath());
  }

  /** P2's two callers of the service (user0, repo0: a token and a lakeFS key), and the size of its answer. */
  private record Callers(HttpRequest withToken, HttpRequest withKey, int bodyBytes) {
  }

  /** The callers, each asked once so that the service's caches hold their credentials. */
  private static Callers callers(HttpClient http, URI service) throws Exception {
    HttpRequest withKey = otherUsersRequest(service);
    HttpRequest withToken = credentialsRequest(service.resolve("/api/v1/credentials"), "repo0")
        .header("X-Hadoop-Delegation-Token", token(http, service, 0)).build();
    int bodyBytes = http.send(withKey, HttpResponse.BodyHandlers.ofByteArray()).body().length;
    http.send(withToken, HttpResponse.BodyHandlers.ofByteArray());
    return new Callers(withToken, withKey, bodyBytes);
  }

  /** The bare Jetty servlet in a JVM of its own, answering {@code bodyBytes}; over TLS with {@code keystore}. */
  private static Process startBare(int bodyBytes, Optional<SelfSignedKeystore> keystore) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-cp", Classpath.asString(), BareJettyServer.class.getName(), Integer.toString(bodyBytes)));
    ProcessBuilder bareJvm = new ProcessBuilder(command).redirectErrorStream(true);
    keystore.ifPresent(k -> {
      command.add(k.file().toString());
      bareJvm.environment().put(BareJettyServer.KEYSTORE_PASSWORD_ENV, k.password());
    });
    return bareJvm.command(command).start();
  }

  private static void run(HttpClient http, CredentialsServiceProcess service, LakeFSStandIn lakeFS,
      LocalAwsProcess aws, Duration serviceStarted, List<Integer> concurrencies, Duration measured,
      StringBuilder report) throws Exception {
    report.append(p2(http, service.endpoint(), Optional.empty(), Optional.of(serviceStarted), concurrencies,
        measured));
    report.append(p3(http, service.endpoint(), lakeFS));
    report.append(p3Slowed(http, service.endpoint(), lakeFS, aws));
  }

  /**
   * P2 against {@code service}, beside a bare Jetty started for it, both over TLS with {@code keystore} when given;
   * with the time each took to start when {@code serviceStarted} is given.
   */
  private static String p2(HttpClient http, URI service, Optional<SelfSignedKeystore> keystore,
      Optional<Duration> serviceStarted, List<Integer> concurrencies, Duration measured) throws Exception {
    Callers callers = callers(http, service);
    long bareStart = System.nanoTime();
    Process bare = startBare(callers.bodyBytes(), keystore);
    try {
      URI bareUri = awaitBare(bare);
      Duration bareStarted = awaitHealth(http, bareUri, bareStart);
      StringBuilder out = new StringBuilder();
      serviceStarted.ifPresent(started -> out.append(String.format(Locale.ROOT, "%nTime from starting the JVM to the"
          + " first answer of /health: service %.1f s, bare Jetty %.1f s.%n", started.toMillis() / 1e3,
          bareStarted.toMillis() / 1e3)));
      HttpRequest baseline = credentialsRequest(bareUri.resolve("/api/v1/credentials"), "repo0").build();
      warmUp(new ClosedLoopLoad(http), List.of(baseline, callers.withToken(), callers.withKey()));
      return out.append(p2Rows(new ClosedLoopLoad(http), keystore.isPresent() ? "TLS" : "HTTP", baseline,
          callers.withToken(), callers.withKey(), concurrencies, measured, callers.bodyBytes())).toString();
    } finally {
      bare.destroy();
      bare.waitFor();
    }
  }

  /** user0's cached request for repo0 with its lakeFS key: P2's key caller, and P3's other user. */
  private static HttpRequest otherUsersRequest(URI service) {
    return credentialsRequest(service.resolve("/api/v1/credentials"), "repo0").header("Authorization", basic(0)).build();
  }

  /** JIT-compiles this client's and the servers' paths before anything is measured, so no row pays for it. */
  private static void warmUp(ClosedLoopLoad load, List<HttpRequest> requests) throws Exception {
    for (HttpRequest request : requests) {
      load.run(request, 16, Duration.ZERO, Duration.ofSeconds(5));
    }
  }

  /** Time from {@code startNanos} to the first 200 of {@code /health} (the bare servlet answers any path). */
  private static Duration awaitHealth(HttpClient http, URI server, long startNanos) throws Exception {
    HttpRequest health = HttpRequest.newBuilder(server.resolve("/health")).build();
    while (true) {
      try {
        if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return Duration.ofNanos(System.nanoTime() - startNanos);
        }
      } catch (java.io.IOException notYet) {
        // not listening yet
      }
      Thread.sleep(10);
    }
  }

  private static String p2Rows(ClosedLoopLoad load, String transport, HttpRequest baseline, HttpRequest withToken,
      HttpRequest withKey, List<Integer> concurrencies, Duration measured, int bodyBytes) throws Exception {
    StringBuilder out = new StringBuilder("\n## P2 over " + transport + ": cached POST /api/v1/credentials vs a bare"
        + " Jetty 9.4 servlet (" + bodyBytes + " B body)\n\n| clients | caller | req/s | ratio to bare | p50 ms | p99 ms |\n|---|---|---|---|---|---|\n");
    Duration warmUp = Duration.ofSeconds(3);
    for (int clients : concurrencies) {
      ClosedLoopLoad.Result bare = load.run(baseline, clients, warmUp, measured);
      String rows = row(clients, "bare Jetty", bare, bare)
          + row(clients, "token", load.run(withToken, clients, warmUp, measured), bare)
          + row(clients, "lakeFS key", load.run(withKey, clients, warmUp, measured), bare);
      System.out.print(rows); // progress: a whole run takes minutes
      out.append(rows);
    }
    return out.toString();
  }

  private static String row(int clients, String caller, ClosedLoopLoad.Result result, ClosedLoopLoad.Result bare) {
    return String.format(Locale.ROOT, "| %d | %s | %.0f | %.2f | %.1f | %.1f |%n", clients, caller,
        result.requestsPerSecond(), result.requestsPerSecond() / bare.requestsPerSecond(), result.p50Millis(),
        result.p99Millis());
  }

  /** Cold herds: each for a (user, repository) never asked before, so neither cache holds it. */
  private static String p3(HttpClient http, URI service, LakeFSStandIn lakeFS) throws Exception {
    StringBuilder out = new StringBuilder("\n## P3: herds of " + HERD + " clients for one cold (user, scope)\n\n"
        + "| herd | caller | answers 200 | other answers | AssumeRole calls | lakeFS calls |\n|---|---|---|---|---|---|\n");
    URI credentials = service.resolve("/api/v1/credentials");
    for (int herd = 1; herd <= HERDS; herd++) {
      int tokenUser = herd;
      int keyUser = HERDS + herd;
      String token = token(http, service, tokenUser);
      out.append(herd(http, service, lakeFS, "cold " + herd, "token",
          credentialsRequest(credentials, "repo" + tokenUser).header("X-Hadoop-Delegation-Token", token).build(),
          Optional.empty()));
      out.append(herd(http, service, lakeFS, "cold " + herd, "lakeFS key",
          credentialsRequest(credentials, "repo" + keyUser).header("Authorization", basic(keyUser)).build(),
          Optional.empty()));
    }
    return out.toString();
  }

  /**
   * One herd per caller kind released once the cached credentials are due for refresh (inside the margin): the
   * first request of a herd refreshes, the rest should wait for that one call.
   */
  private static String p3AtExpiry(HttpClient http, URI service, LakeFSStandIn lakeFS) throws Exception {
    StringBuilder out = new StringBuilder("\n## P3 at expiry: herds of " + HERD + " clients once the cached "
        + "credentials (" + SHORT_LIFETIME.toSeconds() + " s) are within the " + SHORT_MARGIN.toSeconds()
        + " s refresh margin\n\n| herd | caller | answers 200 | other answers | AssumeRole calls | lakeFS calls |\n"
        + "|---|---|---|---|---|---|\n");
    URI credentials = service.resolve("/api/v1/credentials");
    HttpRequest withToken = credentialsRequest(credentials, "repo1")
        .header("X-Hadoop-Delegation-Token", token(http, service, 1)).build();
    HttpRequest withKey = credentialsRequest(credentials, "repo2").header("Authorization", basic(2)).build();
    http.send(withToken, HttpResponse.BodyHandlers.discarding());
    http.send(withKey, HttpResponse.BodyHandlers.discarding());
    Thread.sleep(SHORT_LIFETIME.minus(SHORT_MARGIN).plusSeconds(5).toMillis());
    out.append(herd(http, service, lakeFS, "at expiry", "token", withToken, Optional.empty()));
    out.append(herd(http, service, lakeFS, "at expiry", "lakeFS key", withKey, Optional.empty()));
    return out.toString();
  }

  /**
   * One cold herd per caller kind while local-aws holds every AssumeRole {@link #STS_DELAY}; {@link #PROBE_AFTER}
   * the release, {@code /health} and user0's cached request are timed, {@value #PROBES} times each, while the herd
   * waits for its one call.
   */
  private static String p3Slowed(HttpClient http, URI service, LakeFSStandIn lakeFS, LocalAwsProcess aws)
      throws Exception {
    StringBuilder out = new StringBuilder("\n## P3 with STS slowed: herds of " + HERD + " clients for one cold (user,"
        + " scope) while each AssumeRole takes " + STS_DELAY.toSeconds() + " s; probed " + PROBE_AFTER.toSeconds()
        + " s after the release\n\n| herd | caller | answers 200 | other answers | AssumeRole calls | lakeFS calls |"
        + " herd answers before the probes | /health ms (median, max of " + PROBES + ") | another user's cached"
        + " credentials ms (median, max) |\n|---|---|---|---|---|---|---|---|---|\n");
    URI credentials = service.resolve("/api/v1/credentials");
    int tokenUser = 2 * HERDS + 1;
    int keyUser = 2 * HERDS + 2;
    HttpRequest withToken = credentialsRequest(credentials, "repo" + tokenUser)
        .header("X-Hadoop-Delegation-Token", token(http, service, tokenUser)).build();
    HttpRequest withKey = credentialsRequest(credentials, "repo" + keyUser).header("Authorization", basic(keyUser))
        .build();
    HttpRequest otherUser = otherUsersRequest(service);
    aws.setStsFaults(Map.of("delayMillis", Long.toString(STS_DELAY.toMillis())));
    try {
      // Each time just before, so the other user is in every cache (lakeFS's for a minute) as a busy caller is.
      http.send(otherUser, HttpResponse.BodyHandlers.discarding());
      out.append(herd(http, service, lakeFS, "slowed", "token", withToken, Optional.of(otherUser)));
      http.send(otherUser, HttpResponse.BodyHandlers.discarding());
      out.append(herd(http, service, lakeFS, "slowed", "lakeFS key", withKey, Optional.of(otherUser)));
    } finally {
      aws.resetStsFaults();
    }
    return out.toString();
  }

  /** With {@code otherUser}, {@code /health} and that request are timed while the herd waits (P3 slowed). */
  private static String herd(HttpClient http, URI service, LakeFSStandIn lakeFS, String herd, String caller,
      HttpRequest request, Optional<HttpRequest> otherUser) throws Exception {
    double issuedBefore = assumeRoleCalls(http, service);
    lakeFS.clearRequests();
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService clients = Executors.newFixedThreadPool(HERD);
    List<Future<Integer>> answers = new ArrayList<>();
    try {
      for (int i = 0; i < HERD; i++) {
        answers.add(clients.submit(() -> {
          go.await();
          try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
          } catch (java.io.IOException e) {
            return -1;
          }
        }));
      }
      go.countDown();
      String probes = "";
      if (otherUser.isPresent()) {
        Thread.sleep(PROBE_AFTER.toMillis());
        long answeredBefore = answers.stream().filter(Future::isDone).count();
        probes = String.format(Locale.ROOT, " %d | %s | %s |", answeredBefore,
            timed(http, HttpRequest.newBuilder(service.resolve("/health")).build()), timed(http, otherUser.get()));
      }
      int ok = 0;
      for (Future<Integer> answer : answers) {
        ok += answer.get() == 200 ? 1 : 0;
      }
      return String.format(Locale.ROOT, "| %s | %s | %d | %d | %.0f | %d |%s%n", herd, caller, ok, HERD - ok,
          assumeRoleCalls(http, service) - issuedBefore, herdsLakeFSCalls(lakeFS), probes);
    } finally {
      clients.shutdownNow();
    }
  }

  /**
   * lakeFS calls made while the herd ran, less the probing other user's (user0): its entries in the service's 60 s
   * lakeFS cache, loaded minutes earlier, may lapse during the herd's wait and be read again, which is not the herd's
   * doing (a token herd with STS slowed showed 2 such calls, and 3 when the Basic handler had a cache of its own).
   */
  private static long herdsLakeFSCalls(LakeFSStandIn lakeFS) {
    return lakeFS.requests().stream().filter(call -> !call.accessKeyId().equals(Optional.of(key(0)))).count();
  }

  /** Median and maximum latency of {@value #PROBES} requests one after another, in ms; each must answer 200. */
  private static String timed(HttpClient http, HttpRequest request) throws Exception {
    double[] millis = new double[PROBES];
    for (int i = 0; i < PROBES; i++) {
      long start = System.nanoTime();
      HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
      millis[i] = (System.nanoTime() - start) / 1e6;
      if (answer.statusCode() != 200) {
        throw new IllegalStateException(request.uri() + " answered " + answer.statusCode() + " while a herd waited: "
            + answer.body());
      }
    }
    Arrays.sort(millis);
    return String.format(Locale.ROOT, "%.1f, %.1f", millis[PROBES / 2], millis[PROBES - 1]);
  }

  private static double assumeRoleCalls(HttpClient http, URI service) throws Exception {
    String metrics = http.send(HttpRequest.newBuilder(service.resolve("/metrics")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    Matcher issued = ISSUED.matcher(metrics);
    return issued.find() ? Double.parseDouble(issued.group(1)) : Double.NaN;
  }

  private static HttpRequest.Builder credentialsRequest(URI uri, String repository) {
    return HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"repositories\": [\"" + repository + "\"], \"access\": \"read\"}"));
  }

  /** A delegation token of {@code user<N>} for {@code repo<N>}. */
  private static String token(HttpClient http, URI service, int user) throws Exception {
    HttpResponse<String> got = http.send(HttpRequest.newBuilder(
            service.resolve("/api/v1/delegation-token?op=GETDELEGATIONTOKEN&renewer=user" + user
            + "&access=read&repositories=repo" + user))
        .header("Authorization", basic(user)).build(), HttpResponse.BodyHandlers.ofString());
    if (got.statusCode() != 200) {
      throw new IllegalStateException("no token for user" + user + ": " + got.statusCode() + " " + got.body());
    }
    return JSON.readTree(got.body()).get("Token").get("urlString").asText();
  }

  private static String key(int user) {
    return String.format(Locale.ROOT, "AKIALOADUSER%08d", user);
  }

  private static String basic(int user) {
    return "Basic " + Base64.getEncoder().encodeToString((key(user) + ":" + SECRET_PREFIX + user)
        .getBytes(StandardCharsets.UTF_8));
  }

  private static URI awaitBare(Process bare) throws Exception {
    BufferedReader lines = new BufferedReader(new InputStreamReader(bare.getInputStream(), StandardCharsets.UTF_8));
    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
      if (line.startsWith(BareJettyServer.READY_PREFIX)) {
        Thread drain = new Thread(() -> lines.lines().forEach(ignored -> { }), "bare-jetty-output");
        drain.setDaemon(true);
        drain.start(); // so that its log never fills the pipe and stalls it
        return URI.create(line.substring(BareJettyServer.READY_PREFIX.length()).trim());
      }
    }
    throw new IllegalStateException("the bare Jetty server exited before it listened");
  }
}
