package io.lakefs.sts.testsupport;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.Test;

/** The command line an operator or the demo uses: help, and clear refusals of bad input. */
public class LocalAwsMainTest {
  private record Run(int exitCode, String output) {
  }

  private static Run run(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
        LocalAwsProcess.locateJar().toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue("local-aws did not exit", process.waitFor(60, TimeUnit.SECONDS));
    return new Run(process.exitValue(), output);
  }

  @Test
  public void helpListsEveryOption() throws Exception {
    Run run = run("--help");

    assertEquals(0, run.exitCode());
    for (String flag : List.of("--config", "--host", "--sts-port", "--s3-port", "--access-log", "--data-dir",
        "--session-lifetime-seconds")) {
      assertTrue(flag + " missing from:\n" + run.output(), run.output().contains(flag));
    }
    assertTrue(run.output(), run.output().contains("NOT for production"));
  }

  @Test
  public void unknownOptionIsRefusedWithUsage() throws Exception {
    Run run = run("--sts-prot", "1");

    assertEquals(2, run.exitCode());
    assertTrue(run.output(), run.output().contains("unknown option '--sts-prot'"));
    assertTrue(run.output(), run.output().contains("Usage:"));
  }

  @Test
  public void badPortIsRefusedNamingTheFlag() throws Exception {
    Run run = run("--s3-port", "http");

    assertEquals(2, run.exitCode());
    assertTrue(run.output(), run.output().contains("--s3-port must be a port number 0-65535, was 'http'"));
  }

  @Test
  public void configErrorsNameTheFileAndTheField() throws Exception {
    Path config = Files.createTempFile("local-aws", ".json");
    Files.writeString(config, "{\"roles\": [{\"name\": \"r\", \"trustedUsers\": [\"nobody\"]}]}");

    Run run = run("--config", config.toString());

    assertEquals(2, run.exitCode());
    assertTrue(run.output(), run.output().contains(config.toString()));
    assertTrue(run.output(), run.output().contains("trustedUsers names unknown user 'nobody'"));
  }

  @Test
  public void missingConfigFileIsNamed() throws Exception {
    Run run = run("--config", "/nonexistent/local-aws.json");

    assertEquals(2, run.exitCode());
    assertTrue(run.output(), run.output().contains("cannot read the config file /nonexistent/local-aws.json"));
  }
}
