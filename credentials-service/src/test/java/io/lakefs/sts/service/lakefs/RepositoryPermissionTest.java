package io.lakefs.sts.service.lakefs;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.lakefs.clients.sdk.ApiClient;
import io.lakefs.clients.sdk.ObjectsApi;
import io.lakefs.clients.sdk.auth.HttpBasicAuth;
import io.lakefs.sts.testsupport.lakefs.LakeFSStandIn;
import io.lakefs.sts.testsupport.lakefs.RecordedRequest;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * Write and garbage-collection permissions, asked of lakeFS as the user through calls lakeFS authorizes with
 * fs:WriteObject and retention:PrepareGarbageCollectionCommits and that leave nothing behind.
 */
public class RepositoryPermissionTest {
  private static final LakeFSCredentials ALICE = new LakeFSCredentials("AKIAIOSFODNN7ALICE", "alice-secret");
  private static final LakeFSCredentials RITA = new LakeFSCredentials("AKIAIOSFODNN7RITA", "rita-secret");
  private static final LakeFSCredentials GARY = new LakeFSCredentials("AKIAIOSFODNN7GARY", "gary-secret");

  private LakeFSStandIn lakeFS;
  private LakeFSClient client;

  @Before
  public void start() throws Exception {
    lakeFS = LakeFSStandIn.builder()
        .user("alice", "AKIAIOSFODNN7ALICE", "alice-secret")
        .user("rita", "AKIAIOSFODNN7RITA", "rita-secret")
        .user("gary", "AKIAIOSFODNN7GARY", "gary-secret")
        .repository("sales", "s3://lakefs-data/sales/")
        .grant("alice", "sales")
        .grantRead("rita", "sales")
        .grant("gary", "sales")
        .grantGarbageCollection("gary", "sales")
        .start();
    client = new LakeFSClient(StandInFixture.settings(lakeFS));
  }

  @After
  public void stop() {
    client.close();
    lakeFS.close();
  }

  @Test
  public void theWriteCheckAsksForAnAddressAndLeavesNothingStaged() throws Exception {
    LakeFSRepository sales = client.repository(ALICE, "sales");
    lakeFS.clearRequests();

    client.requirePermission(ALICE, sales, RepositoryPermission.WRITE_OBJECTS);

    assertEquals(List.of("GET /api/v1/user", "GET /api/v1/repositories/sales/branches/main/staging/backing"),
        lakeFS.requests().stream().map(RecordedRequest::line).toList());
    assertEquals(0, new ObjectsApi(sdk("AKIAIOSFODNN7ALICE", "alice-secret")).listObjects("sales", "main").execute()
        .getResults().size());
  }

  @Test
  public void aReaderIsRefusedWriteInLakeFSsWords() throws Exception {
    LakeFSRepository sales = client.repository(RITA, "sales");

    RepositoryAccessDeniedException refused = assertThrows(RepositoryAccessDeniedException.class,
        () -> client.requirePermission(RITA, sales, RepositoryPermission.WRITE_OBJECTS));

    assertEquals("lakeFS user rita may not write objects in repository sales (lakeFS: insufficient permissions: not"
        + " allowed to fs:WriteObject); ask a lakeFS admin to grant fs:WriteObject on the whole repository"
        + " (arn:lakefs:fs:::repository/sales/object/*), or ask for \"access\": \"read\"", refused.getMessage());
    assertEquals("rita", refused.userId());
  }

  @Test
  public void garbageCollectionNeedsTheRetentionPermission() throws Exception {
    client.requirePermission(GARY, client.repository(GARY, "sales"), RepositoryPermission.RUN_GARBAGE_COLLECTION);

    LakeFSRepository sales = client.repository(ALICE, "sales");
    RepositoryAccessDeniedException refused = assertThrows(RepositoryAccessDeniedException.class,
        () -> client.requirePermission(ALICE, sales, RepositoryPermission.RUN_GARBAGE_COLLECTION));
    assertEquals("lakeFS user alice may not run garbage collection on repository sales (lakeFS: insufficient"
        + " permissions: not allowed to retention:PrepareGarbageCollectionCommits); ask a lakeFS admin to grant"
        + " retention:PrepareGarbageCollectionCommits on the whole repository (arn:lakefs:fs:::repository/sales), or"
        + " ask for \"access\": \"read\"", refused.getMessage());
  }

  /** lakeFS unreachable during a check says nothing about the user: 503, never a refusal. */
  @Test
  public void anUnreachableLakeFSIsUnavailableNotARefusal() throws Exception {
    LakeFSRepository sales = client.repository(ALICE, "sales");
    LakeFSUser alice = client.currentUser(ALICE);
    lakeFS.refuseConnections();

    for (RepositoryPermission permission : RepositoryPermission.values()) {
      LakeFSUnavailableException down = assertThrows(LakeFSUnavailableException.class,
          () -> client.requirePermissionAs(ALICE, alice, sales, permission));
      assertTrue(down.getMessage(), down.getMessage().contains("is unreachable: connection refused"));
    }
  }

  /**
   * lakeFS before 1.72 has no GC-commits task status and answers any unknown operation 400 (kin-openapi's
   * router); that cannot confirm the permission, so gc is refused saying why.
   */
  @Test
  public void aLakeFSWithoutTheGcStatusCallCannotConfirmGc() throws Exception {
    HttpServer older = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    older.createContext("/", exchange -> {
      boolean user = exchange.getRequestURI().getPath().equals("/api/v1/user");
      byte[] body = (user ? "{\"user\":{\"creation_date\":0,\"id\":\"gary\"}}"
          : "{\"message\":\"no matching operation was found\"}").getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(user ? 200 : 400, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    older.start();
    try (LakeFSClient olderClient = new LakeFSClient(LakeFSSettings.forEndpoint(
        URI.create("http://127.0.0.1:" + older.getAddress().getPort() + "/api/v1")))) {
      LakeFSRepository sales = new LakeFSRepository("sales", "s3://lakefs-data/sales/", "main", false,
          Optional.empty());

      RepositoryAccessDeniedException refused = assertThrows(RepositoryAccessDeniedException.class,
          () -> olderClient.requirePermission(GARY, sales, RepositoryPermission.RUN_GARBAGE_COLLECTION));

      assertTrue(refused.getMessage(), refused.getMessage().contains("cannot confirm that user gary may run garbage"
          + " collection on repository sales") && refused.getMessage().contains("gc access needs lakeFS 1.72"));
    } finally {
      older.stop(0);
    }
  }

  /** A granted permission is remembered like a readable repository; a refusal is asked again, so a new grant works. */
  @Test
  public void theCacheRemembersGrantsAndNotRefusals() throws Exception {
    try (CachingLakeFSClient caching = new CachingLakeFSClient(StandInFixture.settings(lakeFS))) {
      LakeFSRepository sales = caching.repository(ALICE, "sales");
      caching.requirePermission(ALICE, sales, RepositoryPermission.WRITE_OBJECTS);
      lakeFS.clearRequests();

      caching.requirePermission(ALICE, sales, RepositoryPermission.WRITE_OBJECTS);
      assertThrows(RepositoryAccessDeniedException.class,
          () -> caching.requirePermission(ALICE, sales, RepositoryPermission.RUN_GARBAGE_COLLECTION));
      assertThrows(RepositoryAccessDeniedException.class,
          () -> caching.requirePermission(ALICE, sales, RepositoryPermission.RUN_GARBAGE_COLLECTION));

      assertEquals(2, lakeFS.requests().size());
    }
  }

  private ApiClient sdk(String key, String secret) {
    ApiClient sdk = new ApiClient();
    sdk.setBasePath(lakeFS.endpoint().toString());
    HttpBasicAuth basic = (HttpBasicAuth) sdk.getAuthentication("basic_auth");
    basic.setUsername(key);
    basic.setPassword(secret);
    return sdk;
  }
}
