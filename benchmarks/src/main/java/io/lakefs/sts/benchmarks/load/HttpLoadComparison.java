package io.lakefs.sts.benchmarks.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakefs.sts.testsupport.Classpath;
import io.lakefs.sts.testsupport.CredentialsServiceProcess;
import io.lakefs.sts.testsupport.LocalAwsProcess;
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
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 * servlet, at each concurrency; the bare servlet runs first at each level, then token, then key. P3: herds of
 * {@value #HERD} clients released at once for one cold (user, scope): AssumeRole calls (the service's metric) and
 * lakeFS calls (the stand-in's log) per herd. Writes {@code benchmarks/target/load-results.md}.
 *
 * <p>Usage: {@code HttpLoadComparison [MEASURED_SECONDS [CONCURRENCY...]]} (default 10 s; 16 64 256).
 */
public final class HttpLoadComparison {
  static final int HERD = 1000;
  private static final int HERDS = 3;
  /** For the herd at expiry: credentials that live this long, refreshed within this margin of their end. */
  private static final Duration SHORT_LIFETIME = Duration.ofSeconds(60);
  private static final Duration SHORT_MARGIN = Duration.ofSeconds(20);
  private static final String SECRET_PREFIX = "load-secret-for-loopback-only-";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern ISSUED = Pattern.compile("lakefs_sts_sts_credentials_issued_total(?:\\{[^}]*\\})? ([0-9.eE+]+)");

  private HttpLoadComparison() {
  }

  public static void main(String[] args) throws Exception {
    Duration measured = Duration.ofSeconds(args.length > 0 ? Long.parseLong(args[0]) : 10);
    List<Integer> concurrencies = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      concurrencies.add(Integer.parseInt(args[i]));
    }
    if (concurrencies.isEmpty()) {
      concurrencies = List.of(16, 64, 256);
    }
    Path work = Files.createDirectories(Path.of("benchmarks", "target", "load"));
    LakeFSStandIn.Builder description = LakeFSStandIn.builder();
    for (int user = 0; user <= 2 * HERDS; user++) {
      description.user("user" + user, key(user), SECRET_PREFIX + user);
    }
    for (int repository = 0; repository <= 2 * HERDS; repository++) {
      description.repository("repo" + repository, "s3://lakefs-data/repo" + repository + "/");
      for (int user = 0; user <= 2 * HERDS; user++) {
        description.grant("user" + user, "repo" + repository);
      }
    }
    StringBuilder report = new StringBuilder("# HTTP load results, ").append(Instant.now()).append("\n\n")
        .append("Java ").append(System.getProperty("java.version")).append(", ")
        .append(Runtime.getRuntime().availableProcessors()).append(" processors; client, service and baseline ")
        .append("in separate JVMs on the same machine, plain HTTP over loopback, ").append(measured.toSeconds())
        .append(" s measured after 3 s warm-up per row.\n");
    HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(4)).build();
    try (LakeFSStandIn lakeFS = description.start();
        LocalAwsProcess aws = LocalAwsProcess.builder().start()) {
      long serviceStart = System.nanoTime();
      CredentialsServiceProcess service = CredentialsServiceProcess.start(work.resolve("service"),
          lakeFS.endpoint(), aws, Map.of("lakefs.sts.lakefs.auth.cache.seconds", "60"), List.of());
      try {
        Duration serviceStarted = awaitHealth(http, service.endpoint(), serviceStart);
        run(http, service, lakeFS, serviceStarted, concurrencies, measured, report);
      } finally {
        service.close();
      }
    }
    try (LakeFSStandIn lakeFS = description.start();
        LocalAwsProcess aws = LocalAwsProcess.builder().sessionLifetime(SHORT_LIFETIME).start();
        CredentialsServiceProcess service = CredentialsServiceProcess.start(work.resolve("service-expiry"),
            lakeFS.endpoint(), aws, Map.of("lakefs.sts.lakefs.auth.cache.seconds", "60",
                "lakefs.sts.credentials.refresh-margin.seconds", Long.toString(SHORT_MARGIN.toSeconds())), List.of())) {
      report.append(p3AtExpiry(http, service.endpoint(), lakeFS));
    }
    Path out = Path.of("benchmarks", "target", "load-results.md");
    Files.writeString(out, report);
    System.out.println(report);
    System.out.println("written to " + out.toAbsolutePath());
    System.exit(0); // the HTTP client's pool
  }

  private static void run(HttpClient http, CredentialsServiceProcess service, LakeFSStandIn lakeFS,
      Duration serviceStarted, List<Integer> concurrencies, Duration measured, StringBuilder report) throws Exception {
    {
      URI credentials = service.endpoint().resolve("/api/v1/credentials");
      HttpRequest withKey = credentialsRequest(credentials, "repo0").header("Authorization", basic(0)).build();
      HttpRequest withToken = credentialsRequest(credentials, "repo0")
          .header("X-Hadoop-Delegation-Token", token(http, service.endpoint(), 0)).build();
      int bodyBytes = http.send(withKey, HttpResponse.BodyHandlers.ofByteArray()).body().length;
      http.send(withToken, HttpResponse.BodyHandlers.ofByteArray());
      long bareStart = System.nanoTime();
      Process bare = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Xmx256m", "-cp", Classpath.asString(), BareJettyServer.class.getName(), Integer.toString(bodyBytes))
          .redirectErrorStream(true).start();
      try {
        URI bareUri = awaitBare(bare);
        Duration bareStarted = awaitHealth(http, bareUri, bareStart);
        report.append(String.format(Locale.ROOT, "%nTime from starting the JVM to the first answer of /health: service "
            + "%.1f s, bare Jetty %.1f s.%n", serviceStarted.toMillis() / 1e3, bareStarted.toMillis() / 1e3));
        HttpRequest baseline = credentialsRequest(bareUri.resolve("/api/v1/credentials"), "repo0").build();
        warmUp(new ClosedLoopLoad(http), List.of(baseline, withToken, withKey));
        report.append(p2(new ClosedLoopLoad(http), baseline, withToken, withKey, concurrencies, measured, bodyBytes));
      } finally {
        bare.destroy();
        bare.waitFor();
      }
      report.append(p3(http, service.endpoint(), lakeFS));
    }
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

  private static String p2(ClosedLoopLoad load, HttpRequest baseline, HttpRequest withToken, HttpRequest withKey,
      List<Integer> concurrencies, Duration measured, int bodyBytes) throws Exception {
    StringBuilder out = new StringBuilder("\n## P2: cached POST /api/v1/credentials vs a bare Jetty 9.4 servlet ("
        + bodyBytes + " B body)\n\n| clients | caller | req/s | ratio to bare | p50 ms | p99 ms |\n|---|---|---|---|---|---|\n");
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
          credentialsRequest(credentials, "repo" + tokenUser).header("X-Hadoop-Delegation-Token", token).build()));
      out.append(herd(http, service, lakeFS, "cold " + herd, "lakeFS key",
          credentialsRequest(credentials, "repo" + keyUser).header("Authorization", basic(keyUser)).build()));
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
    out.append(herd(http, service, lakeFS, "at expiry", "token", withToken));
    out.append(herd(http, service, lakeFS, "at expiry", "lakeFS key", withKey));
    return out.toString();
  }

  private static String herd(HttpClient http, URI service, LakeFSStandIn lakeFS, String herd, String caller,
      HttpRequest request) throws Exception {
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
      int ok = 0;
      for (Future<Integer> answer : answers) {
        ok += answer.get() == 200 ? 1 : 0;
      }
      return String.format(Locale.ROOT, "| %s | %s | %d | %d | %.0f | %d |%n", herd, caller, ok, HERD - ok,
          assumeRoleCalls(http, service) - issuedBefore, lakeFS.requests().size());
    } finally {
      clients.shutdownNow();
    }
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
