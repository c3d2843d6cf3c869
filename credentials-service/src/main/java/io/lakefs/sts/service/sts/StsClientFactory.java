package io.lakefs.sts.service.sts;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;

/**
 * Builds the real {@link StsClient} for {@link StsCredentialsIssuer} from {@link StsSettings}: region, endpoint
 * override (MinIO, Ceph RGW, a VPC endpoint, local-aws), and the static key from the settings or else the SDK's
 * default credentials chain. The caller owns the client and closes it at shutdown.
 */
public final class StsClientFactory {
  private StsClientFactory() {
  }

  public static StsClient create(StsSettings settings) {
    StsClientBuilder builder = StsClient.builder()
        .region(Region.of(settings.region()))
        .credentialsProvider(credentials(settings))
        .overrideConfiguration(c -> c
            // No SDK retries at all: the issuer's own policy retries throttling, so attempts, backoff and
            // Retry-After are decided in one place and every attempt is counted; SDK retries underneath would
            // multiply the attempts and hide throttling from the metrics. Other failures go back to the caller
            // at once, with a Retry-After, rather than holding the request while STS is down.
            .retryStrategy(AwsRetryStrategy.doNotRetry())
            .apiCallTimeout(settings.callTimeout())
            .apiCallAttemptTimeout(settings.callTimeout()));
    settings.endpoint().ifPresent(builder::endpointOverride);
    return builder.build();
  }

  private static AwsCredentialsProvider credentials(StsSettings settings) {
    return settings.staticKeys()
        .<AwsCredentialsProvider>map(keys -> StaticCredentialsProvider.create(
            AwsBasicCredentials.create(keys.accessKeyId(), keys.secretAccessKey().reveal())))
        .orElseGet(() -> DefaultCredentialsProvider.builder().build());
  }
}
