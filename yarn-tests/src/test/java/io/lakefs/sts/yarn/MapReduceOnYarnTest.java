package io.lakefs.sts.yarn;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.lakefs.sts.examples.mapreduce.WordCount;
import io.lakefs.sts.hadoop.client.ClientSettings;
import io.lakefs.sts.hadoop.client.CredentialsServiceClient;
import io.lakefs.sts.hadoop.client.ServiceAuth;
import io.lakefs.sts.hadoop.token.LakeFSTokenIdentifier;
import io.lakefs.sts.hadoop.token.LakeFSTokens;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivilegedExceptionAction;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.hadoop.security.token.Token;
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
    try {
      if (stack != null) {
        stack.close();
      }
    } finally {
      if (cluster != null) {
        cluster.close();
      }
    }
  }

  @Test
  public void theRMRenewsTheTokenWhileTheJobRunsAndCancelsItAtTheEnd() throws Exception {
    Configuration conf = stack.jobConf(cluster.clientConf());
    org.apache.hadoop.fs.Path input = stack.dataPath("wordcount-on-yarn/in");
    org.apache.hadoop.fs.Path output = new org.apache.hadoop.fs.Path(dir.resolve("wordcount-out").toUri());
    Job job = alice.doAs((PrivilegedExceptionAction<Job>) () -> {
      try (FileSystem fs = FileSystem.newInstance(input.toUri(), conf)) {
        write(fs, new org.apache.hadoop.fs.Path(input, "a.txt"), "one lakeFS token\none job\n");
        write(fs, new org.apache.hadoop.fs.Path(input, "b.txt"), "the RM renews one token\n");
      }
      Job submitted = WordCount.createJob(conf, input, output);
      submitted.setNumReduceTasks(0);
      submitted.waitForCompletion(false);
      return submitted;
    });

    assertTrue("the job failed: " + job.getStatus().getFailureInfo(), job.isSuccessful());
    // One map per input file; map output, unreduced: (word, 1) for every word.
    assertEquals("one lakeFS token one job the RM renews one token".lines().flatMap(l -> Stream.of(l.split(" ")))
        .map(word -> word + "=1").sorted().toList(), readOutput(output));

    Token<?> token = job.getCredentials().getToken(new Text("s3a://" + stack.aws.bucket()));
    assertNotNull("no token for s3a://" + stack.aws.bucket() + " among " + job.getCredentials().getAllTokens(), token);
    LakeFSTokenIdentifier identifier = LakeFSTokens.decode(token).orElseThrow();
    assertEquals(LakeFSStack.USER, identifier.getLakeFSUser());
    assertEquals("yarn", identifier.getRenewer().toString());

    // The RM renews at submission and then on its schedule, as its own Kerberos login (mapped to yarn by the
    // service's name rules); each renewal moves the expiry later.
    List<String> renewals = stack.auditLines().stream().filter(l -> l.contains("\"event\":\"token.renewed\"")).toList();
    assertTrue("fewer than 3 renewals (submission, then two scheduled):\n" + renewals, renewals.size() >= 3);
    renewals.forEach(renewal -> assertTrue(renewal, renewal.contains("\"user\":\"yarn\"")));
    List<String> expiries = renewals.stream().map(l -> l.replaceAll(".*\"expiry\":\"([^\"]+)\".*", "$1")).toList();
    assertEquals("expiries not moving later: " + expiries, expiries.stream().sorted().distinct().toList(), expiries);
    String cancel = stack.awaitAuditLine(l -> l.contains("\"event\":\"token.cancelled\""), Duration.ofSeconds(60));
    assertTrue(cancel, cancel.contains("\"user\":\"yarn\""));
    try {
      new CredentialsServiceClient(ClientSettings.from(conf, identifier.getServiceEndpoints()))
          .getCredentials(ServiceAuth.delegationToken(identifier.getServiceToken()), List.of(), null);
      fail("the service still accepts the token the RM cancelled");
    } catch (IOException refused) {
      assertTrue(refused.getMessage(), refused.getMessage().contains("was cancelled at"));
      assertTrue(refused.getMessage(), refused.getMessage().contains("by yarn"));
    }

    List<String> reads = stack.aws.accessLogLines().stream()
        .filter(l -> l.contains("\"key\":\"" + LakeFSStack.REPOSITORY + "/data/wordcount-on-yarn/in/")).toList();
    assertFalse("no S3 request read the input", reads.isEmpty());
    reads.forEach(line -> assertTrue(line, line.contains("\"sessionName\":\"alice\"")));
    assertNoSecretInLaunchedContainers();
  }

  private static void write(FileSystem fs, org.apache.hadoop.fs.Path path, String text) throws IOException {
    try (OutputStream out = fs.create(path, false)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  private static List<String> readOutput(org.apache.hadoop.fs.Path output) throws IOException {
    try (Stream<Path> files = Files.list(Path.of(output.toUri()))) {
      return files.filter(f -> f.getFileName().toString().startsWith("part-m-")).flatMap(f -> {
        try {
          return Files.readAllLines(f).stream();
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).map(line -> line.replace('\t', '=')).sorted().toList();
    }
  }

  /** What YARN launched (scripts with the containers' environment, the job's configuration) holds no secret. */
  private static void assertNoSecretInLaunchedContainers() throws IOException {
    List<Path> launched;
    try (Stream<Path> files = Files.walk(cluster.nodeManagerDir())) {
      launched = files.filter(f -> Set.of("launch_container.sh", "job.xml").contains(f.getFileName().toString()))
          .toList();
    }
    assertTrue("no container launch script under " + cluster.nodeManagerDir(),
        launched.stream().anyMatch(f -> f.endsWith("launch_container.sh")));
    for (Path file : launched) {
      String text = Files.readString(file);
      // The secrets themselves, environment variables the AWS SDK would read, and keys that would hold a secret.
      for (String secret : List.of(LakeFSStack.SECRET_KEY, stack.aws.secretAccessKey(), stack.aws.accessKeyId(),
          "AWS_SECRET_ACCESS_KEY", "AWS_ACCESS_KEY_ID", "AWS_SESSION_TOKEN", "<name>fs.s3a.access.key</name>",
          "<name>fs.s3a.secret.key</name>", "<name>fs.s3a.ext.lakefs.secret.key</name>")) {
        assertFalse(secret + " reached " + file, text.contains(secret));
      }
    }
  }
}
