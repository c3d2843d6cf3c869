package io.lakefs.sts.yarn;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.lakefs.sts.hadoop.token.LakeFSTokenIdentifier;
import io.lakefs.sts.hadoop.token.LakeFSTokens;
import io.lakefs.sts.protocol.TokenKinds;
import io.lakefs.sts.testsupport.Classpath;
import io.lakefs.sts.testsupport.Closeables;
import io.lakefs.sts.testsupport.spark.FakeSparkHome;
import io.lakefs.sts.testsupport.spark.SparkSubmitProcess;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.security.Credentials;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.hadoop.security.token.Token;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * Spark on a Kerberized YARN: alice submits a job through {@code SparkSubmit} ({@code --master yarn}) on Spark 4.0.1
 * in a child JVM, logging in from her keytab, with the example {@code kerberos.properties}; Spark's token manager
 * loads the {@code lakefs} provider, which obtains a {@code LAKEFS_STS} token naming the RM as renewer; the job reads
 * through S3A with it and writes each partition once under the repository's {@code data/}; the RM renews the token as
 * {@code yarn} while the application runs and cancels it when it ends, and the service then refuses it.
 */
public class SparkOnYarnTest {
  private static final Duration RM_RENEWAL_INTERVAL = Duration.ofSeconds(3);
  /** Long enough after the work for the RM's scheduled renewals to come due while the application runs. */
  private static final int PAUSE_SECONDS = 4;
  /** The example file users pass with {@code --properties-file}. */
  private static final Path EXAMPLE_PROPERTIES = Path.of("..", "examples", "spark", "kerberos.properties");
  private static final List<String> EXPECTED_COUNTS = List.of("RM=1", "job=1", "lakeFS=1", "one=3", "renews=1", "the=1",
      "token=2");
  private static final Pattern APPLICATION_ID = Pattern.compile("application_\\d+_\\d+");

  private static SecureYarnCluster cluster;
  private static LakeFSStack stack;
  private static UserGroupInformation alice;
  private static File aliceKeytab;
  private static Path dir;

  @BeforeClass
  public static void start() throws Exception {
    dir = Path.of("target", "spark-on-yarn").toAbsolutePath();
    FileUtil.fullyDelete(dir.toFile());
    Files.createDirectories(dir);
    cluster = SecureYarnCluster.start(dir.resolve("kdc"), "spark-on-yarn", RM_RENEWAL_INTERVAL);
    stack = LakeFSStack.start(dir, cluster.kdc);
    aliceKeytab = cluster.keytab(LakeFSStack.USER);
    alice = UserGroupInformation.loginUserFromKeytabAndReturnUGI(cluster.kdc.principal(LakeFSStack.USER),
        aliceKeytab.getPath());
  }

  @AfterClass
  public static void stop() throws Exception {
    Closeables.closeAll(stack, cluster);
  }

  @Test
  public void clientModeRunsOnTheTokenTheRMRenewsAndCancels() throws Exception {
    assertRunsOnTheTokenTheRMRenewsAndCancels("client");
  }

  /**
   * The driver in the ApplicationMaster: spark-submit's JVM obtains the token YARN gets (with alice's driver-only
   * secret), and the RM renews and cancels it as in client mode.
   */
  @Test
  public void clusterModeRunsOnTheTokenTheRMRenewsAndCancels() throws Exception {
    assertRunsOnTheTokenTheRMRenewsAndCancels("cluster");
  }

  private static void assertRunsOnTheTokenTheRMRenewsAndCancels(String deployMode) throws Exception {
    String input = stack.writeInput(alice, stack.jobConf(cluster.clientConf()), "spark-on-yarn/" + deployMode)
        .toString();
    String output = stack.dataPath("spark-on-yarn/" + deployMode + "-out").toString();
    Path counts = dir.resolve(deployMode + "-counts.txt");

    String applicationId = submit(deployMode, input, output, counts);

    assertEquals(EXPECTED_COUNTS, Files.readAllLines(counts));
    Token<?> token = tokenSubmittedWith(applicationId);
    LakeFSTokenIdentifier identifier = LakeFSTokens.decode(token).orElseThrow();
    assertEquals(LakeFSStack.USER, identifier.getLakeFSUser());
    assertEquals(cluster.kdc.principal(LakeFSStack.USER), identifier.getOwner().toString());
    assertEquals("yarn", identifier.getRenewer().toString());
    int sequenceNumber = LakeFSStack.serviceTokenSequenceNumber(identifier);
    String issued = stack.awaitAuditLine(l -> l.contains("\"event\":\"token.issued\"")
        && l.contains("\"token_sequence_number\":" + sequenceNumber + ","), Duration.ofSeconds(1));
    assertTrue(issued, issued.contains("\"user\":\"alice\""));
    stack.assertRenewedAndCancelledByTheRM(stack.jobConf(cluster.clientConf()), identifier);
    assertS3SawAliceReadTheInputAndWriteEachPartitionOnce(deployMode);
    stack.assertNoSecretIn(cluster.launchedFiles(Set.of("launch_container.sh", "__spark_conf__.properties",
        "__spark_hadoop_conf__.xml")));
  }

  /**
   * Runs {@code WordsToData} through SparkSubmit on Spark 4.0.1 in a child JVM as alice (her keytab), waits for it to
   * end successfully and returns its YARN application id.
   */
  private static String submit(String deployMode, String input, String output, Path counts) throws Exception {
    Path sparkDir = Files.createDirectories(dir.resolve("spark-" + deployMode));
    Path hadoopConfDir = writeHadoopConf(sparkDir.resolve("hadoop-conf"));
    Path jobJar = jobJar();
    List<Path> sparkJars = sparkClassPath(jobJar);
    List<Path> driverClassPath = new ArrayList<>(List.of(hadoopConfDir, jobJar));
    driverClassPath.addAll(sparkJars);
    String krb5 = "-Djava.security.krb5.conf=" + System.getProperty("java.security.krb5.conf");
    SparkSubmitProcess.Builder builder = SparkSubmitProcess.builder(
            FakeSparkHome.create(sparkDir.resolve("home"), List.of()), sparkDir.resolve("driver.log"))
        .master("yarn").classPath(driverClassPath).jvmOption(krb5)
        .environment("HADOOP_CONF_DIR", hadoopConfDir.toString())
        .application(jobJar, "io.lakefs.sts.yarn.spark.WordsToData", input, output, counts.toString(),
            Integer.toString(PAUSE_SECONDS));
    examplePropertiesWith(builder);
    builder.conf("spark.submit.deployMode", deployMode)
        .conf("spark.kerberos.principal", cluster.kdc.principal(LakeFSStack.USER))
        .conf("spark.kerberos.keytab", aliceKeytab.getPath())
        // Spark's jars as installed on every node: the containers' class path, nothing uploaded per application.
        .conf("spark.yarn.jars", sparkJars.stream().map(jar -> "local:" + jar).collect(Collectors.joining(",")))
        .conf("spark.yarn.populateHadoopClasspath", "false")
        .conf("spark.yarn.stagingDir", sparkDir.resolve("staging").toUri().toString())
        .conf("spark.yarn.am.extraJavaOptions", krb5)
        .conf("spark.driver.extraJavaOptions", krb5)
        .conf("spark.driver.memory", "512m")
        // In cluster mode the ApplicationMaster names the driver's host by its own: loopback, like the bind address.
        .conf("spark.yarn.appMasterEnv.SPARK_LOCAL_IP", "127.0.0.1")
        .conf("spark.executor.extraJavaOptions", krb5)
        .conf("spark.yarn.am.memory", "512m")
        .conf("spark.executor.memory", "512m")
        .conf("spark.executor.instances", "1")
        .conf("spark.executor.cores", "1");
    try (SparkSubmitProcess job = builder.start()) {
      int status = job.awaitExit(Duration.ofMinutes(4));
      assertEquals("spark-submit failed; its output:\n" + job.output(), 0, status);
      Matcher id = APPLICATION_ID.matcher(job.output());
      assertTrue("no application id in spark-submit's output:\n" + job.output(), id.find());
      return id.group();
    }
  }

  /**
   * The example {@code kerberos.properties} with what this site sets instead of its placeholders: the service,
   * the repository, alice's key id and driver-only credential provider, local-aws's S3.
   */
  private static void examplePropertiesWith(SparkSubmitProcess.Builder builder) throws IOException {
    Properties example = new Properties();
    try (Reader reader = Files.newBufferedReader(EXAMPLE_PROPERTIES)) {
      example.load(reader);
    }
    example.stringPropertyNames().forEach(key -> builder.conf(key, example.getProperty(key)));
    builder.conf("spark.lakefs.driver.access-key", LakeFSStack.ACCESS_KEY)
        .conf("spark.lakefs.driver.credential-provider.path", stack.credentialProviderPath())
        .conf("spark.hadoop.fs.s3a.ext.lakefs.service.endpoints", stack.service.endpoint().toString())
        .conf("spark.hadoop.fs.s3a.ext.lakefs.repositories", LakeFSStack.REPOSITORY)
        .conf("spark.hadoop.fs.s3a.ext.lakefs.login.endpoint", stack.lakeFS.endpoint().toString())
        .conf("spark.hadoop.fs.s3a.ext.lakefs.retry.attempts", "1")
        .conf("spark.hadoop.fs.s3a.endpoint", stack.aws.s3Endpoint().toString())
        .conf("spark.hadoop.fs.s3a.endpoint.region", stack.aws.region())
        .conf("spark.hadoop.fs.s3a.path.style.access", "true")
        .conf("spark.hadoop.fs.s3a.connection.ssl.enabled", "false")
        .conf("spark.hadoop.fs.s3a.attempts.maximum", "1");
  }

  /**
   * The cluster's client configuration as a site's {@code HADOOP_CONF_DIR} holds it; in both files, since
   * {@code yarn-default.xml}, read after {@code core-site.xml}, would hide the RM's address there.
   */
  private static Path writeHadoopConf(Path confDir) throws IOException {
    Files.createDirectories(confDir);
    for (String file : List.of("core-site.xml", "yarn-site.xml")) {
      try (OutputStream out = Files.newOutputStream(confDir.resolve(file))) {
        cluster.clientConf().writeXml(out);
      }
    }
    return confDir;
  }

  /** spark-on-yarn-job's jar, on this module's class path only so that the reactor builds it first. */
  private static Path jobJar() {
    return Classpath.entries().stream().filter(p -> p.getFileName().toString().matches("spark-on-yarn-job-.*\\.jar"))
        .findFirst().orElseThrow(() -> new AssertionError("no spark-on-yarn-job jar on the class path: build with"
            + " `mvn -pl yarn-tests -am verify`"));
  }

  /** Spark 4.0.1, spark-yarn and our jars: the class path spark-on-yarn-job's build wrote beside its jar. */
  private static List<Path> sparkClassPath(Path jobJar) throws IOException {
    Path file = jobJar.toAbsolutePath().getParent().resolve("spark-class-path.txt");
    List<Path> jars = Arrays.stream(Files.readString(file).trim().split(File.pathSeparator)).map(Path::of).toList();
    jars.forEach(jar -> assertTrue(jar + " (from " + file + ") is not a jar: build with `mvn -pl yarn-tests -am"
        + " verify`", jar.getFileName().toString().endsWith(".jar") && Files.isRegularFile(jar)));
    return jars;
  }

  /** The {@code LAKEFS_STS} token the RM received with the application's submission. */
  private static Token<?> tokenSubmittedWith(String applicationId) {
    Credentials credentials = cluster.tokensSubmittedWith(ApplicationId.fromString(applicationId));
    return credentials.getAllTokens().stream()
        .filter(t -> TokenKinds.LAKEFS_STS.equals(t.getKind().toString())).findFirst()
        .orElseThrow(() -> new AssertionError("no LAKEFS_STS token submitted with " + applicationId + ": "
            + credentials.getAllTokens()));
  }

  /**
   * Every read of the input was made as STS session alice; every PUT was a new object under {@code data/}, one per
   * partition of the output, by alice; nothing was deleted or copied.
   */
  private static void assertS3SawAliceReadTheInputAndWriteEachPartitionOnce(String name) throws IOException {
    String prefix = "\"key\":\"" + LakeFSStack.REPOSITORY + "/data/spark-on-yarn/";
    List<String> log = stack.aws.accessLogLines();
    List<String> reads = log.stream().filter(l -> l.contains(prefix + name + "/"))
        .filter(l -> l.contains("\"operation\":\"REST.GET.OBJECT\"")).toList();
    assertFalse("no S3 request read the input " + name, reads.isEmpty());
    reads.forEach(line -> assertTrue(line, line.contains("\"sessionName\":\"alice\"")));
    List<String> outputPuts = log.stream().filter(l -> l.contains("\"operation\":\"REST.PUT.OBJECT\""))
        .filter(l -> l.contains(prefix + name + "-out/")).toList();
    assertEquals("one PUT per partition: " + outputPuts, 2, outputPuts.size());
    outputPuts.forEach(line -> assertTrue(line, line.contains("\"sessionName\":\"alice\"")));
    for (String line : log) {
      assertFalse(line, line.contains("DELETE") || line.contains("COPY"));
      assertTrue(line, !line.contains("\"operation\":\"REST.PUT.OBJECT\"")
          || line.contains("\"key\":\"" + LakeFSStack.REPOSITORY + "/data/"));
    }
  }
}
