package io.lakefs.sts.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakefs.sts.testsupport.LocalAwsProcess;
import io.lakefs.sts.testsupport.lakefs.LakeFSStandIn;
import java.util.Map;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;
import org.apache.hadoop.conf.Configuration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** Clients and servers the service's end-to-end tests share, all on loopback. */
final class LoopbackServers {
  private LoopbackServers() {
  }

  /** A real ZooKeeper, started, listening on 127.0.0.1 only. */
  static TestingServer zooKeeper() throws Exception {
    return new TestingServer(new InstanceSpec(null, -1, -1, -1, true, -1, -1, -1,
        Map.of("clientPortAddress", "127.0.0.1"), "127.0.0.1"), true);
  }

  /**
   * The service's configuration for a free loopback port, asking {@code lakeFS} (2 s timeout) who callers are and
   * assuming local-aws's role for 15-minute credentials; a test adds its own keys.
   */
  static Configuration serviceConfiguration(LakeFSStandIn lakeFS, LocalAwsProcess aws) {
    Configuration conf = new Configuration(false);
    conf.set(ServiceKeys.HTTP_ADDRESS, "127.0.0.1:0");
    conf.set(ServiceKeys.LAKEFS_ENDPOINT, lakeFS.endpoint().toString());
    conf.set(ServiceKeys.LAKEFS_TIMEOUT_MILLIS, "2000");
    aws.credentialsServiceStsSettings().forEach(conf::set);
    conf.set(ServiceKeys.CREDENTIALS_DURATION_SECONDS, "900");
    return conf;
  }

  /** An S3 client of local-aws as its built-in IAM user (an administrator there), to set up objects. */
  static S3Client adminS3(LocalAwsProcess aws) {
    return S3Client.builder()
        .endpointOverride(aws.s3Endpoint())
        .region(Region.of(aws.region()))
        .forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(aws.accessKeyId(), aws.secretAccessKey())))
        .build();
  }

  /** An S3 client of local-aws signing with the credentials the service answered, without retries. */
  static S3Client s3(LocalAwsProcess aws, JsonNode credentials) {
    return S3Client.builder()
        .endpointOverride(aws.s3Endpoint())
        .region(Region.of(aws.region()))
        .forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create(
            credentials.get("access_key_id").asText(), credentials.get("secret_access_key").asText(),
            credentials.get("session_token").asText())))
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }
}
