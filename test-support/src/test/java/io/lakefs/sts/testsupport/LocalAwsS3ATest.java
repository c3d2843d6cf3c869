package io.lakefs.sts.testsupport;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * Hadoop's S3A filesystem (hadoop-aws 3.4.x, as lakeFSFS uses it for data) with STS session credentials
 * from local-aws: the full life of a dataset inside the granted prefix works, outside it S3A reports
 * access denied.
 */
public class LocalAwsS3ATest {
  private static LocalAwsProcess aws;
  private static FileSystem fs;

  @BeforeClass
  public static void openS3AWithSessionCredentials() throws Exception {
    aws = LocalAwsProcess.builder().start();
    Credentials credentials;
    try (StsClient sts = LocalAwsClients.sts(aws)) {
      credentials = sts.assumeRole(r -> r.roleArn(aws.roleArn()).roleSessionName("alice")
          .sourceIdentity("alice").policy(LocalAwsClients.REPO1_WRITER_POLICY)).credentials();
    }
    Configuration conf = new Configuration();
    conf.set("fs.s3a.endpoint", aws.s3Endpoint().toString());
    conf.set("fs.s3a.endpoint.region", aws.region());
    conf.setBoolean("fs.s3a.path.style.access", true);
    conf.setBoolean("fs.s3a.connection.ssl.enabled", false);
    conf.set("fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.TemporaryAWSCredentialsProvider");
    conf.set("fs.s3a.access.key", credentials.accessKeyId());
    conf.set("fs.s3a.secret.key", credentials.secretAccessKey());
    conf.set("fs.s3a.session.token", credentials.sessionToken());
    conf.setInt("fs.s3a.attempts.maximum", 1);
    conf.setInt("fs.s3a.retry.limit", 1);
    conf.setBoolean("fs.s3a.impl.disable.cache", true);
    fs = FileSystem.get(new Path("s3a://" + aws.bucket() + "/").toUri(), conf);
  }

  @AfterClass
  public static void stop() throws Exception {
    if (fs != null) {
      fs.close();
    }
    if (aws != null) {
      aws.close();
    }
  }

  private static Path path(String key) {
    return new Path("s3a://" + aws.bucket() + "/" + key);
  }

  @Test
  public void writesListsRenamesReadsAndDeletesInsideTheScope() throws IOException {
    byte[] data = "id,name\n1,alice\n".getBytes(StandardCharsets.UTF_8);
    try (FSDataOutputStream out = fs.create(path("repo1/table/_temporary/part-0000.csv"))) {
      out.write(data);
    }
    assertTrue(fs.rename(path("repo1/table/_temporary/part-0000.csv"), path("repo1/table/part-0000.csv")));

    List<String> names = Arrays.stream(fs.listStatus(path("repo1/table")))
        .map(FileStatus::getPath).map(Path::getName).sorted().collect(Collectors.toList());
    assertEquals(List.of("_temporary", "part-0000.csv"), names);
    assertEquals(data.length, fs.getFileStatus(path("repo1/table/part-0000.csv")).getLen());
    byte[] read = new byte[data.length];
    try (FSDataInputStream in = fs.open(path("repo1/table/part-0000.csv"))) {
      in.readFully(read);
    }
    assertArrayEquals(data, read);

    assertTrue(fs.delete(path("repo1/table"), true));
    assertFalse(fs.exists(path("repo1/table/part-0000.csv")));
  }

  @Test
  public void outsideTheScopeS3AReportsAccessDenied() throws IOException {
    assertThrows(AccessDeniedException.class, () -> {
      try (FSDataOutputStream out = fs.create(path("repo2/table/part-0000.csv"))) {
        out.write(1);
      }
    });
    assertThrows(AccessDeniedException.class, () -> fs.listStatus(path("repo2/table")));
    assertThrows(AccessDeniedException.class, () -> fs.open(path("repo2/table/part-0000.csv")).close());
  }

  @Test
  public void requestsShowUpInTheAccessLogUnderTheSession() throws IOException {
    try (FSDataOutputStream out = fs.create(path("repo1/audit/file"))) {
      out.write(1);
    }

    assertTrue(aws.accessLogLines().stream().anyMatch(line -> line.contains("\"key\":\"repo1/audit/file\"")
        && line.contains("\"operation\":\"REST.PUT.OBJECT\"")
        && line.contains("\"requester\":\"arn:aws:sts::123456789012:assumed-role/lakefs-sts/alice\"")
        && line.contains("\"sourceIdentity\":\"alice\"")));
  }
}
