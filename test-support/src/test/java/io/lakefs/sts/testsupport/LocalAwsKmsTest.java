package io.lakefs.sts.testsupport;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * SSE-KMS as S3 enforces it on a scoped session, with the real SDK: the session policy must allow
 * kms:GenerateDataKey on the key to put and kms:Decrypt to get, since AWS intersects it with the role's.
 */
public class LocalAwsKmsTest {
  private static final String KEY_ID = "0f0e0d0c-0b0a-4999-8888-777766665555";
  private static final String KEY = "arn:aws:kms:us-east-1:123456789012:key/" + KEY_ID;
  private static final String OBJECTS = "{\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\",\"s3:PutObject\"],"
      + "\"Resource\":\"arn:aws:s3:::lakefs-data/repo1/*\"}";
  private static LocalAwsProcess aws;
  private static StsClient sts;

  @BeforeClass
  public static void startLocalAws() throws Exception {
    aws = LocalAwsProcess.builder().start();
    sts = LocalAwsClients.sts(aws);
    try (S3Client admin = S3Client.builder().endpointOverride(aws.s3Endpoint()).region(Region.of(aws.region()))
        .forcePathStyle(true).credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(aws.accessKeyId(), aws.secretAccessKey()))).build()) {
      admin.putObject(r -> r.bucket(aws.bucket()).key("repo1/encrypted").serverSideEncryption(
          ServerSideEncryption.AWS_KMS).ssekmsKeyId(KEY), RequestBody.fromString("rows"));
    }
  }

  @AfterClass
  public static void stopLocalAws() throws Exception {
    sts.close();
    aws.close();
  }

  private static S3Client session(String... kmsActions) {
    String kms = kmsActions.length == 0 ? "" : ",{\"Effect\":\"Allow\",\"Action\":[\"" + String.join("\",\"", kmsActions)
        + "\"],\"Resource\":\"" + KEY + "\"}";
    return LocalAwsClients.s3(aws, sts.assumeRole(r -> r.roleArn(aws.roleArn()).roleSessionName("alice")
        .policy("{\"Version\":\"2012-10-17\",\"Statement\":[" + OBJECTS + kms + "]}")).credentials());
  }

  private static S3Exception denied(Runnable call) {
    S3Exception e = assertThrows(S3Exception.class, call::run);
    assertEquals("AccessDenied", e.awsErrorDetails().errorCode());
    return e;
  }

  @Test
  public void withoutTheKeyASessionCanNeitherPutNorGetEncryptedObjects() {
    try (S3Client s3 = session()) {
      S3Exception put = denied(() -> s3.putObject(r -> r.bucket(aws.bucket()).key("repo1/new")
          .serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(KEY_ID), RequestBody.fromString("x")));
      S3Exception get = denied(() -> s3.getObjectAsBytes(r -> r.bucket(aws.bucket()).key("repo1/encrypted")));

      assertTrue(put.getMessage(), put.getMessage().contains("kms:GenerateDataKey on resource: \"" + KEY + "\""));
      assertTrue(get.getMessage(), get.getMessage().contains("kms:Decrypt on resource: \"" + KEY + "\""));
      s3.putObject(r -> r.bucket(aws.bucket()).key("repo1/plain"), RequestBody.fromString("no kms needed"));
    }
  }

  @Test
  public void generateDataKeyPutsButOnlyDecryptGets() {
    try (S3Client s3 = session("kms:GenerateDataKey")) {
      s3.putObject(r -> r.bucket(aws.bucket()).key("repo1/written").serverSideEncryption(ServerSideEncryption.AWS_KMS)
          .ssekmsKeyId(KEY_ID), RequestBody.fromString("x"));
      denied(() -> s3.getObjectAsBytes(r -> r.bucket(aws.bucket()).key("repo1/written")));
    }
  }

  @Test
  public void withBothActionsTheObjectRoundTripsAndReportsItsKey() {
    try (S3Client s3 = session("kms:Decrypt", "kms:GenerateDataKey")) {
      assertEquals("rows", s3.getObjectAsBytes(r -> r.bucket(aws.bucket()).key("repo1/encrypted")).asUtf8String());
      HeadObjectResponse head = s3.headObject(r -> r.bucket(aws.bucket()).key("repo1/encrypted"));
      assertEquals(ServerSideEncryption.AWS_KMS, head.serverSideEncryption());
      assertEquals(KEY, head.ssekmsKeyId());
      assertFalse("the back end's bookkeeping stays hidden", head.metadata().containsKey("local-aws-kms-key-arn"));
    }
  }

  @Test
  public void aCallerCannotForgeTheHiddenKeyMetadata() {
    try (S3Client s3 = session()) {
      s3.putObject(r -> r.bucket(aws.bucket()).key("repo1/forged").metadata(java.util.Map.of("local-aws-kms-key-arn",
          "arn:aws:kms:us-east-1:123456789012:key/other")), RequestBody.fromString("x"));
      assertEquals(List.of(), List.copyOf(s3.headObject(r -> r.bucket(aws.bucket()).key("repo1/forged"))
          .metadata().keySet()));
    }
  }
}
