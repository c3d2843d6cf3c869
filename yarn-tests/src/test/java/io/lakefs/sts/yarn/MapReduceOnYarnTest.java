package io.lakefs.sts.yarn;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.lakefs.sts.examples.mapreduce.WordCount;
import io.lakefs.sts.hadoop.token.LakeFSTokenIdentifier;
import io.lakefs.sts.hadoop.token.LakeFSTokens;
import io.lakefs.sts.testsupport.Closeables;
import io.lakefs.sts.testsupport.CredentialsServiceProcess;
import io.lakefs.sts.testsupport.LogCapture;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivilegedExceptionAction;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.MRJobConfig;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;
import org.apache.hadoop.security.Credentials;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.hadoop.security.token.DtUtilShell;
import org.apache.hadoop.security.token.Token;
import org.apache.hadoop.util.ToolRunner;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * MapReduce on a Kerberized YARN: alice submits WordCount (map only, see {@link SecureYarnCluster}) with the
 * example configuration; TokenCache collects a {@code LAKEFS_STS} token for the input's bucket naming the RM as
 * renewer; the RM renews it as {@code yarn} while the job runs and cancels it when the job ends, and the service then
 * refuses it. The input is read through S3A under the repository's {@code data/}; the output goes to the cluster's
 * file system, because MapReduce's committer renames and deletes, which data clients may not do in a namespace.
 */
public class MapReduceOnYarnTest {
  private static final Duration RM_RENEWAL_INTERVAL = Duration.ofSeconds(3);
  /** Map output, unreduced: (word, 1) for every word of the two input files. */
  private static final List<String> EXPECTED_COUNTS = LakeFSStack.WORDS.stream()
      .map(word -> word + "=1").sorted().toList();

  private static SecureYarnCluster cluster;
  private static LakeFSStack stack;
  private static UserGroupInformation alice;
  private static Path dir;

  @BeforeClass
  public static void start() throws Exception {
    dir = Path.of("target", "mapreduce-on-yarn").toAbsolutePath();
    FileUtil.fullyDelete(dir.toFile());
    Files.createDirectories(dir);
    cluster = SecureYarnCluster.start(dir.resolve("kdc"), "mapreduce-on-yarn", RM_RENEWAL_INTERVAL);
    stack = LakeFSStack.start(dir, cluster.kdc);
    alice = cluster.login(LakeFSStack.USER);
  }

  @AfterClass
  public static void stop() throws Exception {
    Closeables.closeAll(stack, cluster);
  }

  @Test
  public void theRMRenewsTheTokenWhileTheJobRunsAndCancelsItAtTheEnd() throws Exception {
    Configuration conf = stack.jobConf(cluster.clientConf());
    org.apache.hadoop.fs.Path input = writeInput("collected");
    Path output = dir.resolve("collected-out");

    Job job = runWordCount(conf, input, output);

    assertTrue("the job failed: " + job.getStatus().getFailureInfo(), job.isSuccessful());
    assertEquals(EXPECTED_COUNTS, readOutput(output));
    Token<?> token = job.getCredentials().getToken(new Text("s3a://" + stack.aws.bucket()));
    assertNotNull("no token for s3a://" + stack.aws.bucket() + " among " + job.getCredentials().getAllTokens(), token);
    LakeFSTokenIdentifier identifier = LakeFSTokens.decode(token).orElseThrow();
    assertEquals(LakeFSStack.USER, identifier.getLakeFSUser());
    assertEquals(cluster.kdc.principal(LakeFSStack.USER), identifier.getOwner().toString());
    assertEquals("yarn", identifier.getRenewer().toString());
    stack.assertRenewedAndCancelledByTheRM(conf, identifier);
    assertReadAsAlice("collected");
    // As lakeFS's write grants allow: new objects under data/ only, nothing deleted or copied.
    for (String line : stack.aws.accessLogLines()) {
      assertFalse(line, line.contains("DELETE") || line.contains("COPY"));
      assertTrue(line, !line.contains("\"operation\":\"REST.PUT.OBJECT\"")
          || line.contains("\"key\":\"" + LakeFSStack.REPOSITORY + "/data/"));
    }
    stack.assertNoSecretIn(cluster.launchedFiles(Set.of("launch_container.sh", "job.xml")));
  }

  /**
   * What a scheduler (Oozie, Airflow) does: {@code hadoop dtutil get} into a file ahead of time, then the job starts
   * with {@code mapreduce.job.credentials.binary}; TokenCache finds the token under the bucket's alias and asks the
   * service for no other, and the RM renews and cancels the one from the file.
   */
  @Test
  public void aJobStartedWithATokenFileUsesThatToken() throws Exception {
    Configuration conf = stack.jobConf(cluster.clientConf());
    org.apache.hadoop.fs.Path input = writeInput("token-file");
    File tokenFile = dir.resolve("alice-for-yarn.token").toFile();
    dtutilGet(conf, "yarn", tokenFile);
    LakeFSTokenIdentifier fromFile = LakeFSTokens.decode(Credentials.readTokenStorageFile(tokenFile, conf)
        .getToken(new Text("s3a://" + stack.aws.bucket()))).orElseThrow();
    long issuedBefore = issuedTokens();
    conf.set(MRJobConfig.MAPREDUCE_JOB_CREDENTIALS_BINARY, tokenFile.getPath());
    Path output = dir.resolve("token-file-out");

    Job job = runWordCount(conf, input, output);

    assertTrue("the job failed: " + job.getStatus().getFailureInfo(), job.isSuccessful());
    assertEquals(EXPECTED_COUNTS, readOutput(output));
    assertEquals("the submission obtained a token of its own", issuedBefore, issuedTokens());
    stack.assertRenewedAndCancelledByTheRM(conf, fromFile);
  }

  /**
   * A token file made with the user as renewer (the default of {@code dtutil get}): YARN refuses the submission,
   * since the RM could not renew the token, and the message says whom the token names and what to do instead.
   */
  @Test
  public void aTokenTheRMMayNotRenewFailsTheSubmissionSayingWhatToDo() throws Exception {
    Configuration conf = stack.jobConf(cluster.clientConf());
    org.apache.hadoop.fs.Path input = writeInput("wrong-renewer");
    File tokenFile = dir.resolve("alice-for-alice.token").toFile();
    dtutilGet(conf, LakeFSStack.USER, tokenFile);
    conf.set(MRJobConfig.MAPREDUCE_JOB_CREDENTIALS_BINARY, tokenFile.getPath());

    IOException refused;
    String rmLog;
    try (LogCapture log = new LogCapture()) {
      refused = assertThrows(IOException.class, () -> runWordCount(conf, input, dir.resolve("wrong-renewer-out")));
      rmLog = log.text();
    }

    // YARN's answer to the submitter names the token, showing its renewer; the RM's log has the service's reason.
    String message = refused.getMessage();
    assertTrue(message, message.contains("Failed to submit application"));
    assertTrue(message, message.contains("Failed to renew token: Kind: LAKEFS_STS"));
    assertTrue(message, message.contains("renewer=alice,"));
    assertTrue(rmLog, rmLog.contains("the credentials service at " + stack.service.endpoint()
        + " refused renewing a delegation token (HTTP 403)"));
    assertTrue(rmLog, rmLog.contains("may be renewed only by its renewer alice, not by yarn"));
    assertTrue(rmLog, rmLog.contains("obtain a token naming yarn as its renewer"));
    assertFalse(rmLog, rmLog.contains(LakeFSStack.SECRET_KEY));
  }

  /**
   * The service goes down after the RM's renewal at submission: the RM's next renewal fails and its log names the
   * service and why; YARN stops renewing that token, and the job goes on with the credentials its token carries.
   */
  @Test
  public void aJobOutlivesTheServiceOnTheCredentialsItsTokenCarries() throws Exception {
    org.apache.hadoop.fs.Path input = writeInput("service-down");
    Path output = dir.resolve("service-down-out");
    Job job;
    String rmLog;
    CredentialsServiceProcess doomed = stack.startAnotherService(dir.resolve("doomed-service"));
    try (LogCapture log = new LogCapture()) {
      Configuration conf = stack.jobConf(cluster.clientConf());
      conf.set("fs.s3a.ext.lakefs.service.endpoints", doomed.endpoint().toString());
      // A new S3A instance for this configuration: the cached one of earlier tests would ask the other service.
      conf.setBoolean("fs.s3a.impl.disable.cache", true);
      job = newWordCount(conf, input, output);
      alice.doAs((PrivilegedExceptionAction<Void>) () -> {
        job.submit();
        return null;
      });
      LakeFSStack.awaitAuditLine(doomed, l -> l.contains("\"event\":\"token.renewed\""), Duration.ofSeconds(60));
      doomed.close();
      alice.doAs((PrivilegedExceptionAction<Boolean>) () -> job.waitForCompletion(false));
      rmLog = log.text();
    } finally {
      doomed.close();
    }

    assertTrue("the job failed: " + job.getStatus().getFailureInfo(), job.isSuccessful());
    assertEquals(EXPECTED_COUNTS, readOutput(output));
    assertTrue(rmLog, rmLog.contains("Exception renewing token"));
    assertTrue(rmLog, rmLog.contains("credentials service at " + doomed.endpoint()));
    assertReadAsAlice("service-down");
  }

  /** Every S3 request for the input {@link #writeInput} wrote under {@code name} was made as STS session alice. */
  private static void assertReadAsAlice(String name) throws IOException {
    List<String> requests = stack.aws.accessLogLines().stream()
        .filter(l -> l.contains("\"key\":\"" + LakeFSStack.REPOSITORY + "/data/wordcount-on-yarn/" + name + "/"))
        .filter(l -> l.contains("\"operation\":\"REST.GET.OBJECT\"")).toList();
    assertFalse("no S3 request read the input " + name, requests.isEmpty());
    requests.forEach(line -> assertTrue(line, line.contains("\"sessionName\":\"alice\"")));
  }

  /** Two input files (so two maps) under the repository's data/, written once by alice. */
  private static org.apache.hadoop.fs.Path writeInput(String name) throws Exception {
    return stack.writeInput(alice, stack.jobConf(cluster.clientConf()), "wordcount-on-yarn/" + name);
  }

  /** The example WordCount, map only, run to its end by alice. */
  private static Job runWordCount(Configuration conf, org.apache.hadoop.fs.Path input, Path output) throws Exception {
    Job job = newWordCount(conf, input, output);
    alice.doAs((PrivilegedExceptionAction<Boolean>) () -> job.waitForCompletion(false));
    return job;
  }

  /**
   * Alice's job (a job acts as the user who made it) with the example WordCount's mapper: map only, input read
   * through S3A with our token (TokenCache collects it for the s3a:// input path), output to the local disk. The
   * example's own lakeFS-object formats are exercised by examples/; here the point is YARN's handling of the token.
   */
  private static Job newWordCount(Configuration conf, org.apache.hadoop.fs.Path input, Path output) throws Exception {
    // Staging on the local file system, where this JVM (root) owns what alice's submission created: MapReduce
    // accepts an existing staging directory only from its owner, so each job gets a new one (HDFS has owners).
    conf.set(MRJobConfig.MR_AM_STAGING_DIR, output + "-staging");
    return alice.doAs((PrivilegedExceptionAction<Job>) () -> {
      Job job = Job.getInstance(conf, "word count on YARN");
      job.setJarByClass(WordCount.class);
      job.setMapperClass(WordCount.WordMapper.class);
      job.setNumReduceTasks(0);
      job.setOutputKeyClass(Text.class);
      job.setOutputValueClass(LongWritable.class);
      FileInputFormat.addInputPath(job, input);
      FileOutputFormat.setOutputPath(job, new org.apache.hadoop.fs.Path(output.toUri()));
      return job;
    });
  }

  /** {@code hadoop dtutil get lakefs://HOST:PORT -alias s3a://BUCKET -renewer RENEWER FILE}, as alice. */
  private static void dtutilGet(Configuration conf, String renewer, File file) throws Exception {
    String service = "lakefs://127.0.0.1:" + stack.service.endpoint().getPort();
    int status = alice.doAs((PrivilegedExceptionAction<Integer>) () -> ToolRunner.run(conf, new DtUtilShell(),
        new String[] {"get", service, "-alias", "s3a://" + stack.aws.bucket(), "-renewer", renewer, file.getPath()}));
    assertEquals("dtutil get failed", 0, status);
  }

  private static long issuedTokens() throws IOException {
    return stack.auditLines().stream().filter(l -> l.contains("\"event\":\"token.issued\"")).count();
  }

  private static List<String> readOutput(Path output) throws IOException {
    try (Stream<Path> files = Files.list(output)) {
      return files.filter(f -> f.getFileName().toString().startsWith("part-m-")).flatMap(f -> {
        try {
          return Files.readAllLines(f).stream();
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).map(line -> line.replace('\t', '=')).sorted().toList();
    }
  }
}
