package io.lakefs.sts.service.sts;

import io.lakefs.sts.protocol.Secret;
import io.lakefs.sts.service.scope.AccessLevel;
import io.lakefs.sts.service.scope.Grant;
import io.lakefs.sts.service.scope.Role;
import io.lakefs.sts.service.scope.SessionPolicy;
import io.lakefs.sts.service.scope.StorageNamespace;
import io.lakefs.sts.testsupport.LocalAwsProcess;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** Settings, policies and clients for issuing against a {@link LocalAwsProcess}. */
final class LocalAwsIssuing {
  static final Duration A_DAY = Duration.ofDays(1);

  private LocalAwsIssuing() {
  }

  /** The built-in role, called with the built-in IAM user's static key, fast retries. */
  static StsSettingsBuilder settings(LocalAwsProcess aws) {
    return new StsSettingsBuilder()
        .roleArn(aws.roleArn())
        .region(aws.region())
        .endpoint(aws.stsEndpoint())
        .staticKeys(aws.accessKeyId(), Secret.of(aws.secretAccessKey()))
        .backoff(Duration.ofMillis(10), Duration.ofMillis(100))
        .callTimeout(Duration.ofSeconds(20));
  }

  /** local-aws's built-in role, as the service's default role. */
  static Role role(LocalAwsProcess aws) {
    return new Role(aws.roleArn(), Optional.empty());
  }

  static SessionPolicy policy(String namespace, AccessLevel access) {
    return SessionPolicy.forGrants(List.of(new Grant(StorageNamespace.parse(namespace), access)));
  }

  /** A real S3 client using issued credentials, without retries so each refusal shows as S3 sent it. */
  static S3Client s3(LocalAwsProcess aws, IssuedCredentials issued) {
    AwsCredentials c = issued.credentials();
    return S3Client.builder()
        .endpointOverride(aws.s3Endpoint())
        .region(Region.of(aws.region()))
        .forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create(
            c.accessKeyId(), c.secretAccessKey().reveal(), c.sessionToken().reveal())))
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  /** How many AssumeRole calls local-aws answered for this session name, as its own log says. */
  static int assumeRoleCalls(LocalAwsProcess aws, String sessionName) throws IOException {
    return stsLogLines(aws, "STS AssumeRole .* session=" + Pattern.quote(sessionName) + " ");
  }

  /** How many AssumeRole calls local-aws throttled so far (it throttles before reading the session name). */
  static int throttledCalls(LocalAwsProcess aws) throws IOException {
    return stsLogLines(aws, "STS AssumeRole .* outcome=Throttling ");
  }

  private static int stsLogLines(LocalAwsProcess aws, String regex) throws IOException {
    Matcher m = Pattern.compile(regex).matcher(aws.processOutput());
    int count = 0;
    while (m.find()) {
      count++;
    }
    return count;
  }

  static void assertExpiresAround(Instant expected, Instant actual) {
    Duration off = Duration.between(expected, actual).abs();
    if (off.compareTo(Duration.ofSeconds(10)) > 0) {
      throw new AssertionError("expected expiration near " + expected + " but was " + actual);
    }
  }
}
