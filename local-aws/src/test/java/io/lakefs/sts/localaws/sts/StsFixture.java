package io.lakefs.sts.localaws.sts;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import io.lakefs.sts.localaws.ExamplePolicies;
import io.lakefs.sts.localaws.iam.AccessKeys;
import io.lakefs.sts.localaws.iam.IamUser;
import io.lakefs.sts.localaws.iam.MalformedPolicyException;
import io.lakefs.sts.localaws.iam.PolicyDocument;
import io.lakefs.sts.localaws.iam.PrincipalDirectory;
import io.lakefs.sts.localaws.iam.Role;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * A started {@link StsServer} on a free loopback port with one IAM user (and the roles a test adds), a
 * clock the test moves, and real AWS SDK clients pointed at it.
 */
final class StsFixture implements AutoCloseable {
  static final String ACCOUNT = "123456789012";
  static final String REGION = "us-east-1";
  static final IamUser ALICE = new IamUser(ACCOUNT, "alice", "AKIALOCALTESTALICE01", "alice-secret-for-loopback-tests-only-0001");
  static final IamUser MALLORY = new IamUser(ACCOUNT, "mallory", "AKIALOCALTESTMALLORY", "mallory-secret-for-loopback-tests-only-01");

  final MutableClock clock = new MutableClock();
  final StsFaults faults = new StsFaults();
  final PrincipalDirectory principals;
  final StsServer server;
  private final List<StsClient> clients = new ArrayList<>();
  private final HttpClient http = HttpClient.newHttpClient();

  StsFixture(List<Role> roles) throws IOException {
    LogCapture.quietHttpClients();
    principals = new PrincipalDirectory(List.of(ALICE, MALLORY), roles, clock);
    server = new StsServer(new InetSocketAddress("127.0.0.1", 0), principals, faults, clock, REGION, new AccessKeys());
    server.start();
  }

  static StsFixture usersOnly() throws IOException {
    return new StsFixture(List.of());
  }

  /** A role trusted by the given principals, with sts:TagSession and sts:SetSourceIdentity allowed. */
  static Role role(String name, int maxSessionSeconds, String... trusted) {
    return new Role(ACCOUNT, name, maxSessionSeconds, List.of(trusted), true, true, Optional.empty(),
        policy(ExamplePolicies.ADMIN));
  }

  static PolicyDocument policy(String json) {
    try {
      return PolicyDocument.parse(json);
    } catch (MalformedPolicyException e) {
      throw new AssertionError("test policy does not parse: " + e.getMessage(), e);
    }
  }

  StsClient client(IamUser user) {
    return client(AwsBasicCredentials.create(user.accessKeyId(), user.secretAccessKey()), REGION);
  }

  StsClient client(Credentials session) {
    return client(AwsSessionCredentials.create(session.accessKeyId(), session.secretAccessKey(),
        session.sessionToken()), REGION);
  }

  /** Retries are off so every assertion sees the first answer (throttling and skew would be retried). */
  StsClient client(AwsCredentials credentials, String region) {
    StsClient client = StsClient.builder()
        .endpointOverride(server.endpoint())
        .region(Region.of(region))
        .credentialsProvider(StaticCredentialsProvider.create(credentials))
        .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
    clients.add(client);
    return client;
  }

  HttpResponse<String> adminGet() {
    return send(HttpRequest.newBuilder(server.endpoint().resolve(StsServer.ADMIN_FAULTS_PATH)).GET().build());
  }

  HttpResponse<String> adminPost(String form) {
    return send(HttpRequest.newBuilder(server.endpoint().resolve(StsServer.ADMIN_FAULTS_PATH))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build());
  }

  /** Sets fault knobs through the admin endpoint, as tests in other modules will. */
  void setFaults(String form) {
    HttpResponse<String> response = adminPost(form);
    assertEquals(response.body(), 200, response.statusCode());
  }

  HttpResponse<String> post(String path, String form) {
    return send(HttpRequest.newBuilder(server.endpoint().resolve(path))
        .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build());
  }

  HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new AssertionError("request to the STS server failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** Runs an SDK call that must fail, and checks the error code and HTTP status the SDK saw. */
  static StsException expectError(String code, int status, Runnable call) {
    try {
      call.run();
    } catch (StsException e) {
      assertEquals(e.getMessage(), code, e.awsErrorDetails().errorCode());
      assertEquals(e.getMessage(), status, e.statusCode());
      return e;
    }
    fail("expected STS error " + code + " but the call succeeded");
    return null;
  }

  @Override
  public void close() {
    clients.forEach(StsClient::close);
    server.close();
  }
}
