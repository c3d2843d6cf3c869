package io.lakefs.sts.benchmarks;

import io.lakefs.sts.hadoop.LakeFSTokenKeys;
import io.lakefs.sts.hadoop.LakeFSTokenSettings;
import io.lakefs.sts.hadoop.s3a.LakeFSCredentialsProvider;
import io.lakefs.sts.hadoop.token.LakeFSTokenIdentifier;
import io.lakefs.sts.hadoop.token.LakeFSTokenMinter;
import io.lakefs.sts.hadoop.token.LakeFSTokens;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
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
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * What every S3 request of an executor pays to ask S3A's credentials provider for credentials while they are
 * valid (the hot path: no refresh due), with four threads as several tasks share one filesystem. Baseline: the
 * SDK's {@link StaticCredentialsProvider} holding the same session credentials, the least any provider costs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Threads(4)
public class CredentialsProviderBenchmark {
  private static final URI SERVICE = URI.create("https://lakefs-sts.example.com:8765");

  private LakeFSCredentialsProvider lakeFS;
  private StaticCredentialsProvider baseline;

  @Setup
  public void start() throws IOException {
    LakeFSTokenIdentifier identifier = TokenIdentifierBenchmark.lakeFSIdentifier(); // credentials valid for 1 h
    Text service = LakeFSTokens.serviceName(SERVICE);
    Credentials credentials = new Credentials();
    credentials.addToken(service, LakeFSTokenMinter.token(identifier, service));
    Configuration conf = new Configuration(false);
    conf.set(LakeFSTokenKeys.SERVICE_ENDPOINTS, SERVICE.toString());
    lakeFS = new LakeFSCredentialsProvider(LakeFSTokenSettings.from(conf), () -> credentials,
        LakeFSCredentialsProvider.aliases(new Text("s3a://lakefs-data"), List.of(SERVICE)), Optional.empty(),
        Clock.systemUTC());
    AwsCredentials first = lakeFS.resolveCredentials();
    baseline = StaticCredentialsProvider.create(AwsSessionCredentials.create(first.accessKeyId(),
        first.secretAccessKey(), ((AwsSessionCredentials) first).sessionToken()));
  }

  @TearDown
  public void stop() {
    lakeFS.close();
  }

  @Benchmark
  public AwsCredentials baselineStaticProvider() {
    return baseline.resolveCredentials();
  }

  @Benchmark
  public AwsCredentials lakeFSProviderWhileValid() {
    return lakeFS.resolveCredentials();
  }
}
