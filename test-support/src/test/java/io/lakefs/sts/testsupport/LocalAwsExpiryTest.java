package io.lakefs.sts.testsupport;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.time.Duration;
import org.junit.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/** Credentials stop working at their expiration, with S3's ExpiredToken. */
public class LocalAwsExpiryTest {
  // Long enough for the first put to land before expiry on a loaded 2-core machine (2 s was not).
  private static final Duration LIFETIME = Duration.ofSeconds(8);

  @Test
  public void expiredSessionCredentialsAreRefusedWithExpiredToken() throws Exception {
    try (LocalAwsProcess aws = LocalAwsProcess.builder().sessionLifetime(LIFETIME).start();
        StsClient sts = LocalAwsClients.sts(aws)) {
      Credentials credentials = sts.assumeRole(r -> r.roleArn(aws.roleArn()).roleSessionName("alice")).credentials();
      try (S3Client s3 = LocalAwsClients.s3(aws, credentials)) {
        s3.putObject(r -> r.bucket(aws.bucket()).key("before-expiry"), RequestBody.fromString("ok"));

        Thread.sleep(Math.max(0, Duration.between(java.time.Instant.now(), credentials.expiration()).toMillis()) + 200);

        S3Exception e = assertThrows(S3Exception.class,
            () -> s3.putObject(r -> r.bucket(aws.bucket()).key("after-expiry"), RequestBody.fromString("no")));
        assertEquals("ExpiredToken", e.awsErrorDetails().errorCode());
      }
    }
  }
}
