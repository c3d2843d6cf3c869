package io.lakefs.sts.benchmarks;

import io.lakefs.sts.hadoop.LakeFSTokenKeys;
import io.lakefs.sts.hadoop.binding.LakeFSTokenBinding;
import io.lakefs.sts.hadoop.refresh.RefreshingCredentials;
import io.lakefs.sts.hadoop.refresh.StsCredentialsFetcher;
import io.lakefs.sts.hadoop.s3a.LakeFSCredentialsProvider;
import io.lakefs.sts.hadoop.token.LakeFSTokenIdentifier;
import io.lakefs.sts.hadoop.token.LakeFSTokenIssuer;
import io.lakefs.sts.hadoop.token.LakeFSTokenSettings;
import io.lakefs.sts.hadoop.token.LakeFSTokens;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.security.Credentials;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;

/**
 * What every S3 request of an executor pays to ask S3A's credentials provider for credentials while they are
 * valid (the hot path: no refresh due), with four threads as several tasks share one filesystem
 * ({@link CredentialsProviderOneThreadBenchmark}: one). Baseline: what a user would pick instead, the SDK's own
 * caching {@link StsAssumeRoleCredentialsProvider} (its {@code CachedSupplier}; ours is the SDK-free refresh
 * schedule the SDK v1 and v2 providers share) holding credentials of the
 * same lifetime, its STS client answering from memory so that only the hot path is measured.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Threads(4)
public class CredentialsProviderBenchmark {
  private static final URI SERVICE = URI.create("https://lakefs-sts.example.com:8765");

  private LakeFSCredentialsProvider lakeFS;
  private StsAssumeRoleCredentialsProvider baseline;

  @Setup
  public void start() throws IOException {
    LakeFSTokenIdentifier identifier = TokenIdentifierBenchmark.lakeFSIdentifier(); // credentials valid for 1 h
    Text service = LakeFSTokens.serviceName(SERVICE);
    Credentials credentials = new Credentials();
    credentials.addToken(service, LakeFSTokenIssuer.token(identifier, service));
    Configuration conf = new Configuration(false);
    conf.set(LakeFSTokenKeys.SERVICE_ENDPOINTS, SERVICE.toString());
    lakeFS = new LakeFSCredentialsProvider(new RefreshingCredentials(new StsCredentialsFetcher(
        LakeFSTokenSettings.from(conf), () -> credentials,
        LakeFSTokenBinding.aliases(new Text("s3a://lakefs-data"), List.of(SERVICE)), Optional.empty(),
        Clock.systemUTC()), Clock.systemUTC()));
    AwsSessionCredentials first = (AwsSessionCredentials) lakeFS.resolveCredentials();
    baseline = StsAssumeRoleCredentialsProvider.builder()
        .stsClient(new AnsweringStsClient(first, Instant.now().plus(Duration.ofHours(1))))
        .refreshRequest(AssumeRoleRequest.builder().roleArn("arn:aws:iam::123456789012:role/data")
            .roleSessionName("benchmark").build())
        .build();
    baseline.resolveCredentials();
  }

  @TearDown
  public void stop() {
    lakeFS.close();
    baseline.close();
  }

  @Benchmark
  public AwsCredentials baselineSdkStsProvider() {
    return baseline.resolveCredentials();
  }

  @Benchmark
  public AwsCredentials lakeFSProviderWhileValid() {
    return lakeFS.resolveCredentials();
  }

  /** An STS client that answers AssumeRole with the given credentials, without a network call. */
  private static final class AnsweringStsClient implements StsClient {
    private final AwsSessionCredentials credentials;
    private final Instant expiration;

    AnsweringStsClient(AwsSessionCredentials credentials, Instant expiration) {
      this.credentials = credentials;
      this.expiration = expiration;
    }

    @Override
    public AssumeRoleResponse assumeRole(AssumeRoleRequest request) {
      return AssumeRoleResponse.builder().credentials(software.amazon.awssdk.services.sts.model.Credentials.builder()
          .accessKeyId(credentials.accessKeyId()).secretAccessKey(credentials.secretAccessKey())
          .sessionToken(credentials.sessionToken()).expiration(expiration).build()).build();
    }

    @Override
    public String serviceName() {
      return SERVICE_NAME;
    }

    @Override
    public void close() {
    }
  }
}
