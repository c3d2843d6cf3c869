package io.lakefs.sts.demo;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.Test;

/** The README's demo, as CI runs it: every step passes and the report names what an auditor needs. */
public class DemoTest {
  @Test
  public void everyStepBehavesAsDescribedAndTheReportNamesTheUsers() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    Report report = new Report(new PrintStream(printed, true, StandardCharsets.UTF_8));
    Path workDir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "demo-test-").toAbsolutePath();
    new Demo(new DemoSettings(workDir, DemoSettings.DEFAULT_STS_LIFETIME), report).run();
    String summary = report.summary();
    System.out.println(printed.toString(StandardCharsets.UTF_8) + summary);

    assertEquals(summary, 5, report.steps().size());
    assertTrue(summary, report.allPassed());
    assertTrue(summary, summary.contains("STS session name [alice]"));
    assertTrue(summary, summary.contains("STS session name [bob]"));
    assertTrue(summary, summary.contains("lakefs-user=alice"));
    assertTrue(summary, summary.contains("issued-by=lakeFS"));
    assertTrue(summary, summary.contains("cancelled"));
    assertTrue(summary, summary.contains("a put under _lakefs/ (the repository's commit history): refused by S3"));
    assertTrue(summary, summary.contains("objects linked in lakeFS"));
  }

  @Test
  public void settingsRefuseALifetimeTooShortForTheRefreshMargins() {
    IllegalArgumentException e = org.junit.Assert.assertThrows(IllegalArgumentException.class,
        () -> DemoSettings.parse("--sts-lifetime-seconds", "5"));
    assertTrue(e.getMessage(), e.getMessage().contains("at least 12"));
    assertEquals(Duration.ofSeconds(30), DemoSettings.parse("--sts-lifetime-seconds", "30").stsLifetime());
  }
}
