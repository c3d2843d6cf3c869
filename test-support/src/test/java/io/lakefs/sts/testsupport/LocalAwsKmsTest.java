package io.lakefs.sts.testsupport;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
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
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.UploadPartCopyRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * SSE-KMS as S3 enforces it on a scoped session, with the real SDK: the session policy must allow
 * kms:GenerateDataKey on the key to write (put, copy to, upload a part of an encrypted upload) and kms:Decrypt to
 * read (get, copy from), since AWS intersects it with the role's.
 */
public class LocalAwsKmsTest {
  private static final String KEY_ID = "0f0e0d0c-0b0a-4999-8888-777766665555";
  private static final String KEY = "arn:aws:kms:us-east-1:123456789012:key/" + KEY_ID;
  private static final String OBJECTS = "{\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\",\"s3:PutObject\"],"
      + "\"Resource\":\"arn:aws:s3:::lakefs-data/repo1/*\"}";
  private static LocalAwsProcess aws;
  private static StsClient sts;
  private static S3Client admin;

  @BeforeClass
  public static void startLocalAws() throws Exception {
    aws = LocalAwsProcess.builder().start();
    sts = LocalAwsClients.sts(aws);
    admin = S3Client.builder().endpointOverride(aws.s3Endpoint()).region(Region.of(aws.region()))
        .forcePathStyle(true).credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(aws.accessKeyId(), aws.secretAccessKey()))).build();
    admin.putObject(r -> r.bucket(aws.bucket()).key("repo1/encrypted").serverSideEncryption(
        ServerSideEncryption.AWS_KMS).ssekmsKeyId(KEY), RequestBody.fromString("rows"));
    admin.putObject(r -> r.bucket(aws.bucket()).key("repo1/clear").contentType("text/csv")
        .metadata(java.util.Map.of("origin", "export")), RequestBody.fromString("clear rows"));
  }

  @AfterClass
  public static void stopLocalAws() throws Exception {
    Closeables.closeAll(admin, sts, aws);
  }

  /** A multipart upload of {@code key}, created by the administrator, encrypted under KEY or not. */
  private static String upload(String key, boolean encrypted) {
    return admin.createMultipartUpload(r -> {
      r.bucket(aws.bucket()).key(key);
      if (encrypted) {
        r.serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(KEY);
      }
    }).uploadId();
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
  public void aPartOfAnEncryptedUploadNeedsGenerateDataKey() {
    String uploadId = upload("repo1/parts", true);
    try (S3Client without = session(); S3Client with = session("kms:GenerateDataKey")) {
      S3Exception part = denied(() -> without.uploadPart(r -> r.bucket(aws.bucket()).key("repo1/parts")
          .uploadId(uploadId).partNumber(1), RequestBody.fromString("part")));

      assertTrue(part.getMessage(), part.getMessage().contains("kms:GenerateDataKey on resource: \"" + KEY + "\""));
      UploadPartResponse uploaded = with.uploadPart(r -> r.bucket(aws.bucket()).key("repo1/parts").uploadId(uploadId)
          .partNumber(1), RequestBody.fromString("part"));
      assertEquals(KEY, uploaded.ssekmsKeyId());
      admin.completeMultipartUpload(r -> r.bucket(aws.bucket()).key("repo1/parts").uploadId(uploadId)
          .multipartUpload(m -> m.parts(p -> p.partNumber(1).eTag(uploaded.eTag()))));
      assertEquals(KEY, admin.headObject(r -> r.bucket(aws.bucket()).key("repo1/parts")).ssekmsKeyId());
    }
    String clear = upload("repo1/clear-parts", false);
    try (S3Client without = session()) {
      without.uploadPart(r -> r.bucket(aws.bucket()).key("repo1/clear-parts").uploadId(clear).partNumber(1),
          RequestBody.fromString("no kms needed"));
    }
  }

  @Test
  public void copyingToAnEncryptedDestinationNeedsGenerateDataKey() {
    try (S3Client without = session(); S3Client with = session("kms:GenerateDataKey")) {
      S3Exception copy = denied(() -> without.copyObject(r -> copy(r, "repo1/clear", "repo1/copied")
          .serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(KEY_ID)));

      assertTrue(copy.getMessage(), copy.getMessage().contains("kms:GenerateDataKey on resource: \"" + KEY + "\""));
      CopyObjectResponse copied = with.copyObject(r -> copy(r, "repo1/clear", "repo1/copied")
          .serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(KEY_ID));
      assertEquals(KEY, copied.ssekmsKeyId());
      HeadObjectResponse head = admin.headObject(r -> r.bucket(aws.bucket()).key("repo1/copied"));
      assertEquals(KEY, head.ssekmsKeyId());
      assertEquals("the copy keeps its source's metadata", "text/csv", head.contentType());
      assertEquals(java.util.Map.of("origin", "export"), head.metadata());
    }
  }

  @Test
  public void copyingFromAnEncryptedSourceNeedsDecrypt() {
    try (S3Client without = session("kms:GenerateDataKey"); S3Client with = session("kms:Decrypt")) {
      S3Exception copy = denied(() -> without.copyObject(r -> copy(r, "repo1/encrypted", "repo1/decrypted")));

      assertTrue(copy.getMessage(), copy.getMessage().contains("kms:Decrypt on resource: \"" + KEY + "\""));
      CopyObjectResponse copied = with.copyObject(r -> copy(r, "repo1/encrypted", "repo1/decrypted"));
      assertNull("the answer speaks of the copy, not its source", copied.ssekmsKeyId());
      // Asked no SSE-KMS, the copy is not encrypted under the source's key: the session without Decrypt reads it.
      assertEquals("rows", without.getObjectAsBytes(r -> r.bucket(aws.bucket()).key("repo1/decrypted"))
          .asUtf8String());
    }
  }

  @Test
  public void copyingAPartChecksTheSourceKeyAndTheUploadKey() {
    String clearUpload = upload("repo1/copied-parts", false);
    String encryptedUpload = upload("repo1/encrypted-parts", true);
    try (S3Client generateOnly = session("kms:GenerateDataKey"); S3Client decryptOnly = session("kms:Decrypt");
        S3Client both = session("kms:Decrypt", "kms:GenerateDataKey")) {
      S3Exception fromEncrypted = denied(() -> generateOnly.uploadPartCopy(r -> copyPart(r, "repo1/encrypted",
          "repo1/copied-parts", clearUpload)));
      S3Exception intoEncrypted = denied(() -> decryptOnly.uploadPartCopy(r -> copyPart(r, "repo1/clear",
          "repo1/encrypted-parts", encryptedUpload)));

      assertTrue(fromEncrypted.getMessage(), fromEncrypted.getMessage().contains("kms:Decrypt on resource: \"" + KEY
          + "\""));
      assertTrue(intoEncrypted.getMessage(), intoEncrypted.getMessage().contains("kms:GenerateDataKey on resource: \""
          + KEY + "\""));
      decryptOnly.uploadPartCopy(r -> copyPart(r, "repo1/encrypted", "repo1/copied-parts", clearUpload));
      both.uploadPartCopy(r -> copyPart(r, "repo1/encrypted", "repo1/encrypted-parts", encryptedUpload));
    }
  }

  private static CopyObjectRequest.Builder copy(CopyObjectRequest.Builder request, String source, String destination) {
    return request.sourceBucket(aws.bucket()).sourceKey(source).destinationBucket(aws.bucket())
        .destinationKey(destination);
  }

  private static UploadPartCopyRequest.Builder copyPart(UploadPartCopyRequest.Builder request, String source,
      String destination, String uploadId) {
    return request.sourceBucket(aws.bucket()).sourceKey(source).destinationBucket(aws.bucket())
        .destinationKey(destination).uploadId(uploadId).partNumber(1);
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
