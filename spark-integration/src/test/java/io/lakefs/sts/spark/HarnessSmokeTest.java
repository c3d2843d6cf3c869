package io.lakefs.sts.spark;

import static org.junit.Assert.assertEquals;

import io.lakefs.sts.examples.ParquetRoundTrip;
import io.lakefs.sts.testsupport.LocalAwsProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.Test;

public class HarnessSmokeTest {
  @Test
  public void runsExampleOnLocalCluster() throws Exception {
    Path dir = Files.createDirectories(Path.of("target", "smoke")).toAbsolutePath();
    FakeSparkHome home = FakeSparkHome.create(Files.createTempDirectory(dir, "spark-home-"), TestClasspath.entries());
    try (LocalAwsProcess aws = LocalAwsProcess.builder().start()) {
      Path jar = Path.of(ParquetRoundTrip.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      try (SparkSubmitProcess job = SparkSubmitProcess.builder(home, dir.resolve("driver.log"))
          .conf("spark.hadoop.fs.s3a.endpoint", aws.s3Endpoint().toString())
          .conf("spark.hadoop.fs.s3a.path.style.access", "true")
          .conf("spark.hadoop.fs.s3a.endpoint.region", aws.region())
          .conf("spark.hadoop.fs.s3a.access.key", aws.accessKeyId())
          .conf("spark.hadoop.fs.s3a.secret.key", aws.secretAccessKey())
          .application(jar, ParquetRoundTrip.class.getName(), "s3a://" + aws.bucket() + "/smoke", "2", "1")
          .start()) {
        int status = job.awaitExit(Duration.ofMinutes(3));
        System.out.println(job.output());
        System.out.println(home.executorLogs());
        assertEquals(0, status);
      }
    }
  }
}
