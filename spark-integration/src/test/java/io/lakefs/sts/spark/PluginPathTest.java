package io.lakefs.sts.spark;

import io.lakefs.sts.testsupport.Classpath;
import io.lakefs.sts.testsupport.Closeables;
import io.lakefs.sts.testsupport.CredentialsServiceProcess;
import io.lakefs.sts.testsupport.spark.FakeSparkHome;
import io.lakefs.sts.testsupport.spark.SparkSubmitProcess;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import io.lakefs.sts.examples.LakeFSRoundTrip;
import io.lakefs.sts.testsupport.lakefs.RecordedRequest;
import java.util.Optional;
import io.lakefs.sts.testsupport.LocalAwsProcess;
import io.lakefs.sts.testsupport.LoopbackStack;
import io.lakefs.sts.testsupport.hadoop.CredentialProviderFile;
import io.lakefs.sts.testsupport.lakefs.AliceAndBob;
import io.lakefs.sts.testsupport.lakefs.LakeFSStandIn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * The plugin on a cluster without Kerberos, end to end: a job submitted through SparkSubmit with {@code --conf}
 * options only, on {@code local-cluster} (two executors, each its own JVM), against the real credentials service
 * (child JVM), local-aws (child JVM) and the lakeFS stand-in. local-aws makes every STS credential expire after
 * {@value #STS_LIFETIME_SECONDS} s, so one job sees several generations.
 */
public class PluginPathTest {
  private static final long STS_LIFETIME_SECONDS = 20;
  private static final long LOGIN_LIFETIME_SECONDS = 30;
  private static final AliceAndBob WORLD = AliceAndBob.withKeys("AKIAIOSFODNN7ALICE01",
      "alice-lakefs-secret-never-on-executors", "AKIAIOSFODNN7BOB0001", "bob-lakefs-secret-never-on-executors");
  private static final String USER = AliceAndBob.ALICE;
  private static final String ACCESS_KEY = WORLD.alice().accessKeyId();
  private static final String SECRET_KEY = WORLD.alice().secretAccessKey();
  private static final String REPOSITORY = WORLD.aliceRepository();

  private static Path dir;
  private static LoopbackStack stack;
  private static LocalAwsProcess aws;
  private static LakeFSStandIn lakeFS;
  private static CredentialsServiceProcess service;

  @BeforeClass
  public static void startServices() throws Exception {
    dir = Files.createDirectories(Path.of("target", "plugin-path")).toAbsolutePath();
    // lakeFS login tokens live 30 s here, not 7 days: a job that outlives one works only if executors take up the
    // login tokens the driver replaces (the stand-in refuses an expired one with 401).
    stack = LoopbackStack.builder(dir).stsLifetime(Duration.ofSeconds(STS_LIFETIME_SECONDS))
        .lakeFS(bucket -> WORLD.standIn(bucket).loginTokenLifetime(Duration.ofSeconds(LOGIN_LIFETIME_SECONDS)))
        .start();
    aws = stack.aws();
    lakeFS = stack.lakeFS();
    service = stack.service();
  }

  @AfterClass
  public static void stopServices() throws Exception {
    Closeables.closeAll(stack);
  }

  @Test
  public void executorsWriteLinkAndReadLakeFSObjectsAsTheLakeFSUserThroughExpiringTokensWithoutTheSecret()
      throws Exception {
    String providerPath = CredentialProviderFile.write(dir.resolve("driver-only.jceks"),
        io.lakefs.sts.hadoop.LakeFSTokenKeys.SECRET_KEY, SECRET_KEY);
    FakeSparkHome home = FakeSparkHome.create(Files.createTempDirectory(dir, "spark-home-"), Classpath.entries());
    lakeFS.clearRequests();
    ExecutorProcesses executors = new ExecutorProcesses();
    Instant start = Instant.now();
    int status;
    String driverLog;
    try (SparkSubmitProcess job = submit(home, "round-trip.log")
        .conf(LakeFSSparkKeys.DRIVER_CREDENTIAL_PROVIDER_PATH, providerPath)
        .application(Classpath.jarOf(LakeFSRoundTrip.class), LakeFSRoundTrip.class.getName(), REPOSITORY, "main",
            "round-trip", "4", "5")
        .start()) {
      while (job.handle().isAlive()) {
        executors.sample(job.handle());
        Thread.sleep(300);
      }
      status = job.awaitExit(Duration.ofSeconds(10));
      driverLog = job.output();
    }
    Duration took = Duration.between(start, Instant.now());
    String executorLogs = home.executorLogs();
    assertEquals("the job failed; driver log:\n" + driverLog + "\nexecutor logs:\n" + executorLogs, 0, status);
    assertTrue(driverLog, driverLog.contains("LakeFSRoundTrip succeeded: 4 round(s)"));

    // Executors ran in JVMs of their own, two of them. Counted by executor id, not by process: a JVM that spawns a
    // command (Hadoop's Shell, for local buffer directories) shows as a child with its own command line for an
    // instant before the exec, which sampling can catch.
    long executorJvms = executors.seen().values().stream()
        .filter(s -> s.contains("org.apache.spark.executor.CoarseGrainedExecutorBackend"))
        .map(s -> s.replaceAll("(?s).*\n--executor-id\n([^\n]*)\n.*", "$1")).distinct().count();
    assertEquals("executor JVMs seen: " + executors.seen().keySet(), 2, executorJvms);

    // Every S3 request went to where lakeFS places objects (the namespace's data/), as the lakeFS user, none a
    // delete, with several generations of STS credentials (each lives 20 s; the job ran longer).
    List<String> lines = aws.accessLogLines().stream().filter(l -> l.contains("\"key\":\"" + REPOSITORY + "/"))
        .collect(Collectors.toList());
    assertFalse("no S3 request reached " + REPOSITORY + "/", lines.isEmpty());
    for (String line : lines) {
      assertTrue("not made as the lakeFS user: " + line, line.contains("\"sessionName\":\"" + USER + "\""));
      assertTrue("not under data/: " + line, line.contains("\"key\":\"" + REPOSITORY + "/data/"));
      assertFalse("a delete: " + line, line.contains("DELETE"));
    }
    assertTrue("no part was written: " + lines, lines.stream().anyMatch(l -> l.contains("REST.PUT.OBJECT")));
    long generations = lines.stream().map(PluginPathTest::accessKeyId).distinct().count();
    assertTrue("the job ran " + took + " but used " + generations + " STS credential(s)", generations >= 3);

    // Executors' lakeFS calls (staging, link, stat) carried the login token of the plugin's tokens, not a key,
    // and lakeFS took them as the user; 16 parts were linked in all. The only calls with a key are the service's
    // own check, before it grants write, that lakeFS lets the user write (a GET of a staging address).
    List<RecordedRequest> dataPath = lakeFS.requests().stream()
        .filter(r -> r.path().contains("/staging/backing") || r.path().contains("/objects/")).toList();
    for (RecordedRequest call : dataPath) {
      assertTrue(call.toString(), call.user().equals(Optional.of(USER)) && call.status() / 100 == 2
          && (call.accessKeyId().isEmpty() || call.line().endsWith("/staging/backing") && call.method().equals("GET")));
    }
    assertTrue(dataPath.toString(), dataPath.stream().anyMatch(r -> r.accessKeyId().isEmpty()
        && r.path().contains("/objects/")));
    assertTrue("the job ran " + took + ", within one login token's life", took.toSeconds() > LOGIN_LIFETIME_SECONDS);
    assertEquals(dataPath.toString(), 4 * 4, dataPath.stream()
        .filter(r -> r.method().equals("PUT") && r.path().endsWith("/staging/backing") && r.accessKeyId().isEmpty())
        .count());

    // Executors installed newer tokens from the driver several times.
    long installs = Pattern.compile("lakeFS token plugin: installed").matcher(executorLogs).results().count();
    assertTrue("executors installed tokens " + installs + " time(s):\n" + executorLogs, installs >= 4);

    // The secret reached no executor: not in its environment, command line or log; nor any log at all.
    executors.seen().forEach((pid, startedWith) -> assertFalse("executor " + pid + " has the secret",
        startedWith.contains(SECRET_KEY)));
    assertFalse(executorLogs.contains(SECRET_KEY));
    assertFalse(driverLog.contains(SECRET_KEY));
    assertFalse(service.output().contains(SECRET_KEY));
  }

  @Test
  public void tasksFailSayingTheLakeFSTokenWasCancelled() throws Exception {
    FakeSparkHome home = FakeSparkHome.create(Files.createTempDirectory(dir, "spark-home-"), Classpath.entries());
    Path go = dir.resolve("lakefs-down");
    Files.deleteIfExists(go);
    String driverLog;
    int status;
    String data = "s3a://" + aws.bucket() + "/" + REPOSITORY + "/data/";
    try (SparkSubmitProcess job = submit(home, "cancel.log")
        // The driver-only environment variable route for the secret, this time.
        .environment(LakeFSSparkKeys.DEFAULT_DRIVER_SECRET_KEY_ENV, SECRET_KEY)
        .conf("spark.task.maxFailures", "2")
        .application(Classpath.jarOf(CancelMidJob.class), CancelMidJob.class.getName(), REPOSITORY, "main",
            "cancel/before", data, go.toString(),
            Long.toString(STS_LIFETIME_SECONDS + 5))
        .start()) {
      awaitLine(job, CancelMidJob.WROTE_ONCE);
      // The driver's lakeFS key stops working, so it cannot replace the token cancelled next.
      lakeFS.answerUnavailable();
      try {
        Files.createFile(go);
        status = job.awaitExit(Duration.ofMinutes(3));
      } finally {
        lakeFS.serveNormally();
      }
      driverLog = job.output();
    }
    assertNotEquals("the job succeeded after its token was cancelled:\n" + driverLog, 0, status);
    assertTrue(driverLog, driverLog.contains(CancelMidJob.CANCELLED));
    Matcher failure = Pattern.compile("(?m)^.*Job aborted due to stage failure.*$").matcher(driverLog);
    assertTrue("no task failure in the driver log:\n" + driverLog, failure.find());
    assertTrue("the task failure does not say the lakeFS token was cancelled: " + failure.group(),
        failure.group().contains("lakeFS user " + USER + " was cancelled at"));
    assertFalse(driverLog.contains(SECRET_KEY));
    assertFalse(home.executorLogs().contains(SECRET_KEY));
  }

  private static SparkSubmitProcess.Builder submit(FakeSparkHome home, String log) {
    return SparkSubmitProcess.builder(home, dir.resolve(log))
        .conf("spark.plugins", LakeFSSparkKeys.PLUGIN_CLASS)
        .conf(LakeFSSparkKeys.SERVICE_ENDPOINTS, service.endpoint().toString())
        .conf(LakeFSSparkKeys.DRIVER_ACCESS_KEY, ACCESS_KEY)
        .conf(LakeFSSparkKeys.SPARK_HADOOP_PREFIX + "fs.s3a.ext.lakefs.repositories", REPOSITORY)
        .conf(LakeFSSparkKeys.SPARK_HADOOP_PREFIX + "fs.s3a.ext.lakefs.access", "write")
        .conf(LakeFSSparkKeys.SPARK_HADOOP_PREFIX + io.lakefs.sts.hadoop.LakeFSTokenKeys.LOGIN_ENDPOINT,
            lakeFS.endpoint().toString())
        // Credentials live 20 s here, not hours: refresh 5 s before expiry, prefetch 10 s before.
        .conf(LakeFSSparkKeys.SPARK_HADOOP_PREFIX + "fs.s3a.ext.lakefs.refresh-margin.seconds", "5")
        .conf(LakeFSSparkKeys.SPARK_HADOOP_PREFIX + "fs.s3a.ext.lakefs.prefetch.seconds", "10")
        .conf(LakeFSSparkKeys.RETRY_INTERVAL_MILLIS, "2000")
        .conf(LakeFSSparkKeys.S3A_DELEGATION_TOKEN_BINDING, LakeFSSparkKeys.S3A_BINDING_CLASS)
        .conf("spark.hadoop.fs.s3a.endpoint", aws.s3Endpoint().toString())
        .conf("spark.hadoop.fs.s3a.endpoint.region", aws.region())
        .conf("spark.hadoop.fs.s3a.path.style.access", "true");
  }

  private static String accessKeyId(String accessLogLine) {
    Matcher m = Pattern.compile("\"accessKeyId\":\"([^\"]*)\"").matcher(accessLogLine);
    return m.find() ? m.group(1) : "";
  }

  private static void awaitLine(SparkSubmitProcess job, String line) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
    while (!job.output().contains(line)) {
      if (!job.handle().isAlive() || Instant.now().isAfter(deadline)) {
        throw new AssertionError("the job never printed '" + line + "'; its output:\n" + job.output());
      }
      Thread.sleep(100);
    }
  }
}
