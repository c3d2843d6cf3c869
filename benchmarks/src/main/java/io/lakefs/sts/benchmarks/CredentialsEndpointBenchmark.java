package io.lakefs.sts.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakefs.sts.service.CredentialsService;
import io.lakefs.sts.service.ServiceConfig;
import io.lakefs.sts.service.ServiceKeys;
import io.lakefs.sts.testsupport.LocalAwsProcess;
import io.lakefs.sts.testsupport.lakefs.LakeFSStandIn;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * {@code POST /api/v1/credentials} as executors hit it when a job's credentials near expiry, served from the
 * service's cache (lakeFS authentication and STS credentials both cached). Baselines from the same run and
 * the same loopback HTTP client: {@code GET /health} on the same server (HTTP and Jetty alone, the floor), and
 * a direct STS {@code AssumeRole} to local-aws (what every request would cost with no cache, the ceiling).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(4)
public class CredentialsEndpointBenchmark {
  private static final String KEY = "AKIABENCHMARKALICE01";
  private static final String SECRET = "benchmark-secret-for-loopback-only-01";

  private LakeFSStandIn lakeFS;
  private LocalAwsProcess aws;
  private CredentialsService service;
  private StsClient sts;
  private HttpClient http;
  private HttpRequest credentialsRequest;
  private HttpRequest credentialsWithTokenRequest;
  private HttpRequest healthRequest;
  private String roleArn;

  @Setup(Level.Trial)
  public void start() throws Exception {
    lakeFS = LakeFSStandIn.builder()
        .user("alice", KEY, SECRET)
        .repository("sales", "s3://lakefs-data/sales/")
        .grant("alice", "sales")
        .start();
    aws = LocalAwsProcess.builder().start();
    roleArn = aws.roleArn();
    Configuration conf = new Configuration(false);
    conf.set(ServiceKeys.HTTP_ADDRESS, "127.0.0.1:0");
    conf.set(ServiceKeys.LAKEFS_ENDPOINT, lakeFS.endpoint().toString());
    conf.set(ServiceKeys.ROLE_ARN, roleArn);
    conf.set(ServiceKeys.STS_ENDPOINT, aws.stsEndpoint().toString());
    conf.set(ServiceKeys.STS_REGION, aws.region());
    conf.set(ServiceKeys.STS_ACCESS_KEY, aws.accessKeyId());
    conf.set(ServiceKeys.STS_SECRET_KEY, aws.secretAccessKey());
    service = CredentialsService.start(ServiceConfig.from(conf), Clock.systemUTC());
    URI endpoint = service.endpoint();
    http = HttpClient.newHttpClient();
    String basic = "Basic " + Base64.getEncoder().encodeToString((KEY + ":" + SECRET).getBytes(StandardCharsets.UTF_8));
    credentialsRequest = HttpRequest.newBuilder(endpoint.resolve("/api/v1/credentials"))
        .header("Authorization", basic)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"repositories\": [\"sales\"], \"access\": \"write\"}"))
        .build();
    healthRequest = HttpRequest.newBuilder(endpoint.resolve("/health")).GET().build();
    credentialsWithTokenRequest = HttpRequest.newBuilder(endpoint.resolve("/api/v1/credentials"))
        .header("X-Hadoop-Delegation-Token", delegationToken(endpoint, basic))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"repositories\": [\"sales\"], \"access\": \"write\"}"))
        .build();
    sts = StsClient.builder()
        .endpointOverride(aws.stsEndpoint())
        .region(Region.of(aws.region()))
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(aws.accessKeyId(), aws.secretAccessKey())))
        .build();
    expect200(credentialsRequest); // warms both caches before measuring
    expect200(credentialsWithTokenRequest);
  }

  @TearDown(Level.Trial)
  public void stop() throws Exception {
    sts.close();
    service.close();
    aws.close();
    lakeFS.close();
  }

  private String expect200(HttpRequest request) throws Exception {
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      // A benchmark of refusals would be meaningless: stop the run.
      throw new IllegalStateException(request.uri() + " answered " + response.statusCode());
    }
    return response.body();
  }

  @Benchmark
  public String baselineHealth() throws Exception {
    return expect200(healthRequest);
  }

  @Benchmark
  public String baselineAssumeRoleWithoutCache() {
    return sts.assumeRole(r -> r.roleArn(roleArn).roleSessionName("benchmark").durationSeconds(900))
        .credentials().accessKeyId();
  }

  @Benchmark
  public String cachedCredentials() throws Exception {
    return expect200(credentialsRequest);
  }

  /** The same, as an executor asks: with the job's delegation token instead of a lakeFS key. */
  @Benchmark
  public String cachedCredentialsWithToken() throws Exception {
    return expect200(credentialsWithTokenRequest);
  }

  /** alice's token for writing to sales, as GETDELEGATIONTOKEN answers it. */
  private String delegationToken(URI endpoint, String basic) throws Exception {
    String answer = expect200(HttpRequest.newBuilder(endpoint.resolve(
        "/api/v1/delegation-token?op=GETDELEGATIONTOKEN&renewer=alice&access=write&repositories=sales"))
        .header("Authorization", basic).build());
    return new ObjectMapper().readTree(answer).get("Token").get("urlString").asText();
  }
}
