package io.lakefs.sts.compat;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.lakefs.sts.hadoop.LakeFSTokenKeys;
import io.lakefs.sts.spark.LakeFSSparkKeys;
import io.lakefs.sts.testsupport.Classpath;
import io.lakefs.sts.testsupport.spark.FakeSparkHome;
import io.lakefs.sts.testsupport.spark.SparkSubmitProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.SparkContext;
import org.junit.AfterClass;
import org.junit.Assume;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * The Spark glue on this line's Spark, end to end: a job submitted through SparkSubmit on {@code local-cluster}
 * (one executor in a JVM of its own: the
 * other lines' tests in spark-integration run two) with the lakeFS plugin and this line's S3A binding, {@code --conf} options
 * only; executors hold no lakeFS or AWS secret and write through this line's S3A with the plugin's tokens.
 */
public class SparkLocalClusterTest {
  private static final int PARTS = 2;

  private static Path dir;
  private static LineStack stack;

  @BeforeClass
  public static void start() throws Exception {
    // A -Dtest=... run also runs this class in the default execution, on Hadoop's own jars instead of Spark's.
    Assume.assumeTrue("runs in the spark surefire execution", Boolean.getBoolean("lakefs.sts.test.spark"));
    dir = Files.createDirectories(Path.of("target", "spark-local-cluster")).toAbsolutePath();
    stack = LineStack.start(dir, null, Map.of(), List.of());
  }

  @AfterClass
  public static void stop() throws Exception {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  public void executorsWriteThroughThisLinesS3AWithThePluginsTokens() throws Exception {
    FakeSparkHome home = FakeSparkHome.create(Files.createTempDirectory(dir, "spark-home-"), Classpath.entries());
    String base = "s3a://" + stack.aws().bucket() + "/" + LineStack.REPO + "/data/spark/";
    int status;
    String driverLog;
    SparkSubmitProcess.Builder submit = SparkSubmitProcess.builder(home, dir.resolve("driver.log"))
        .master("local-cluster[1,1,1024]")
        .conf("spark.plugins", LakeFSSparkKeys.PLUGIN_CLASS)
        .conf(LakeFSSparkKeys.SERVICE_ENDPOINTS, stack.service().endpoint().toString())
        .conf(LakeFSSparkKeys.DRIVER_ACCESS_KEY, LineStack.ALICE_KEY)
        .environment(LakeFSSparkKeys.DEFAULT_DRIVER_SECRET_KEY_ENV, LineStack.ALICE_SECRET)
        .conf(LakeFSSparkKeys.SPARK_HADOOP_PREFIX + LakeFSTokenKeys.REPOSITORIES, LineStack.REPO)
        .conf(LakeFSSparkKeys.SPARK_HADOOP_PREFIX + LakeFSTokenKeys.ACCESS, "write")
        .conf(LakeFSSparkKeys.S3A_DELEGATION_TOKEN_BINDING, Line.binding())
        .application(Path.of("spark-internal"), LineJob.class.getName(), base, Integer.toString(PARTS));
    stack.aws().s3aSettings().forEach((key, value) -> submit.conf(LakeFSSparkKeys.SPARK_HADOOP_PREFIX + key, value));
    try (SparkSubmitProcess job = submit.start()) {
      status = job.awaitExit(Duration.ofMinutes(4));
      driverLog = job.output();
    }
    String executorLogs = home.executorLogs();
    assertEquals("the job failed; driver log:\n" + driverLog + "\nexecutor logs:\n" + executorLogs, 0, status);
    assertTrue(driverLog, driverLog.contains(LineJob.SUCCEEDED + PARTS + " parts on Spark " + SparkContext.class
        .getPackage().getImplementationVersion()));
    List<String> puts = stack.aws().accessLogLines().stream()
        .filter(line -> line.contains("REST.PUT.OBJECT") && line.contains("/data/spark/part-"))
        .collect(Collectors.toList());
    assertEquals(puts.toString(), PARTS, puts.stream().map(l -> l.replaceAll(".*part-(\\d+).*", "$1")).distinct()
        .count());
    assertTrue(puts.toString(), puts.stream().allMatch(line -> line.contains("\"sourceIdentity\":\"alice\"")));
    assertTrue("executors never installed the plugin's tokens:\n" + executorLogs,
        executorLogs.contains("lakeFS token plugin: installed"));
    stack.assertNoSecret(executorLogs);
    stack.assertNoSecret(driverLog);
  }
}
