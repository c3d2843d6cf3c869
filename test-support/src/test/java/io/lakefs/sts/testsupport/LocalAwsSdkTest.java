package io.lakefs.sts.testsupport;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.StsException;
import software.amazon.awssdk.services.sts.model.Tag;

/**
 * The real AWS SDK v2 clients, unmodified, against a local-aws child process: STS issues scoped, tagged
 * credentials, S3 accepts them inside their scope and refuses them everywhere else with AWS's codes,
 * and the access log names the session.
 */
public class LocalAwsSdkTest {
  private static LocalAwsProcess aws;
  private static StsClient sts;

  @BeforeClass
  public static void startLocalAws() throws Exception {
    aws = LocalAwsProcess.builder().start();
    sts = LocalAwsClients.sts(aws);
  }

  @AfterClass
  public static void stopLocalAws() throws Exception {
    if (sts != null) {
      sts.close();
    }
    if (aws != null) {
      aws.close();
    }
  }

  private static AssumeRoleResponse assumeScopedRole(String sessionName) {
    return sts.assumeRole(r -> r.roleArn(aws.roleArn())
        .roleSessionName(sessionName)
        .sourceIdentity(sessionName)
        .durationSeconds(900)
        .policy(LocalAwsClients.REPO1_WRITER_POLICY)
        .tags(Tag.builder().key("lakefs-user").value(sessionName).build(),
            Tag.builder().key("issued-by").value("lakeFS").build()));
  }

  private static S3Client s3(Credentials credentials) {
    return LocalAwsClients.s3(aws, credentials);
  }

  private static S3Client s3(String accessKeyId, String secret, String sessionToken) {
    return LocalAwsClients.s3(aws, accessKeyId, secret, sessionToken);
  }

  private static String errorCode(Runnable call) {
    S3Exception e = assertThrows(S3Exception.class, call::run);
    return e.awsErrorDetails() == null ? "HTTP " + e.statusCode() : e.awsErrorDetails().errorCode();
  }

  @Test
  public void assumeRoleReturnsCredentialsNamedAfterTheSession() {
    AssumeRoleResponse response = assumeScopedRole("alice");

    assertEquals("arn:aws:sts::123456789012:assumed-role/lakefs-sts/alice", response.assumedRoleUser().arn());
    assertEquals("alice", response.sourceIdentity());
    assertTrue(response.credentials().accessKeyId().startsWith("ASIA"));
    assertTrue(response.credentials().expiration().isAfter(Instant.now().plus(Duration.ofMinutes(14))));
    assertTrue(response.packedPolicySize() > 0);
  }

  @Test
  public void scopedCredentialsReadAndWriteInsideTheirPrefix() {
    try (S3Client s3 = s3(assumeScopedRole("alice").credentials())) {
      s3.putObject(r -> r.bucket(aws.bucket()).key("repo1/data/part-0000"), RequestBody.fromString("hello"));

      assertEquals("hello", s3.getObjectAsBytes(r -> r.bucket(aws.bucket()).key("repo1/data/part-0000")).asUtf8String());
      assertEquals(5L, (long) s3.headObject(r -> r.bucket(aws.bucket()).key("repo1/data/part-0000")).contentLength());
      List<String> keys = s3.listObjectsV2(r -> r.bucket(aws.bucket()).prefix("repo1/data/")).contents().stream()
          .map(S3Object::key).collect(Collectors.toList());
      assertEquals(List.of("repo1/data/part-0000"), keys);
      s3.deleteObject(r -> r.bucket(aws.bucket()).key("repo1/data/part-0000"));
    }
  }

  @Test
  public void scopedCredentialsAreDeniedOutsideTheirPrefix() {
    try (S3Client s3 = s3(assumeScopedRole("alice").credentials())) {
      assertEquals("AccessDenied", errorCode(() -> s3.putObject(
          r -> r.bucket(aws.bucket()).key("repo2/stolen"), RequestBody.fromString("x"))));
      assertEquals("AccessDenied", errorCode(() -> s3.getObject(
          r -> r.bucket(aws.bucket()).key("repo2/secret"))));
      assertEquals("AccessDenied", errorCode(() -> s3.listObjectsV2(
          r -> r.bucket(aws.bucket()).prefix("repo2/"))));
      assertEquals("AccessDenied", errorCode(() -> s3.listObjectsV2(r -> r.bucket(aws.bucket()))));
      assertEquals("AccessDenied", errorCode(() -> s3.copyObject(r -> r.sourceBucket(aws.bucket())
          .sourceKey("repo2/secret").destinationBucket(aws.bucket()).destinationKey("repo1/copied"))));
    }
  }

  @Test
  public void multipartUploadWorksInsideTheScope() {
    try (S3Client s3 = s3(assumeScopedRole("alice").credentials())) {
      String key = "repo1/big/object";
      String uploadId = s3.createMultipartUpload(r -> r.bucket(aws.bucket()).key(key)).uploadId();
      byte[] part1 = new byte[5 * 1024 * 1024];
      String etag1 = s3.uploadPart(r -> r.bucket(aws.bucket()).key(key).uploadId(uploadId).partNumber(1),
          RequestBody.fromBytes(part1)).eTag();
      String etag2 = s3.uploadPart(r -> r.bucket(aws.bucket()).key(key).uploadId(uploadId).partNumber(2),
          RequestBody.fromString("tail")).eTag();
      s3.completeMultipartUpload(r -> r.bucket(aws.bucket()).key(key).uploadId(uploadId)
          .multipartUpload(CompletedMultipartUpload.builder().parts(
              CompletedPart.builder().partNumber(1).eTag(etag1).build(),
              CompletedPart.builder().partNumber(2).eTag(etag2).build()).build()));

      assertEquals(part1.length + 4L, (long) s3.headObject(r -> r.bucket(aws.bucket()).key(key)).contentLength());
    }
  }

  @Test
  public void requestsWithAWrongTokenOrSecretAreRefused() {
    Credentials credentials = assumeScopedRole("alice").credentials();
    try (S3Client wrongToken = s3(credentials.accessKeyId(), credentials.secretAccessKey(), "forged-token");
        S3Client wrongSecret = s3(credentials.accessKeyId(), "not-the-secret", credentials.sessionToken());
        S3Client unknownKey = s3("ASIAUNKNOWNKEY000000", "x", "y")) {
      assertEquals("InvalidToken", errorCode(() -> wrongToken.listObjectsV2(
          r -> r.bucket(aws.bucket()).prefix("repo1/"))));
      assertEquals("SignatureDoesNotMatch", errorCode(() -> wrongSecret.listObjectsV2(
          r -> r.bucket(aws.bucket()).prefix("repo1/"))));
      assertEquals("InvalidAccessKeyId", errorCode(() -> unknownKey.listObjectsV2(
          r -> r.bucket(aws.bucket()).prefix("repo1/"))));
    }
  }

  @Test
  public void accessLogNamesTheSessionAndSourceIdentity() throws Exception {
    try (S3Client s3 = s3(assumeScopedRole("bob@example.com").credentials())) {
      s3.putObject(r -> r.bucket(aws.bucket()).key("repo1/by-bob"), RequestBody.fromString("b"));
      errorCode(() -> s3.getObject(r -> r.bucket(aws.bucket()).key("repo2/not-bobs")));
    }

    List<String> bobs = aws.accessLogLines().stream().filter(l -> l.contains("\"sessionName\":\"bob@example.com\""))
        .collect(Collectors.toList());
    assertEquals(bobs.toString(), 2, bobs.size());
    assertTrue(bobs.get(0), bobs.get(0).contains(
        "\"requester\":\"arn:aws:sts::123456789012:assumed-role/lakefs-sts/bob@example.com\""));
    assertTrue(bobs.get(0), bobs.get(0).contains("\"sourceIdentity\":\"bob@example.com\""));
    assertTrue(bobs.get(0), bobs.get(0).contains("\"issued-by\":\"lakeFS\""));
    assertTrue(bobs.get(0), bobs.get(0).contains("\"operation\":\"REST.PUT.OBJECT\""));
    assertTrue(bobs.get(1), bobs.get(1).contains("\"httpStatus\":403"));
    assertTrue(bobs.get(1), bobs.get(1).contains("\"errorCode\":\"AccessDenied\""));
  }

  @Test
  public void stsFaultKnobsSetThroughTheFixtureReachTheServer() throws Exception {
    try {
      aws.setStsFaults(Map.of("throttleFraction", "1"));
      StsException throttled = assertThrows(StsException.class, () -> assumeScopedRole("alice"));
      assertEquals("Throttling", throttled.awsErrorDetails().errorCode());

      aws.setStsFaults(Map.of("throttleFraction", "0", "down", "true"));
      StsException down = assertThrows(StsException.class, () -> assumeScopedRole("alice"));
      assertEquals(503, down.statusCode());
    } finally {
      aws.resetStsFaults();
    }
    assertEquals("alice", assumeScopedRole("alice").sourceIdentity());
  }

  @Test
  public void noSecretReachesTheLogs() throws Exception {
    Credentials credentials = assumeScopedRole("carol").credentials();
    try (S3Client s3 = s3(credentials)) {
      s3.putObject(r -> r.bucket(aws.bucket()).key("repo1/carol"), RequestBody.fromString("c"));
    }

    String logs = aws.processOutput() + String.join("\n", aws.accessLogLines());
    assertTrue(logs.contains(credentials.accessKeyId()));
    assertFalse(logs.contains(credentials.secretAccessKey()));
    assertFalse(logs.contains(credentials.sessionToken()));
    assertFalse(logs.contains(aws.secretAccessKey()));
  }
}
