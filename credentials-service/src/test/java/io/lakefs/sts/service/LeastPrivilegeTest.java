package io.lakefs.sts.service;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakefs.sts.testsupport.LocalAwsProcess;
import io.lakefs.sts.testsupport.lakefs.LakeFSPermissions;
import io.lakefs.sts.testsupport.lakefs.LakeFSStandIn;
import io.lakefs.sts.testsupport.lakefs.StandInRepository;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * What a credential may do follows what lakeFS lets its user do, end to end: real HTTP to the service, the
 * lakeFS stand-in's RBAC, local-aws's IAM evaluation of the session policies the service writes.
 */
public class LeastPrivilegeTest {
  private static final String SECURE_KEY = "arn:aws:kms:us-east-1:123456789012:key/0f0e0d0c-0b0a-4999-8888-777766665555";
  private static final String WEST_ROLE = "arn:aws:iam::123456789012:role/west-sts";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static LakeFSStandIn lakeFS;
  private static LocalAwsProcess aws;
  private static CredentialsService service;
  /** The same service without the KMS key configured: what an administrator who forgot it runs. */
  private static CredentialsService serviceWithoutKms;

  @BeforeClass
  public static void startEverything() throws Exception {
    lakeFS = LakeFSStandIn.builder()
        .user("alice", "AKIAIOSFODNN7ALICE01", "alice-secret")
        .user("rita", "AKIAIOSFODNN7RITA001", "rita-secret")
        .user("tom", "AKIAIOSFODNN7TOM0001", "tom-secret")
        .user("gary", "AKIAIOSFODNN7GARY001", "gary-secret")
        .user("admin", "AKIAIOSFODNN7ADMIN01", "admin-secret")
        .repository("sales", "s3://lakefs-data/sales/")
        .repository("sales-archive", "s3://lakefs-data/sales-archive/")
        .repository("secure", "s3://lakefs-data/secure/")
        .repository(StandInRepository.of("west", "s3://west-data/west/").withStorageId("west"))
        .repository("starred", "s3://lakefs-data/sales*/")
        .repository("questioned", "s3://lakefs-data/sale?/")
        .repository("variable", "s3://lakefs-data/${aws:username}/")
        .grant("alice", "sales")
        .grant("alice", "secure")
        .grant("alice", "west")
        .grantRead("rita", "sales")
        .grantRead("tom", "sales")
        .grantOnPathPrefix("tom", "sales", "team-a/", List.of(LakeFSPermissions.WRITE_OBJECT))
        .grant("gary", "sales")
        .grantGarbageCollection("gary", "sales")
        .grantAll("admin")
        .start();
    aws = LocalAwsProcess.builder()
        .config(Path.of(LeastPrivilegeTest.class.getResource("/local-aws-two-roles.json").toURI()))
        .start();
    service = start(conf -> conf.set(ServiceKeys.REPOSITORY_PREFIX + "secure"
        + ServiceKeys.KMS_KEY_ARN_SUFFIX, SECURE_KEY));
    serviceWithoutKms = start(conf -> { });
  }

  private static CredentialsService start(Consumer<Configuration> extra) throws Exception {
    Configuration conf = LoopbackServers.serviceConfiguration(lakeFS, aws);
    conf.set(ServiceKeys.STORAGE_PREFIX + "west" + ServiceKeys.ROLE_ARN_SUFFIX, WEST_ROLE);
    conf.set(ServiceKeys.REPOSITORY_PREFIX + "sales" + ServiceKeys.REPOSITORY_EXTRA_LOCATIONS_SUFFIX,
        "s3://lakefs-data/imports/sales/");
    extra.accept(conf);
    return CredentialsService.start(ServiceConfig.from(conf), Clock.systemUTC());
  }

  @AfterClass
  public static void stopEverything() throws Exception {
    for (AutoCloseable closeable : new AutoCloseable[] {service, serviceWithoutKms, aws, lakeFS}) {
      if (closeable != null) {
        closeable.close();
      }
    }
  }

  @Test
  public void aReaderAskingForWriteIsRefusedNamingTheLakeFSPermission() throws Exception {
    HttpResponse<String> credentials = credentials(service, "rita", "{\"repositories\":[\"sales\"],\"access\":\"write\"}");
    HttpResponse<String> token = delegationToken("rita", "repositories=sales&access=write");

    assertEquals(credentials.body(), 403, credentials.statusCode());
    assertEquals("lakeFS user rita may not write objects in repository sales (lakeFS: insufficient permissions: not"
        + " allowed to fs:WriteObject); ask a lakeFS admin to grant fs:WriteObject on the whole repository"
        + " (arn:lakefs:fs:::repository/sales/object/*), or ask for \"access\": \"read\"", message(credentials));
    assertEquals(token.body(), 403, token.statusCode());
    assertTrue(token.body(), JSON.readTree(token.body()).get("RemoteException").get("message").asText()
        .contains("not allowed to fs:WriteObject"));
  }

  @Test
  public void aReaderForcingAWriteWithReadCredentialsIsDeniedByS3() throws Exception {
    JsonNode read = granted(service, "rita", "{\"repositories\":[\"sales\"],\"access\":\"read\"}");

    try (S3Client s3 = LoopbackServers.s3(aws, read)) {
      assertDenied(() -> s3.putObject(r -> r.bucket("lakefs-data").key("sales/data/forced"), RequestBody.fromString("x")));
    }
  }

  /** lakeFS lets tom write under team-a/ only; objects land at random addresses under data/, so no S3 grant fits. */
  @Test
  public void writeOnAPathPrefixOnlyIsRefused() throws Exception {
    HttpResponse<String> response = credentials(service, "tom", "{\"repositories\":[\"sales\"],\"access\":\"write\"}");

    assertEquals(response.body(), 403, response.statusCode());
    assertTrue(message(response), message(response).contains("not allowed to fs:WriteObject"));
  }

  @Test
  public void readCredentialsReachTheCommitMetadata() throws Exception {
    try (S3Client admin = LoopbackServers.adminS3(aws)) {
      admin.putObject(r -> r.bucket("lakefs-data").key("sales/_lakefs/range-7"), RequestBody.fromString("range"));
    }
    JsonNode read = granted(service, "rita", "{\"repositories\":[\"sales\"],\"access\":\"read\"}");

    try (S3Client s3 = LoopbackServers.s3(aws, read)) {
      assertEquals("range", s3.getObjectAsBytes(r -> r.bucket("lakefs-data").key("sales/_lakefs/range-7")).asUtf8String());
      assertTrue(s3.listObjectsV2(r -> r.bucket("lakefs-data").prefix("sales/_lakefs/")).hasContents());
    }
  }

  @Test
  public void gcNeedsLakeFSsRetentionPermissionAndDeletesUnderDataOnly() throws Exception {
    HttpResponse<String> writer = credentials(service, "alice", "{\"repositories\":[\"sales\"],\"access\":\"gc\"}");
    assertEquals(writer.body(), 403, writer.statusCode());
    assertTrue(message(writer), message(writer).contains("may not run garbage collection on repository sales (lakeFS:"
        + " insufficient permissions: not allowed to retention:PrepareGarbageCollectionCommits)"));

    try (S3Client admin = LoopbackServers.adminS3(aws)) {
      admin.putObject(r -> r.bucket("lakefs-data").key("sales/data/unreferenced"), RequestBody.fromString("x"));
      admin.putObject(r -> r.bucket("lakefs-data").key("sales/_lakefs/metarange-9"), RequestBody.fromString("x"));
    }
    JsonNode gc = granted(service, "gary", "{\"repositories\":[\"sales\"],\"access\":\"gc\"}");
    assertEquals("gc", gc.get("scope").get(1).get("access").asText());
    try (S3Client s3 = LoopbackServers.s3(aws, gc)) {
      s3.deleteObject(r -> r.bucket("lakefs-data").key("sales/data/unreferenced"));
      assertDenied(() -> s3.deleteObject(r -> r.bucket("lakefs-data").key("sales/_lakefs/metarange-9")));
      assertDenied(() -> s3.deleteObject(r -> r.bucket("lakefs-data").key("imports/sales/imported.csv")));
      assertDenied(() -> s3.putObject(r -> r.bucket("lakefs-data").key("sales/data/new"), RequestBody.fromString("x")));
    }
  }

  /** s3://lakefs-data/sales and s3://lakefs-data/sales-archive share a string prefix, never a grant. */
  @Test
  public void aSiblingNamespaceWithTheSamePrefixNeverLeaks() throws Exception {
    try (S3Client admin = LoopbackServers.adminS3(aws)) {
      admin.putObject(r -> r.bucket("lakefs-data").key("sales-archive/data/old"), RequestBody.fromString("x"));
    }
    JsonNode write = granted(service, "alice", "{\"repositories\":[\"sales\"],\"access\":\"write\"}");

    try (S3Client s3 = LoopbackServers.s3(aws, write)) {
      assertDenied(() -> s3.getObjectAsBytes(r -> r.bucket("lakefs-data").key("sales-archive/data/old")));
      assertDenied(() -> s3.putObject(r -> r.bucket("lakefs-data").key("sales-archive/data/new"),
          RequestBody.fromString("x")));
      assertDenied(() -> s3.listObjectsV2(r -> r.bucket("lakefs-data").prefix("sales-archive/")));
      assertDenied(() -> s3.listObjectsV2(r -> r.bucket("lakefs-data").prefix("sales")));
    }
  }

  /** '*', '?' and "${" would be IAM wildcards or variables in the policy: such namespaces are refused, not widened. */
  @Test
  public void namespacesWithIamWildcardsOrVariablesAreRefused() throws Exception {
    for (String repository : List.of("starred", "questioned", "variable")) {
      HttpResponse<String> response = credentials(service, "admin",
          "{\"repositories\":[\"" + repository + "\"],\"access\":\"read\"}");

      assertEquals(response.body(), 400, response.statusCode());
      assertTrue(message(response), message(response).contains("which an IAM policy would read as a wildcard or"
          + " variable and so reach keys outside the namespace"));
    }
  }

  @Test
  public void importLocationsAreReadableAndNeverWritable() throws Exception {
    try (S3Client admin = LoopbackServers.adminS3(aws)) {
      admin.putObject(r -> r.bucket("lakefs-data").key("imports/sales/imported.csv"), RequestBody.fromString("i"));
    }
    JsonNode write = granted(service, "alice", "{\"repositories\":[\"sales\"],\"access\":\"write\"}");

    assertEquals("[{\"location\":\"s3://lakefs-data/imports/sales/\",\"access\":\"read\"},"
        + "{\"location\":\"s3://lakefs-data/sales/\",\"access\":\"write\"}]", JSON.writeValueAsString(write.get("scope")));
    try (S3Client s3 = LoopbackServers.s3(aws, write)) {
      assertEquals("i", s3.getObjectAsBytes(r -> r.bucket("lakefs-data").key("imports/sales/imported.csv"))
          .asUtf8String());
      assertDenied(() -> s3.putObject(r -> r.bucket("lakefs-data").key("imports/sales/data/x"), RequestBody.fromString("x")));
    }
  }

  /** With the repository's key configured the session may use it; without, S3 refuses naming the KMS action. */
  @Test
  public void sseKmsNeedsTheKeyInTheSessionPolicy() throws Exception {
    String key = "secure/data/encrypted";
    JsonNode withKey = granted(service, "alice", "{\"repositories\":[\"secure\"],\"access\":\"write\"}");
    JsonNode withoutKey = granted(serviceWithoutKms, "alice", "{\"repositories\":[\"secure\"],\"access\":\"write\"}");

    try (S3Client s3 = LoopbackServers.s3(aws, withKey)) {
      s3.putObject(r -> r.bucket("lakefs-data").key(key).serverSideEncryption(ServerSideEncryption.AWS_KMS)
          .ssekmsKeyId(SECURE_KEY), RequestBody.fromString("secret rows"));
      assertEquals("secret rows", s3.getObjectAsBytes(r -> r.bucket("lakefs-data").key(key)).asUtf8String());
      assertEquals(SECURE_KEY, s3.headObject(r -> r.bucket("lakefs-data").key(key)).ssekmsKeyId());
    }
    try (S3Client s3 = LoopbackServers.s3(aws, withoutKey)) {
      S3Exception put = assertDenied(() -> s3.putObject(r -> r.bucket("lakefs-data").key("secure/data/other")
          .serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(SECURE_KEY), RequestBody.fromString("x")));
      S3Exception get = assertDenied(() -> s3.getObjectAsBytes(r -> r.bucket("lakefs-data").key(key)));
      assertTrue(put.getMessage(), put.getMessage().contains("kms:GenerateDataKey on resource: \"" + SECURE_KEY));
      assertTrue(get.getMessage(), get.getMessage().contains("kms:Decrypt on resource: \"" + SECURE_KEY));
      s3.putObject(r -> r.bucket("lakefs-data").key("secure/data/plain"), RequestBody.fromString("unencrypted"));
    }
  }

  @Test
  public void aRepositoryOnAnotherStorageGetsThatStoragesRole() throws Exception {
    JsonNode west = granted(service, "alice", "{\"repositories\":[\"west\"],\"access\":\"write\"}");

    assertEquals(WEST_ROLE, west.get("role_arn").asText());
    try (S3Client s3 = LoopbackServers.s3(aws, west)) {
      s3.putObject(r -> r.bucket("west-data").key("west/data/part-0"), RequestBody.fromString("x"));
    }
  }

  /** The storage id travels in the delegation token: credentials on the token alone get the storage's role. */
  @Test
  public void aDelegationTokenRemembersTheStorageAndItsRole() throws Exception {
    HttpResponse<String> token = delegationToken("alice", "repositories=west&access=write");
    assertEquals(token.body(), 200, token.statusCode());
    String encoded = JSON.readTree(token.body()).get("Token").get("urlString").asText();

    HttpResponse<String> response;
    lakeFS.refuseConnections();
    try {
      response = HTTP.send(HttpRequest.newBuilder(service.endpoint().resolve("/api/v1/credentials"))
          .header("X-Hadoop-Delegation-Token", encoded).POST(HttpRequest.BodyPublishers.noBody()).build(),
          HttpResponse.BodyHandlers.ofString());
    } finally {
      lakeFS.serveNormally();
    }

    assertEquals(response.body(), 200, response.statusCode());
    assertEquals(WEST_ROLE, JSON.readTree(response.body()).get("role_arn").asText());
  }

  @Test
  public void aScopeSpanningTwoRolesIsRefusedSayingToAskPerStorage() throws Exception {
    HttpResponse<String> response = credentials(service, "alice",
        "{\"repositories\":[\"sales\",\"west\"],\"access\":\"read\"}");
    HttpResponse<String> token = delegationToken("alice", "repositories=sales,west&access=read");

    assertEquals(response.body(), 400, response.statusCode());
    assertTrue(message(response), message(response).contains(aws.roleArn()) && message(response).contains(WEST_ROLE)
        && message(response).contains("ask for credentials (or a delegation token) per storage"));
    assertEquals(token.body(), 400, token.statusCode());
  }

  private static JsonNode granted(CredentialsService instance, String user, String body) throws Exception {
    HttpResponse<String> response = credentials(instance, user, body);
    assertEquals(response.body(), 200, response.statusCode());
    return JSON.readTree(response.body());
  }

  private static HttpResponse<String> credentials(CredentialsService instance, String user, String body)
      throws Exception {
    return HTTP.send(HttpRequest.newBuilder(instance.endpoint().resolve("/api/v1/credentials"))
        .header("Authorization", basic(user)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> delegationToken(String user, String query) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(service.endpoint()
            + "/api/v1/delegation-token?op=GETDELEGATIONTOKEN&renewer=yarn&" + query))
        .header("Authorization", basic(user)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String basic(String user) {
    String key = lakeFS.description().user(user).orElseThrow().accessKeyId();
    return "Basic " + Base64.getEncoder().encodeToString((key + ":" + user + "-secret")
        .getBytes(StandardCharsets.UTF_8));
  }

  private static String message(HttpResponse<String> response) throws Exception {
    return JSON.readTree(response.body()).get("message").asText();
  }

  private static S3Exception assertDenied(org.junit.function.ThrowingRunnable call) {
    S3Exception denied = assertThrows(S3Exception.class, call);
    assertEquals(denied.getMessage(), "AccessDenied", denied.awsErrorDetails().errorCode());
    return denied;
  }
}
