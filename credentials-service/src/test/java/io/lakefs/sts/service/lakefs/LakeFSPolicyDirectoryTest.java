package io.lakefs.sts.service.lakefs;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.lakefs.sts.testsupport.lakefs.LakeFSPermissions;
import io.lakefs.sts.testsupport.lakefs.LakeFSStandIn;
import io.lakefs.sts.testsupport.lakefs.RecordedRequest;
import io.lakefs.sts.testsupport.lakefs.StandInPolicy;
import io.lakefs.sts.testsupport.lakefs.StandInStatement;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * The service deciding, with its own lakeFS key, what a user who sent none may do: against the lakeFS stand-in's
 * RBAC (users, groups, deny policies), with lakeFS's calls counted, and with lakeFS changed or gone mid-test.
 */
public class LakeFSPolicyDirectoryTest {
  private static final String SERVICE_KEY = "AKIAIOSFODNN7SERVICE";
  private static final String SERVICE_SECRET = "service-SECRET-xKq9fwPzLm";
  private static final LakeFSCredentials SERVICE = new LakeFSCredentials(SERVICE_KEY, SERVICE_SECRET);
  private static final Duration TTL = Duration.ofSeconds(60);

  private final AtomicLong nanos = new AtomicLong();
  private LakeFSStandIn lakeFS;
  private LakeFSPolicyDirectory directory;

  @Before
  public void start() throws IOException {
    lakeFS = LakeFSStandIn.builder()
        .user("alice", "AKIAIOSFODNN7ALICE", "alice-secret")
        .user("dave", "AKIAIOSFODNN7DAVE", "dave-secret")
        .user("lakefs-sts", SERVICE_KEY, SERVICE_SECRET)
        .user("nobody", "AKIAIOSFODNN7NOBODY", "nobody-secret")
        .repository("sales", "s3://lakefs-data/sales/")
        .repository("secret", "s3://lakefs-data/secret/")
        .repository("archive", "s3://lakefs-data/archive/")
        .policy("FSReadAll", new StandInStatement(LakeFSPermissions.FS_READ, "*"))
        .policy("SalesWrite", new StandInStatement(List.of("fs:WriteObject"), "arn:lakefs:fs:::repository/sales/*"))
        .policy("NoSecret", StandInStatement.deny(List.of("fs:*"), "arn:lakefs:fs:::repository/secret"))
        .policy("GcAll", new StandInStatement(LakeFSPermissions.RETENTION_ALL, "*"))
        .policy("ServiceReads", new StandInStatement(List.of(LakeFSPermissions.READ_USER), "arn:lakefs:auth:::user/*"),
            new StandInStatement(List.of(LakeFSPermissions.READ_REPOSITORY), "arn:lakefs:fs:::repository/*"))
        .group("Viewers", "FSReadAll")
        .group("Contractors", "NoSecret")
        .addToGroup("alice", "Viewers")
        .addToGroup("alice", "Contractors")
        .attachPolicy("alice", "SalesWrite")
        .addToGroup("dave", "Viewers")
        .attachPolicy("dave", "GcAll")
        .attachPolicy("lakefs-sts", "ServiceReads")
        .start();
    directory = new LakeFSPolicyDirectory(StandInFixture.settings(lakeFS), SERVICE, TTL, nanos::get);
  }

  @After
  public void stop() {
    directory.close();
    lakeFS.close();
  }

  @Test
  public void callersMissingTogetherShareOneLakeFSCallPerLookup() throws Exception {
    directory.permissions("alice");
    int oneCaller = lakeFS.requests().size();
    lakeFS.clearRequests();
    directory.close();
    directory = new LakeFSPolicyDirectory(StandInFixture.settings(lakeFS), SERVICE, TTL, nanos::get);
    lakeFS.delayAnswers(Duration.ofMillis(200));
    ExecutorService threads = Executors.newFixedThreadPool(50);
    try {
      List<Future<UserPermissions>> answers = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        answers.add(threads.submit(() -> directory.permissions("alice")));
      }
      for (Future<UserPermissions> answer : answers) {
        assertEquals("alice", answer.get(30, TimeUnit.SECONDS).user().id());
      }
    } finally {
      threads.shutdownNow();
    }

    assertEquals("lakeFS calls for 50 callers, as for one", oneCaller, lakeFS.requests().size());
  }

  @Test
  public void aUsersOwnAndGroupPoliciesDecideReadWriteAndGc() throws Exception {
    UserPermissions alice = directory.permissions("alice");
    UserPermissions dave = directory.permissions("dave");

    assertEquals("alice", alice.user().id());
    assertTrue(alice.mayRead("sales"));
    assertTrue(alice.may("sales", RepositoryPermission.WRITE_OBJECTS));
    assertFalse(alice.may("sales", RepositoryPermission.RUN_GARBAGE_COLLECTION));
    assertTrue(alice.mayRead("archive"));
    assertFalse(alice.may("archive", RepositoryPermission.WRITE_OBJECTS));
    assertFalse("the Contractors' deny outweighs the Viewers' allow", alice.mayRead("secret"));
    assertTrue(dave.mayRead("secret"));
    assertTrue(dave.may("archive", RepositoryPermission.RUN_GARBAGE_COLLECTION));
    assertFalse(dave.may("archive", RepositoryPermission.WRITE_OBJECTS));
  }

  @Test
  public void aRepositoryIsReadWithTheServicesKeyOnlyForAUserAllowedToReadIt() throws Exception {
    UserPermissions alice = directory.permissions("alice");
    lakeFS.clearRequests();

    LakeFSRepository sales = directory.repository(alice, "sales");
    RepositoryAccessDeniedException secret = assertThrows(RepositoryAccessDeniedException.class,
        () -> directory.repository(alice, "secret"));
    RepositoryAccessDeniedException gc = assertThrows(RepositoryAccessDeniedException.class,
        () -> directory.requirePermission(alice, sales, RepositoryPermission.RUN_GARBAGE_COLLECTION));
    directory.requirePermission(alice, sales, RepositoryPermission.WRITE_OBJECTS);

    assertEquals("s3://lakefs-data/sales/", sales.storageNamespace());
    assertEquals("lakeFS user alice may not read repository secret (its lakeFS policies do not allow"
        + " fs:ReadRepository on arn:lakefs:fs:::repository/secret); ask a lakeFS admin to grant it, or use a"
        + " repository this user may read", secret.getMessage());
    assertTrue(gc.getMessage(), gc.getMessage().contains("retention:PrepareGarbageCollectionCommits"));
    assertEquals("lakeFS was asked for the repository alice may read, as the service, and for nothing else",
        List.of(new RecordedRequest("GET", "/api/v1/repositories/sales", java.util.Optional.of(SERVICE_KEY),
            java.util.Optional.of("lakefs-sts"), 200)), lakeFS.requests());
    assertThrows(RepositoryNotFoundException.class,
        () -> directory.repository(directory.permissions("dave"), "no-such-repo"));
  }

  @Test
  public void permissionsAreReusedForTheTimeToLiveThenReadAgain() throws Exception {
    assertTrue(directory.permissions("alice").may("sales", RepositoryPermission.WRITE_OBJECTS));
    int callsForOneUser = lakeFS.requests().size();
    lakeFS.detachPolicy("alice", "SalesWrite");

    assertTrue("within the time to live the answer is reused",
        directory.permissions("alice").may("sales", RepositoryPermission.WRITE_OBJECTS));
    assertEquals(callsForOneUser, lakeFS.requests().size());
    nanos.addAndGet(TTL.toNanos());

    assertFalse(directory.permissions("alice").may("sales", RepositoryPermission.WRITE_OBJECTS));
    assertTrue(directory.permissions("alice").mayRead("sales"));
    assertEquals("getUser and one page of effective policies", 2, callsForOneUser);
  }

  @Test
  public void aDeletedOrUnknownUserIsNotFound() throws Exception {
    directory.permissions("alice");
    lakeFS.deleteUser("alice");
    nanos.addAndGet(TTL.toNanos());

    LakeFSUserNotFoundException deleted = assertThrows(LakeFSUserNotFoundException.class,
        () -> directory.permissions("alice"));
    LakeFSUserNotFoundException ghost = assertThrows(LakeFSUserNotFoundException.class,
        () -> directory.permissions("ghost"));

    assertEquals("alice", deleted.userId());
    assertTrue(ghost.getMessage(), ghost.getMessage().endsWith("has no user ghost; ask a lakeFS admin to create it,"
        + " or map the caller to the lakeFS user it is"));
  }

  @Test
  public void aServiceKeyWithoutAuthReadUserIsAnAdministratorsProblemNamedAsSuch() {
    LakeFSPolicyDirectory unprivileged = new LakeFSPolicyDirectory(StandInFixture.settings(lakeFS),
        new LakeFSCredentials("AKIAIOSFODNN7NOBODY", "nobody-secret"), TTL);
    LakeFSPolicyDirectory wrongSecret = new LakeFSPolicyDirectory(StandInFixture.settings(lakeFS),
        new LakeFSCredentials(SERVICE_KEY, "wrong-SECRET-q8Zt"), TTL);

    LakeFSUnavailableException missing = assertThrows(LakeFSUnavailableException.class,
        () -> unprivileged.permissions("alice"));
    LakeFSUnavailableException rejected = assertThrows(LakeFSUnavailableException.class,
        () -> wrongSecret.permissions("alice"));

    assertTrue(missing.getMessage(), missing.getMessage().contains("a lakeFS admin must grant it auth:ReadUser on"
        + " arn:lakefs:auth:::user/*"));
    assertTrue(rejected.getMessage(), rejected.getMessage().contains("rejected the credentials service's own key"
        + " (access key id " + SERVICE_KEY + ")"));
    assertFalse(StandInFixture.printed(rejected).contains("wrong-SECRET-q8Zt"));
    assertFalse(StandInFixture.printed(rejected).contains(SERVICE_SECRET));
  }

  @Test
  public void lakeFSDownIsUnavailableAndNotRemembered() throws Exception {
    lakeFS.refuseConnections();
    LakeFSUnavailableException down = assertThrows(LakeFSUnavailableException.class,
        () -> directory.permissions("alice"));
    lakeFS.serveNormally();

    assertTrue(down.getMessage(), down.getMessage().contains("is unreachable: connection refused"));
    assertTrue(directory.permissions("alice").mayRead("sales"));
  }

  @Test
  public void lakeFSCommunityKeepsNoPoliciesAndSaysSendYourKey() throws Exception {
    try (LakeFSStandIn community = LakeFSStandIn.builder()
        .user("admin", SERVICE_KEY, SERVICE_SECRET)
        .grantAll("admin")
        .withoutRbac()
        .start()) {
      LakeFSPolicyDirectory onCommunity = new LakeFSPolicyDirectory(StandInFixture.settings(community), SERVICE, TTL);

      LakeFSWithoutRbacException refused = assertThrows(LakeFSWithoutRbacException.class,
          () -> onCommunity.permissions("admin"));

      assertTrue(refused.getMessage(), refused.getMessage().contains("keeps no policies (it answered GET"
          + " /auth/users/admin/policies?effective=true with HTTP 501, as lakeFS Community does)"));
      assertTrue(refused.getMessage(), refused.getMessage().endsWith("send it in the X-LakeFS-Authorization header"));
    }
  }

  @Test
  public void policiesArePagedThroughToTheEnd() throws Exception {
    LakeFSStandIn.Builder many = LakeFSStandIn.builder()
        .user("lakefs-sts", SERVICE_KEY, SERVICE_SECRET)
        .user("erin", "AKIAIOSFODNN7ERIN", "erin-secret")
        .policy("ServiceReads", new StandInStatement(List.of(LakeFSPermissions.READ_USER), "*"))
        .attachPolicy("lakefs-sts", "ServiceReads");
    for (int i = 0; i < 1001; i++) {
      String id = String.format("P%04d", i);
      many.policy(id, new StandInStatement(List.of("fs:ReadRepository"), "arn:lakefs:fs:::repository/r" + i))
          .attachPolicy("erin", id);
    }
    try (LakeFSStandIn big = many.start()) {
      UserPermissions erin = new LakeFSPolicyDirectory(StandInFixture.settings(big), SERVICE, TTL)
          .permissions("erin");

      assertEquals(1001, erin.policies().size());
      assertTrue("the last policy is on the second page", erin.mayRead("r1000"));
      assertEquals(List.of("GET /api/v1/auth/users/erin", "GET /api/v1/auth/users/erin/policies",
          "GET /api/v1/auth/users/erin/policies"), big.requests().stream().map(RecordedRequest::line).toList());
    }
    assertEquals("StandInGrants-x", StandInPolicy.grantsOf("x"));
  }
}
