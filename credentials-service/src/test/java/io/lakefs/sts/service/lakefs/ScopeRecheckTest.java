package io.lakefs.sts.service.lakefs;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.lakefs.sts.service.lakefs.ScopeRecheck.Holds;
import io.lakefs.sts.service.lakefs.ScopeRecheck.LakeFSDown;
import io.lakefs.sts.service.lakefs.ScopeRecheck.Outcome;
import io.lakefs.sts.service.lakefs.ScopeRecheck.Withdrawn;
import io.lakefs.sts.testsupport.lakefs.LakeFSPermissions;
import io.lakefs.sts.testsupport.lakefs.LakeFSStandIn;
import io.lakefs.sts.testsupport.lakefs.StandInStatement;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.After;
import org.junit.Test;

/** A token's scope re-checked in lakeFS at refresh: withdrawn permissions and users are seen within the time to live. */
public class ScopeRecheckTest {
  private static final LakeFSCredentials SERVICE = new LakeFSCredentials("AKIAIOSFODNN7SERVICE", "service-secret");
  private static final Duration TTL = Duration.ofSeconds(60);
  private static final Optional<RepositoryPermission> WRITE = Optional.of(RepositoryPermission.WRITE_OBJECTS);

  private final AtomicLong nanos = new AtomicLong();
  private LakeFSStandIn lakeFS;

  @After
  public void stop() {
    lakeFS.close();
  }

  @Test
  public void aWithdrawnWritePermissionEndsTheWriteScopeAfterTheTimeToLive() throws IOException {
    ScopeRecheck recheck = recheck(rbac());
    assertEquals(new Holds(), recheck.check("alice", List.of("sales", "archive"), Optional.empty()));
    assertEquals(new Holds(), recheck.check("alice", List.of("sales"), WRITE));

    lakeFS.detachPolicy("alice", "SalesWrite");
    Outcome cached = recheck.check("alice", List.of("sales"), WRITE);
    nanos.addAndGet(TTL.toNanos());
    Outcome write = recheck.check("alice", List.of("sales"), WRITE);
    Outcome read = recheck.check("alice", List.of("sales"), Optional.empty());

    assertEquals("within the time to live lakeFS is not asked again", new Holds(), cached);
    assertEquals(new Withdrawn("the scope of this token was withdrawn in lakeFS: lakeFS user alice may no longer"
        + " write objects in repository sales (fs:WriteObject); no new credentials are issued for this token;"
        + " credentials issued before last until they expire. Obtain a new token for what lakeFS grants now"), write);
    assertEquals(new Holds(), read);
  }

  @Test
  public void aRepositoryNoLongerReadableOrAUserDeletedIsWithdrawn() throws IOException {
    ScopeRecheck recheck = recheck(rbac());
    lakeFS.removeFromGroup("alice", "Viewers");
    nanos.addAndGet(TTL.toNanos());

    Outcome unreadable = recheck.check("alice", List.of("sales", "archive"), Optional.empty());
    lakeFS.deleteUser("alice");
    nanos.addAndGet(TTL.toNanos());
    Outcome deleted = recheck.check("alice", List.of("sales"), Optional.empty());

    assertTrue(unreadable.toString(), ((Withdrawn) unreadable).message().startsWith("the scope of this token was"
        + " withdrawn in lakeFS: lakeFS user alice may no longer read repository sales (fs:ReadRepository)"));
    assertTrue(deleted.toString(), ((Withdrawn) deleted).message().startsWith("the scope of this token was"
        + " withdrawn in lakeFS: lakeFS has no user alice any more"));
  }

  @Test
  public void lakeFSDownIsNeitherGrantNorWithdrawal() throws IOException {
    ScopeRecheck recheck = recheck(rbac());
    lakeFS.refuseConnections();

    Outcome down = recheck.check("alice", List.of("sales"), Optional.empty());

    assertTrue(down.toString(), down instanceof LakeFSDown);
    assertTrue(((LakeFSDown) down).message(), ((LakeFSDown) down).message().contains("connection refused"));
    lakeFS.serveNormally();
    assertEquals(new Holds(), recheck.check("alice", List.of("sales"), Optional.empty()));
  }

  @Test
  public void withoutRbacOnlyTheOwnersExistenceIsRechecked() throws IOException {
    lakeFS = LakeFSStandIn.builder()
        .user("admin", "AKIAIOSFODNN7SERVICE", "service-secret")
        .user("alice", "AKIAIOSFODNN7ALICE", "alice-secret")
        .grantAll("admin")
        .withoutRbac()
        .start();
    ScopeRecheck recheck = new ScopeRecheck(new LakeFSPolicyDirectory(StandInFixture.settings(lakeFS), SERVICE, TTL,
        nanos::get));

    assertEquals(new Holds(), recheck.check("alice", List.of("sales"), WRITE));
    lakeFS.deleteUser("alice");
    nanos.addAndGet(TTL.toNanos());
    assertTrue(recheck.check("alice", List.of("sales"), WRITE) instanceof Withdrawn);
  }

  private LakeFSStandIn rbac() throws IOException {
    lakeFS = LakeFSStandIn.builder()
        .user("alice", "AKIAIOSFODNN7ALICE", "alice-secret")
        .user("lakefs-sts", "AKIAIOSFODNN7SERVICE", "service-secret")
        .repository("sales", "s3://lakefs-data/sales/")
        .repository("archive", "s3://lakefs-data/archive/")
        .policy("FSReadAll", new StandInStatement(LakeFSPermissions.FS_READ, "*"))
        .policy("SalesWrite", new StandInStatement(List.of("fs:WriteObject"), "arn:lakefs:fs:::repository/sales/*"))
        .policy("ServiceReads", new StandInStatement(List.of(LakeFSPermissions.READ_USER), "*"))
        .group("Viewers", "FSReadAll")
        .addToGroup("alice", "Viewers")
        .attachPolicy("alice", "SalesWrite")
        .attachPolicy("lakefs-sts", "ServiceReads")
        .start();
    return lakeFS;
  }

  private ScopeRecheck recheck(LakeFSStandIn started) {
    return new ScopeRecheck(new LakeFSPolicyDirectory(StandInFixture.settings(started), SERVICE, TTL, nanos::get));
  }
}
