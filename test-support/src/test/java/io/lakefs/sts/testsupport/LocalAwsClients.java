package io.lakefs.sts.testsupport;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/** Real AWS SDK clients pointed at a local-aws process, without retries so each refusal shows as sent. */
final class LocalAwsClients {
  private LocalAwsClients() {
  }

  /** A session policy like the credentials service's for a writer of repository repo1. */
  static final String REPO1_WRITER_POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":["
      + "{\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\",\"s3:PutObject\",\"s3:DeleteObject\","
      + "\"s3:AbortMultipartUpload\",\"s3:ListMultipartUploadParts\"],"
      + "\"Resource\":\"arn:aws:s3:::lakefs-data/repo1/*\"},"
      + "{\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\",\"Resource\":\"arn:aws:s3:::lakefs-data\","
      + "\"Condition\":{\"StringLike\":{\"s3:prefix\":[\"repo1/\",\"repo1/*\"]}}},"
      + "{\"Effect\":\"Allow\",\"Action\":[\"s3:GetBucketLocation\",\"s3:ListBucketMultipartUploads\"],"
      + "\"Resource\":\"arn:aws:s3:::lakefs-data\"}]}";

  /** STS as the IAM user that may assume the built-in role. */
  static StsClient sts(LocalAwsProcess aws) {
    return StsClient.builder()
        .endpointOverride(aws.stsEndpoint())
        .region(Region.of(aws.region()))
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(aws.accessKeyId(), aws.secretAccessKey())))
        .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  static S3Client s3(LocalAwsProcess aws, Credentials credentials) {
    return s3(aws, credentials.accessKeyId(), credentials.secretAccessKey(), credentials.sessionToken());
  }

  static S3Client s3(LocalAwsProcess aws, String accessKeyId, String secret, String sessionToken) {
    return S3Client.builder()
        .endpointOverride(aws.s3Endpoint())
        .region(Region.of(aws.region()))
        .forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsSessionCredentials.create(accessKeyId, secret, sessionToken)))
        .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }
}
