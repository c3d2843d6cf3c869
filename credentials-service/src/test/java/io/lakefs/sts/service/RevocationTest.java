package io.lakefs.sts.service;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakefs.sts.testsupport.LocalAwsProcess;
import io.lakefs.sts.testsupport.lakefs.LakeFSPermissions;
import io.lakefs.sts.testsupport.lakefs.LakeFSStandIn;
import io.lakefs.sts.testsupport.lakefs.StandInStatement;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.After;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Revocation that reaches a running job, end to end: the real service with local-aws's STS and S3 (sessions
 * that expire after a few seconds) and the lakeFS stand-in's RBAC. A permission withdrawn in lakeFS refuses the
 * next refresh made with the job's token, while the credentials the job already holds keep working until they
 * expire, and then S3 refuses them; lakeFS down during a re-check grants nothing new and breaks nothing held.
 */
public class RevocationTest {
  private static final String ALICE_KEY = "AKIAIOSFODNN7ALICE01";
  private static final String ALICE_SECRET = "alice-secret-for-revocation-tests-01";
  private static final Duration SESSION = Duration.ofSeconds(15);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient http = HttpClient.newHttpClient();

  private static LakeFSStandIn lakeFS;
  private static LocalAwsProcess aws;
  private static CredentialsService service;

  @BeforeClass
  public static void start() throws Exception {
    lakeFS = LakeFSStandIn.builder()
        .user("alice", ALICE_KEY, ALICE_SECRET)
        .user("lakefs-sts", "AKIAIOSFODNN7SERVICE", "service-secret-for-revocation-tests")
        .repository("repo1", "s3://lakefs-data/repo1/")
        .policy("ReadRepo1", new StandInStatement(LakeFSPermissions.FS_READ, "arn:lakefs:fs:::repository/repo1"),
            new StandInStatement(LakeFSPermissions.FS_READ, "arn:lakefs:fs:::repository/repo1/*"))
        .policy("WriteRepo1", new StandInStatement(List.of(LakeFSPermissions.WRITE_OBJECT),
            "arn:lakefs:fs:::repository/repo1/*"))
        .policy("ServiceReads", new StandInStatement(List.of(LakeFSPermissions.READ_USER), "arn:lakefs:auth:::user/*"),
            new StandInStatement(List.of(LakeFSPermissions.READ_REPOSITORY), "arn:lakefs:fs:::repository/*"))
        .group("Analysts", "ReadRepo1")
        .addToGroup("alice", "Analysts")
        .attachPolicy("alice", "WriteRepo1")
        .attachPolicy("lakefs-sts", "ServiceReads")
        .start();
    aws = LocalAwsProcess.builder().sessionLifetime(SESSION).start();
    Configuration conf = new Configuration(false);
    conf.set(ServiceKeys.HTTP_ADDRESS, "127.0.0.1:0");
    conf.set(ServiceKeys.LAKEFS_ENDPOINT, lakeFS.endpoint().toString());
    conf.set(ServiceKeys.LAKEFS_TIMEOUT_MILLIS, "2000");
    conf.set(ServiceKeys.ROLE_ARN, aws.roleArn());
    conf.set(ServiceKeys.STS_ENDPOINT, aws.stsEndpoint().toString());
    conf.set(ServiceKeys.STS_REGION, aws.region());
    conf.set(ServiceKeys.STS_ACCESS_KEY, aws.accessKeyId());
    conf.set(ServiceKeys.STS_SECRET_KEY, aws.secretAccessKey());
    conf.set(ServiceKeys.CREDENTIALS_DURATION_SECONDS, "900");
    conf.set(ServiceKeys.LAKEFS_SERVICE_ACCESS_KEY, "AKIAIOSFODNN7SERVICE");
    conf.set(ServiceKeys.LAKEFS_SERVICE_SECRET_KEY, "service-secret-for-revocation-tests");
    conf.set(ServiceKeys.LAKEFS_RECHECK_SECONDS, "0");
    service = CredentialsService.start(ServiceConfig.from(conf), Clock.systemUTC());
  }

  @AfterClass
  public static void stop() throws Exception {
    try {
      if (service != null) {
        service.close();
      }
    } finally {
      if (aws != null) {
        aws.close();
      }
      if (lakeFS != null) {
        lakeFS.close();
      }
    }
  }

  @After
  public void lakeFSAsDescribed() {
    lakeFS.serveNormally();
  }

  @Test
  public void aWithdrawnWritePermissionStopsRefreshesAndS3StopsWhenHeldCredentialsExpire() throws Exception {
    String token = token("write");
    JsonNode held = JSON.readTree(credentials(token, "write").body());
    Instant expiration = Instant.ofEpochSecond(held.get("expiration").asLong());
    try (S3Client s3 = LoopbackServers.s3(aws, held)) {
      s3.putObject(r -> r.bucket("lakefs-data").key("repo1/data/before"), RequestBody.fromString("a"));

      lakeFS.detachPolicy("alice", "WriteRepo1");
      HttpResponse<String> refresh;
      HttpResponse<String> readRefresh;
      try {
        refresh = credentials(token, "write");
        readRefresh = credentials(token, "read");
        // What the job holds is not recalled: it writes on until it expires.
        assertTrue("the held credentials expire at " + expiration + ", before the test could use them",
            Instant.now().isBefore(expiration.minusSeconds(1)));
        s3.putObject(r -> r.bucket("lakefs-data").key("repo1/data/after-withdrawal"), RequestBody.fromString("b"));
      } finally {
        lakeFS.attachPolicy("alice", "WriteRepo1");
      }
      waitUntilExpired(held);
      S3Exception expired = assertThrows(S3Exception.class,
          () -> s3.putObject(r -> r.bucket("lakefs-data").key("repo1/data/expired"), RequestBody.fromString("c")));

      assertEquals(refresh.body(), 403, refresh.statusCode());
      assertTrue(refresh.body(), message(refresh).startsWith("the scope of this token was withdrawn in lakeFS: lakeFS"
          + " user alice may no longer write objects in repository repo1 (fs:WriteObject)"));
      assertEquals("reading is still granted: " + readRefresh.body(), 200, readRefresh.statusCode());
      // As AWS answers an expired session token: 400 ExpiredToken.
      assertEquals(expired.toString(), 400, expired.statusCode());
      assertTrue(expired.toString(), expired.getMessage().contains("token has expired"));
    }
  }

  @Test
  public void lakeFSDownDuringARecheckGrantsNothingNewAndBreaksNothingHeld() throws Exception {
    String token = token("write");
    JsonNode held = JSON.readTree(credentials(token, "write").body());

    lakeFS.refuseConnections();
    HttpResponse<String> refresh = credentials(token, "write");
    try (S3Client s3 = LoopbackServers.s3(aws, held)) {
      s3.putObject(r -> r.bucket("lakefs-data").key("repo1/data/while-lakefs-is-down"), RequestBody.fromString("d"));
    }
    lakeFS.serveNormally();
    HttpResponse<String> back = credentials(token, "write");

    assertEquals(refresh.body(), 503, refresh.statusCode());
    assertTrue(refresh.body(), message(refresh).contains("could not be re-checked in lakeFS")
        && message(refresh).contains("connection refused"));
    assertTrue(refresh.headers().firstValue("Retry-After").isPresent());
    assertEquals(back.body(), 200, back.statusCode());
  }

  private static String token(String access) throws Exception {
    HttpResponse<String> got = http.send(HttpRequest.newBuilder(service.endpoint().resolve(
        "/api/v1/delegation-token?op=GETDELEGATIONTOKEN&renewer=alice&repositories=repo1&access=" + access))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
            (ALICE_KEY + ":" + ALICE_SECRET).getBytes(StandardCharsets.UTF_8)))
        .GET().build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(got.body(), 200, got.statusCode());
    return JSON.readTree(got.body()).path("Token").path("urlString").asText();
  }

  private static HttpResponse<String> credentials(String token, String access) throws Exception {
    return http.send(HttpRequest.newBuilder(service.endpoint().resolve("/api/v1/credentials"))
        .header("X-Hadoop-Delegation-Token", token)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"repositories\":[\"repo1\"],\"access\":\"" + access + "\"}"))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String message(HttpResponse<String> response) throws Exception {
    return JSON.readTree(response.body()).path("message").asText();
  }

  private static void waitUntilExpired(JsonNode credentials) throws InterruptedException {
    Instant expiration = Instant.ofEpochSecond(credentials.get("expiration").asLong());
    long millis = Duration.between(Instant.now(), expiration).toMillis() + 1_500;
    assertTrue("local-aws sessions last " + SESSION + ", these until " + expiration, millis < 30_000);
    Thread.sleep(Math.max(0, millis));
  }
}
