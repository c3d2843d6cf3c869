package io.lakefs.sts.testsupport.lakefs;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.lakefs.clients.sdk.ApiClient;
import io.lakefs.clients.sdk.ApiException;
import io.lakefs.clients.sdk.AuthApi;
import io.lakefs.clients.sdk.BranchesApi;
import io.lakefs.clients.sdk.CommitsApi;
import io.lakefs.clients.sdk.ObjectsApi;
import io.lakefs.clients.sdk.StagingApi;
import io.lakefs.clients.sdk.auth.HttpBasicAuth;
import io.lakefs.clients.sdk.model.AuthenticationToken;
import io.lakefs.clients.sdk.model.Commit;
import io.lakefs.clients.sdk.model.CommitCreation;
import io.lakefs.clients.sdk.model.Error;
import io.lakefs.clients.sdk.model.LoginInformation;
import io.lakefs.clients.sdk.model.ObjectStats;
import io.lakefs.clients.sdk.model.ObjectStatsList;
import io.lakefs.clients.sdk.model.StagingLocation;
import io.lakefs.clients.sdk.model.StagingMetadata;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * lakeFSFS's data path and lakeFS's login, driven by the official SDK against the stand-in: physical
 * addresses under the namespace's {@code data/}, linking, stat, listing, commits, login JWTs that expire,
 * and lakeFS's 401 naming the missing permission for each.
 */
public class LakeFSStandInDataPathTest {
  private static final Instant START = Instant.parse("2026-12-02T10:00:00Z");

  private final MovableClock clock = new MovableClock(START);
  private LakeFSStandIn lakeFS;

  @Before
  public void startStandIn() throws IOException {
    lakeFS = LakeFSStandIn.builder()
        .user("alice", "AKIAIOSFODNN7ALICE", "alice-secret")
        .user("bob", "AKIAIOSFODNN7BOB", "bob-secret")
        .user("gary", "AKIAIOSFODNN7GARY", "gary-secret")
        .repository("repo1", "s3://lakefs-data/repo1")
        .repository(StandInRepository.of("archive", "s3://lakefs-data/archive/").withReadOnly(true))
        .grant("alice", "repo1")
        .grant("alice", "archive")
        .grantRead("bob", "repo1")
        .grant("gary", "repo1")
        .grantGarbageCollection("gary", "repo1")
        .loginTokenLifetime(Duration.ofMinutes(15))
        .clock(clock)
        .start();
  }

  @After
  public void stopStandIn() {
    lakeFS.close();
  }

  @Test
  public void physicalAddressesAreFreshSignedKeysUnderTheNamespacesDataPrefix() throws ApiException {
    StagingApi staging = new StagingApi(as("AKIAIOSFODNN7ALICE", "alice-secret"));

    String first = staging.getPhysicalAddress("repo1", "main", "tables/t/part-0.parquet").execute()
        .getPhysicalAddress();
    String second = staging.getPhysicalAddress("repo1", "main", "tables/t/part-0.parquet").execute()
        .getPhysicalAddress();

    assertTrue(first, first.matches("s3://lakefs-data/repo1/data/[0-9a-v]{20}/[0-9a-v]{20},[A-Za-z0-9_-]{43}"));
    assertNotEquals(first, second);
  }

  @Test
  public void aReaderAsksForAnAddressAndIsRefusedWriteObject() {
    ApiException refused = assertThrows(ApiException.class, () -> new StagingApi(as("AKIAIOSFODNN7BOB", "bob-secret"))
        .getPhysicalAddress("repo1", "main", "x").execute());

    assertRefused(refused, 401, "insufficient permissions: not allowed to fs:WriteObject");
  }

  @Test
  public void aLinkedObjectIsStatedAndListedWithItsPhysicalAddress() throws ApiException {
    ObjectStats linked = writeAsAlice("tables/t/part-0.parquet", "\"etag-0\"", 42);
    writeAsAlice("tables/t/part-1.parquet", "etag-1", 7);
    writeAsAlice("readme.txt", "etag-2", 3);
    ObjectsApi bob = new ObjectsApi(as("AKIAIOSFODNN7BOB", "bob-secret"));

    ObjectStats stat = bob.statObject("repo1", "main", "tables/t/part-0.parquet").execute();
    ObjectStatsList top = bob.listObjects("repo1", "main").delimiter("/").execute();
    ObjectStatsList page = bob.listObjects("repo1", "main").prefix("tables/t/").amount(1).execute();

    assertEquals("etag-0", linked.getChecksum());
    assertEquals(linked.getPhysicalAddress(), stat.getPhysicalAddress());
    assertEquals(Long.valueOf(42), stat.getSizeBytes());
    assertEquals(Long.valueOf(START.getEpochSecond()), stat.getMtime());
    assertEquals(ObjectStats.PathTypeEnum.OBJECT, stat.getPathType());
    assertEquals(List.of("readme.txt", "tables/"), top.getResults().stream().map(ObjectStats::getPath).toList());
    assertEquals(ObjectStats.PathTypeEnum.COMMON_PREFIX, top.getResults().get(1).getPathType());
    assertEquals(List.of("tables/t/part-0.parquet"), page.getResults().stream().map(ObjectStats::getPath).toList());
    assertTrue(page.getPagination().getHasMore());
    assertEquals("tables/t/part-0.parquet", page.getPagination().getNextOffset());
  }

  @Test
  public void anAddressHandedOutForOnePathCannotBeLinkedAtAnother() throws ApiException {
    StagingApi alice = new StagingApi(as("AKIAIOSFODNN7ALICE", "alice-secret"));
    String address = alice.getPhysicalAddress("repo1", "main", "mine").execute().getPhysicalAddress();

    ApiException refused = assertThrows(ApiException.class, () -> alice.linkPhysicalAddress("repo1", "main",
        "theirs", metadata(address, "etag", 1)).execute());

    assertRefused(refused, 400, "invalid address signature: invalid address");
  }

  @Test
  public void anAddressOutsideTheNamespaceLinksAsImportedData() throws ApiException {
    ObjectStats linked = new StagingApi(as("AKIAIOSFODNN7ALICE", "alice-secret")).linkPhysicalAddress("repo1",
        "main", "imported/a.csv", metadata("s3://imports/raw/a.csv", "etag", 5)).execute();

    assertEquals("s3://imports/raw/a.csv", linked.getPhysicalAddress());
  }

  @Test
  public void linkingIntoAReadOnlyRepositoryIs403() throws ApiException {
    StagingApi alice = new StagingApi(as("AKIAIOSFODNN7ALICE", "alice-secret"));
    String address = alice.getPhysicalAddress("archive", "main", "x").execute().getPhysicalAddress();

    ApiException refused = assertThrows(ApiException.class,
        () -> alice.linkPhysicalAddress("archive", "main", "x", metadata(address, "etag", 1)).execute());

    assertRefused(refused, 403, "read-only repository");
  }

  @Test
  public void statOfAMissingObjectIs404NotFound() {
    ApiException refused = assertThrows(ApiException.class, () -> new ObjectsApi(as("AKIAIOSFODNN7BOB",
        "bob-secret")).statObject("repo1", "main", "nothing-here").execute());

    assertRefused(refused, 404, "not found");
  }

  @Test
  public void aCommitFreezesTheBranchAndItsIdIsARef() throws ApiException {
    writeAsAlice("a.txt", "etag-a", 1);
    ApiClient alice = as("AKIAIOSFODNN7ALICE", "alice-secret");

    Commit commit = new CommitsApi(alice).commit("repo1", "main", new CommitCreation().message("first data"))
        .execute();
    writeAsAlice("b.txt", "etag-b", 1);

    assertEquals(commit.getId(), new BranchesApi(alice).getBranch("repo1", "main").execute().getCommitId());
    assertEquals(List.of("a.txt"), new ObjectsApi(alice).listObjects("repo1", commit.getId()).execute()
        .getResults().stream().map(ObjectStats::getPath).toList());
    assertEquals("alice", commit.getCommitter());
    assertEquals(1, commit.getParents().size());
  }

  @Test
  public void aReaderCannotCommit() {
    ApiException refused = assertThrows(ApiException.class, () -> new CommitsApi(as("AKIAIOSFODNN7BOB",
        "bob-secret")).commit("repo1", "main", new CommitCreation().message("no")).execute());

    assertRefused(refused, 401, "insufficient permissions: not allowed to fs:CreateCommit");
  }

  @Test
  public void aLoginTokenActsAsTheUserUntilItExpires() throws ApiException {
    AuthenticationToken token = new AuthApi(anonymous()).login()
        .loginInformation(new LoginInformation().accessKeyId("AKIAIOSFODNN7ALICE").secretAccessKey("alice-secret"))
        .execute();
    ApiClient bearer = anonymous();
    bearer.setBearerToken(token.getToken());

    assertEquals(Long.valueOf(START.plus(Duration.ofMinutes(15)).getEpochSecond()), token.getTokenExpiration());
    assertEquals("alice", new AuthApi(bearer).getCurrentUser().execute().getUser().getId());
    StagingLocation location = new StagingApi(bearer).getPhysicalAddress("repo1", "main", "x").execute();
    assertTrue(location.getPhysicalAddress().startsWith("s3://lakefs-data/repo1/data/"));

    clock.advance(Duration.ofMinutes(15).plusSeconds(1));
    ApiException expired = assertThrows(ApiException.class,
        () -> new StagingApi(bearer).getPhysicalAddress("repo1", "main", "x").execute());
    assertRefused(expired, 401, "error authenticating request");
  }

  @Test
  public void loginWithAWrongSecretIs401() {
    ApiException refused = assertThrows(ApiException.class, () -> new AuthApi(anonymous()).login()
        .loginInformation(new LoginInformation().accessKeyId("AKIAIOSFODNN7ALICE").secretAccessKey("bob-secret"))
        .execute());

    assertRefused(refused, 401, "error authenticating request");
  }

  @Test
  public void aTamperedLoginTokenIs401() throws ApiException {
    String token = new AuthApi(anonymous()).login()
        .loginInformation(new LoginInformation().accessKeyId("AKIAIOSFODNN7BOB").secretAccessKey("bob-secret"))
        .execute().getToken();
    String[] parts = token.split("\\.");
    String claimsAsAlice = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
        new String(java.util.Base64.getUrlDecoder().decode(parts[1])).replace("\"bob\"", "\"alice\"").getBytes());
    ApiClient forged = anonymous();
    forged.setBearerToken(parts[0] + "." + claimsAsAlice + "." + parts[2]);

    ApiException refused = assertThrows(ApiException.class, () -> new AuthApi(forged).getCurrentUser().execute());

    assertRefused(refused, 401, "error authenticating request");
  }

  /** The garbage-collection status call tells a holder of the GC permission "not found", anyone else 401. */
  @Test
  public void garbageCollectionStatusNamesTheMissingRetentionPermission() throws Exception {
    HttpResponse<String> gary = gcStatus("AKIAIOSFODNN7GARY", "gary-secret");
    HttpResponse<String> alice = gcStatus("AKIAIOSFODNN7ALICE", "alice-secret");

    assertEquals(404, gary.statusCode());
    assertEquals("{\"message\":\"not found\"}\n", gary.body());
    assertEquals(401, alice.statusCode());
    assertEquals("{\"message\":\"insufficient permissions: not allowed to "
        + "retention:PrepareGarbageCollectionCommits\"}\n", alice.body());
  }

  private HttpResponse<String> gcStatus(String accessKeyId, String secret) throws Exception {
    String basic = java.util.Base64.getEncoder().encodeToString((accessKeyId + ":" + secret).getBytes());
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(lakeFS.endpoint() + "/repositories/repo1/gc/prepare_commits/status?id=probe"))
        .header("Authorization", "Basic " + basic).build(), HttpResponse.BodyHandlers.ofString());
  }

  private ObjectStats writeAsAlice(String path, String etag, long size) throws ApiException {
    StagingApi alice = new StagingApi(as("AKIAIOSFODNN7ALICE", "alice-secret"));
    String address = alice.getPhysicalAddress("repo1", "main", path).execute().getPhysicalAddress();
    return alice.linkPhysicalAddress("repo1", "main", path, metadata(address, etag, size)).execute();
  }

  private static StagingMetadata metadata(String address, String etag, long size) {
    return new StagingMetadata().staging(new StagingLocation().physicalAddress(address)).checksum(etag)
        .sizeBytes(size).userMetadata(Map.of());
  }

  private static void assertRefused(ApiException refused, int status, String message) {
    assertEquals(status, refused.getCode());
    try {
      assertEquals(message, Error.fromJson(refused.getResponseBody()).getMessage());
    } catch (IOException e) {
      throw new AssertionError("the SDK could not read the error body " + refused.getResponseBody(), e);
    }
  }

  private ApiClient anonymous() {
    ApiClient client = new ApiClient();
    client.setBasePath(lakeFS.endpoint().toString());
    return client;
  }

  private ApiClient as(String accessKeyId, String secretAccessKey) {
    ApiClient client = anonymous();
    HttpBasicAuth basic = (HttpBasicAuth) client.getAuthentication("basic_auth");
    basic.setUsername(accessKeyId);
    basic.setPassword(secretAccessKey);
    return client;
  }

  /** A clock a test moves by hand, so expiry is tested without sleeping. */
  private static final class MovableClock extends Clock {
    private volatile Instant now;

    MovableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
