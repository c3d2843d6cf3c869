package io.lakefs.sts.testsupport;

import io.lakefs.sts.localaws.LocalAwsContract;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Starts local-aws (a loopback STS + S3) in a child JVM from the fat jar that the local-aws module
 * builds, and stops it on close. A separate process keeps S3Proxy's SDK and Jetty off the test's
 * classpath, and is how the demo runs it too.
 */
public final class LocalAwsProcess implements AutoCloseable {
  /** Overrides where the fat jar is looked for. */
  public static final String JAR_PROPERTY = "localaws.jar";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  private final Process process;
  private final Path workDir;
  private final Path output;
  private final Path accessLog;
  private final URI sts;
  private final URI s3;
  private final HttpClient http = HttpClient.newHttpClient();

  private LocalAwsProcess(Process process, Path workDir, Path output, Path accessLog, URI sts, URI s3) {
    this.process = process;
    this.workDir = workDir;
    this.output = output;
    this.accessLog = accessLog;
    this.sts = sts;
    this.s3 = s3;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Options for the child process; all optional. */
  public static final class Builder {
    private Optional<Duration> sessionLifetime = Optional.empty();
    private Optional<Path> config = Optional.empty();
    private int heapMegabytes = 512;

    private Builder() {
    }

    /** Issued credentials expire after this, whatever DurationSeconds asked, so tests see expiry. */
    public Builder sessionLifetime(Duration lifetime) {
      this.sessionLifetime = Optional.of(lifetime);
      return this;
    }

    /** The JVM's heap in MB (512 by default): local-aws keeps objects in memory, so large ones need more. */
    public Builder heapMegabytes(int megabytes) {
      this.heapMegabytes = megabytes;
      return this;
    }

    /** A JSON config file (accounts, roles, buckets); the built-in defaults otherwise. */
    public Builder config(Path file) {
      this.config = Optional.of(file);
      return this;
    }

    public LocalAwsProcess start() throws IOException, InterruptedException {
      Path jar = locateJar();
      Path workDir = Files.createTempDirectory(outputRoot(), "local-aws-");
      Path output = workDir.resolve("local-aws.out");
      Path accessLog = workDir.resolve("s3-access.log");
      List<String> command = new ArrayList<>(List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + heapMegabytes + "m", "-jar", jar.toString(),
          LocalAwsContract.FLAG_ACCESS_LOG, accessLog.toString()));
      sessionLifetime.ifPresent(lifetime -> command.addAll(
          List.of(LocalAwsContract.FLAG_SESSION_LIFETIME_SECONDS, Long.toString(lifetime.toSeconds()))));
      config.ifPresent(file -> command.addAll(List.of(LocalAwsContract.FLAG_CONFIG, file.toString())));
      Process process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(output.toFile()).start();
      String ready = awaitReadyLine(process, output);
      Map<String, String> endpoints = Stream.of(ready.substring(LocalAwsContract.READY_PREFIX.length()).split(" "))
          .map(part -> part.split("=", 2))
          .collect(Collectors.toMap(kv -> kv[0], kv -> kv[1]));
      return new LocalAwsProcess(process, workDir, output, accessLog, URI.create(endpoints.get("sts")),
          URI.create(endpoints.get("s3")));
    }
  }

  public URI stsEndpoint() {
    return sts;
  }

  public URI s3Endpoint() {
    return s3;
  }

  public String region() {
    return LocalAwsContract.DEFAULT_REGION;
  }

  public String roleArn() {
    return LocalAwsContract.DEFAULT_ROLE_ARN;
  }

  public String bucket() {
    return LocalAwsContract.DEFAULT_BUCKET;
  }

  /**
   * Hadoop settings that point S3A at this S3 endpoint (path-style, plain HTTP, this region) and make a failed
   * request fail at once rather than retry, so a test sees every failure.
   */
  public Map<String, String> s3aSettings() {
    return Map.of("fs.s3a.endpoint", s3.toString(), "fs.s3a.endpoint.region", region(),
        "fs.s3a.path.style.access", "true", "fs.s3a.connection.ssl.enabled", "false",
        "fs.s3a.attempts.maximum", "1", "fs.s3a.retry.limit", "1");
  }

  /** The long-term key of the IAM user that may assume {@link #roleArn()}. */
  public String accessKeyId() {
    return LocalAwsContract.DEFAULT_USER_ACCESS_KEY_ID;
  }

  public String secretAccessKey() {
    return LocalAwsContract.DEFAULT_USER_SECRET_ACCESS_KEY;
  }

  /**
   * The credentials service's {@code lakefs.sts.*} settings that make it assume {@link #roleArn()} at this STS as
   * this IAM user.
   */
  public Map<String, String> credentialsServiceStsSettings() {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("lakefs.sts.role.arn", roleArn());
    settings.put("lakefs.sts.sts.endpoint", sts.toString());
    settings.put("lakefs.sts.sts.region", region());
    settings.put("lakefs.sts.sts.access-key", accessKeyId());
    settings.put("lakefs.sts.sts.secret-key", secretAccessKey());
    return settings;
  }

  /** The S3 access log so far, one JSON object per line. */
  public List<String> accessLogLines() throws IOException {
    return Files.exists(accessLog) ? Files.readAllLines(accessLog) : List.of();
  }

  /** Everything the child process printed (its own log), for assertions that no secret leaked. */
  public String processOutput() throws IOException {
    return Files.readString(output);
  }

  /** Sets STS fault knobs, e.g. {@code Map.of("throttleFraction", "0.5")}; see local-aws's README. */
  public void setStsFaults(Map<String, String> faults) throws IOException, InterruptedException {
    String form = faults.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
            + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(sts.resolve(LocalAwsContract.ADMIN_FAULTS_PATH))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("local-aws refused faults " + faults + ": " + response.body());
    }
  }

  public void resetStsFaults() throws IOException, InterruptedException {
    setStsFaults(Map.of("reset", "true"));
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(15, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }

  /** The directory holding this run's output and access log; kept after close for post-mortems. */
  public Path workDir() {
    return workDir;
  }

  private static String awaitReadyLine(Process process, Path output) throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (Files.exists(output)) {
        for (String line : Files.readAllLines(output)) {
          if (line.startsWith(LocalAwsContract.READY_PREFIX)) {
            return line;
          }
        }
      }
      if (!process.isAlive()) {
        throw new IllegalStateException("local-aws exited with status " + process.exitValue()
            + " before it was ready; its output:\n" + Files.readString(output));
      }
      Thread.sleep(50);
    }
    process.destroyForcibly();
    throw new IllegalStateException("local-aws did not print its ready line within " + START_TIMEOUT
        + "; its output:\n" + Files.readString(output));
  }

  /** The fat jar sits beside local-aws's thin jar (or beside its classes directory in the reactor). */
  static Path locateJar() {
    String override = System.getProperty(JAR_PROPERTY);
    if (override != null) {
      return Path.of(override);
    }
    try {
      return Classpath.fatJarBeside(Classpath.jarOf(LocalAwsContract.class), "local-aws");
    } catch (IllegalStateException e) {
      throw new IllegalStateException(e.getMessage() + "; or point -D" + JAR_PROPERTY + " at it", e);
    }
  }

  private static Path outputRoot() throws IOException {
    Path target = Path.of("target");
    return Files.isDirectory(target) ? Files.createDirectories(target.resolve("local-aws"))
        : Path.of(System.getProperty("java.io.tmpdir"));
  }
}
