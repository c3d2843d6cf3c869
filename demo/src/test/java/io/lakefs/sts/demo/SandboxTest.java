package io.lakefs.sts.demo;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.lakefs.sts.testsupport.Classpath;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.Test;

/**
 * {@code demo/sandbox} as a person uses it: it comes up and prints where things are, answers the curl it suggests,
 * keeps running, and on SIGTERM stops every process it started.
 */
public class SandboxTest {
  @Test
  public void staysUpAnswersThePrintedCurlAndLeavesNoProcessAfterSigterm() throws Exception {
    Path workDir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "sandbox-test-")
        .toAbsolutePath();
    Path output = workDir.resolve("sandbox.out");
    Process sandbox = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-cp", Classpath.asString(), SandboxMain.class.getName(), "--work-dir", workDir.toString(),
        "--lakefs-sts", Path.of("..", "cli", "src", "main", "bin", "lakefs-sts").toAbsolutePath().normalize().toString())
        .redirectErrorStream(true).redirectOutput(output.toFile()).start();
    try {
      URI service = awaitService(sandbox, output);
      List<ProcessHandle> children = sandbox.descendants().toList();
      assertEquals("local-aws and the credentials service run as processes of its own", 2, children.size());
      String printed = Files.readString(output);
      assertTrue(printed, printed.contains("curl -s -u " + Sandbox.ALICE_KEY + ":" + Sandbox.ALICE_SECRET));
      assertTrue(printed, printed.contains("aws --profile alice"));
      assertTrue(Files.readString(workDir.resolve("aws-config")).contains("credential_process = "
          + Path.of("..", "cli", "src", "main", "bin", "lakefs-sts").toAbsolutePath().normalize() + " credentials"));
      assertTrue(printed, printed.contains("spark-submit --properties-file"));

      HttpResponse<String> credentials = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          service.resolve("/api/v1/credentials"))
          .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
              (Sandbox.ALICE_KEY + ":" + Sandbox.ALICE_SECRET).getBytes(StandardCharsets.UTF_8)))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"repositories\":[\"sales\"],\"access\":\"read\"}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(credentials.body(), 200, credentials.statusCode());
      assertTrue(credentials.body(), credentials.body().contains("\"source_identity\":\"alice\""));
      Thread.sleep(1000);
      assertTrue("still up after use", sandbox.isAlive());

      sandbox.destroy();

      assertTrue("stopped within 60 s", sandbox.waitFor(60, TimeUnit.SECONDS));
      for (ProcessHandle child : children) {
        Optional<ProcessHandle.Info> left = child.isAlive() ? Optional.of(child.info()) : Optional.empty();
        assertFalse("process left running: " + left, child.isAlive());
      }
      assertTrue(Files.readString(output), Files.readString(output).contains("sandbox stopped"));
    } finally {
      sandbox.descendants().forEach(ProcessHandle::destroyForcibly);
      sandbox.destroyForcibly().waitFor();
    }
  }

  private static URI awaitService(Process sandbox, Path output) throws Exception {
    Instant deadline = Instant.now().plusSeconds(120);
    while (Instant.now().isBefore(deadline)) {
      List<String> lines = Files.readAllLines(output);
      if (lines.contains(Sandbox.READY)) {
        return lines.stream().filter(line -> line.startsWith(Sandbox.SERVICE_LINE)).findFirst()
            .map(line -> URI.create(line.substring(Sandbox.SERVICE_LINE.length()).trim())).orElseThrow();
      }
      if (!sandbox.isAlive()) {
        throw new AssertionError("the sandbox exited " + sandbox.exitValue() + ":\n" + String.join("\n", lines));
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the sandbox was not ready within 120 s:\n" + Files.readString(output));
  }
}
