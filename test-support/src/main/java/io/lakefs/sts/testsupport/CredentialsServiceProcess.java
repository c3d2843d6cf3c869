package io.lakefs.sts.testsupport;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real credentials service, run from its fat jar in a child JVM as an operator would run it: its
 * hadoop-common and Jetty must not meet Spark's shaded Hadoop on the test's class path. It listens on a free
 * loopback port, calls local-aws's STS with local-aws's IAM user, and asks {@code lakeFS} who callers are.
 */
public final class CredentialsServiceProcess implements AutoCloseable {
  private static final String READY_PREFIX = "lakefs-sts-service listening on ";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final Process process;
  private final Path output;
  private final URI endpoint;

  private CredentialsServiceProcess(Process process, Path output, URI endpoint) {
    this.process = process;
    this.output = output;
    this.endpoint = endpoint;
  }

  /**
   * Starts the service; {@code extra} adds or overrides {@code lakefs.sts.*} keys and {@code jvmOptions} go to
   * its JVM (e.g. {@code -Djava.security.krb5.conf=...}).
   */
  public static CredentialsServiceProcess start(Path dir, URI lakeFS, LocalAwsProcess aws, Map<String, String> extra,
      List<String> jvmOptions) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Map<String, String> conf = new LinkedHashMap<>();
    conf.put("lakefs.sts.http.address", "127.0.0.1:0");
    conf.put("lakefs.sts.lakefs.endpoint", lakeFS.resolve("/api/v1").toString());
    conf.put("lakefs.sts.lakefs.auth.cache.seconds", "0");
    conf.putAll(aws.credentialsServiceStsSettings());
    conf.putAll(extra);
    Path site = dir.resolve("lakefs-sts-site.xml");
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?>\n<configuration>\n");
    conf.forEach((key, value) -> xml.append("  <property><name>").append(key).append("</name><value>")
        .append(value.replace("&", "&amp;").replace("<", "&lt;")).append("</value></property>\n"));
    Files.writeString(site, xml.append("</configuration>\n"));
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m"));
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", Classpath.fatJarOf("credentials-service").toString(), "--config",
        site.toString()));
    Path output = dir.resolve("credentials-service.out");
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    return new CredentialsServiceProcess(process, output, awaitEndpoint(process, output));
  }

  public URI endpoint() {
    return endpoint;
  }

  /** Everything the service printed (its log and audit lines), for assertions that no secret leaked. */
  public String output() throws IOException {
    return Files.readString(output);
  }

  /**
   * Its output once it holds {@code expected} (or after 10 s, for the caller's assertion to show): audit lines are
   * written by the service's writer thread, just after the answer.
   */
  public String outputOnceItHolds(String expected) throws IOException, InterruptedException {
    Instant deadline = Instant.now().plusSeconds(10);
    String text = output();
    while (!text.contains(expected) && Instant.now().isBefore(deadline)) {
      Thread.sleep(20);
      text = output();
    }
    return text;
  }

  /** Sends SIGTERM, as systemd or {@code kill} would, and returns the exit status once the service has stopped. */
  public int stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
    return process.exitValue();
  }

  private static URI awaitEndpoint(Process process, Path output) throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      for (String line : Files.readAllLines(output)) {
        if (line.startsWith(READY_PREFIX)) {
          return URI.create(line.substring(READY_PREFIX.length()).trim());
        }
      }
      if (!process.isAlive()) {
        throw new IllegalStateException("the credentials service exited with status " + process.exitValue()
            + " before it was ready; its output:\n" + Files.readString(output));
      }
      Thread.sleep(50);
    }
    process.destroyForcibly();
    throw new IllegalStateException("the credentials service did not start within " + START_TIMEOUT
        + "; its output:\n" + Files.readString(output));
  }

  /** Ends the service at once with SIGKILL, as a crashed host would: no shutdown hook, no clean goodbye. */
  public void kill() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }
}
