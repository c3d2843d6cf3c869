package io.lakefs.sts.testsupport.lakefs;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.util.List;
import org.junit.Test;

/** What the stand-in is told to be: checked when built, so a typo fails the test that made it, by name. */
public class LakeFSStandInDescriptionTest {
  @Test
  public void grantToAnUndescribedRepositoryIsRefusedWithTheFix() {
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> LakeFSStandIn.builder()
        .user("alice", "AKIAIOSFODNN7ALICE", "alice-secret")
        .repository("repo1", "s3://lakefs-data/repo1/")
        .grant("alice", "rep01")
        .build());

    assertEquals("grant to user alice names repository 'rep01', which is not described; add it with "
        + "repository(...) first, or use grantAll(alice) for access to every repository", refused.getMessage());
  }

  @Test
  public void grantToAnUndescribedUserIsRefused() {
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> LakeFSStandIn.builder()
        .repository("repo1", "s3://lakefs-data/repo1/")
        .grantAll("mallory")
        .build());

    assertEquals("grant names user 'mallory', who is not described; add the user with user(...) first",
        refused.getMessage());
  }

  @Test
  public void twoUsersWithOneAccessKeyAreRefusedWithoutShowingASecret() {
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> LakeFSStandIn.builder()
        .user("alice", "AKIAIOSFODNN7SHARED", "alice-secret")
        .user("bob", "AKIAIOSFODNN7SHARED", "bob-secret")
        .build());

    assertEquals("two stand-in entries share the access key id 'AKIAIOSFODNN7SHARED'; each must be unique",
        refused.getMessage());
  }

  @Test
  public void userToStringNeverShowsTheSecret() {
    String shown = StandInUser.of("alice", "AKIAIOSFODNN7ALICE", "alice-secret").withEmail("alice@example.com")
        .toString();

    assertFalse(shown, shown.contains("alice-secret"));
    assertTrue(shown, shown.contains("AKIAIOSFODNN7ALICE"));
  }

  @Test
  public void grantsAreLakeFSPoliciesOnRepositoryIds() {
    LakeFSDescription description = LakeFSStandIn.builder()
        .user("alice", "AKIAIOSFODNN7ALICE", "alice-secret")
        .user("bob", "AKIAIOSFODNN7BOB", "bob-secret")
        .user("admin", "AKIAIOSFODNN7ADMIN", "admin-secret")
        .repository("repo1", "s3://lakefs-data/repo1/")
        .repository("repo2", "s3://lakefs-data/repo2/")
        .repository("repo10", "s3://lakefs-data/repo10/")
        .grant("alice", "repo1")
        .grantRead("bob", "repo1")
        .grantAll("admin")
        .build();

    assertTrue(description.mayRead("alice", "repo1"));
    assertFalse(description.mayRead("alice", "repo2"));
    assertFalse("a grant on repo1 is not one on repo10", description.mayRead("alice", "repo10"));
    assertTrue(description.allows("alice", "fs:WriteObject", LakeFSPermissions.objectArn("repo1", "a/b")));
    assertFalse(description.allows("alice", "fs:WriteObject", LakeFSPermissions.objectArn("repo10", "a/b")));
    assertFalse(description.allows("alice", LakeFSPermissions.PREPARE_GARBAGE_COLLECTION_COMMITS,
        LakeFSPermissions.repositoryArn("repo1")));
    assertTrue(description.mayRead("bob", "repo1"));
    assertTrue(description.allows("bob", "fs:ReadObject", LakeFSPermissions.objectArn("repo1", "a/b")));
    assertFalse(description.allows("bob", "fs:WriteObject", LakeFSPermissions.objectArn("repo1", "a/b")));
    assertTrue(description.mayRead("admin", "not-yet-created"));
    assertTrue(description.allows("admin", LakeFSPermissions.PREPARE_GARBAGE_COLLECTION_COMMITS,
        LakeFSPermissions.repositoryArn("repo2")));
    assertEquals("alice", description.authenticate("AKIAIOSFODNN7ALICE", "alice-secret").orElseThrow().id());
    assertTrue(description.authenticate("AKIAIOSFODNN7ALICE", "admin-secret").isEmpty());
  }

  @Test
  public void pathPrefixGrantsReachOnlyObjectsUnderThePrefix() {
    LakeFSDescription description = LakeFSStandIn.builder()
        .user("carol", "AKIAIOSFODNN7CAROL", "carol-secret")
        .repository("repo1", "s3://lakefs-data/repo1/")
        .grantRead("carol", "repo1")
        .grantOnPathPrefix("carol", "repo1", "team-a/", List.of(LakeFSPermissions.WRITE_OBJECT))
        .build();

    assertTrue(description.allows("carol", "fs:WriteObject", LakeFSPermissions.objectArn("repo1", "team-a/x")));
    assertFalse(description.allows("carol", "fs:WriteObject", LakeFSPermissions.objectArn("repo1", "team-b/x")));
  }

  @Test
  public void lakeFSWildcardsMatchAnyRunAndOneCharacter() {
    assertTrue(LakeFSPermissions.matches("fs:Read*", "fs:ReadObject"));
    assertTrue(LakeFSPermissions.matches("fs:Read*", "fs:Read"));
    assertFalse(LakeFSPermissions.matches("fs:Read*", "fs:WriteObject"));
    assertTrue(LakeFSPermissions.matches("arn:lakefs:fs:::repository/repo?", "arn:lakefs:fs:::repository/repo1"));
    assertFalse(LakeFSPermissions.matches("arn:lakefs:fs:::repository/repo?", "arn:lakefs:fs:::repository/repo10"));
    assertTrue(LakeFSPermissions.matches("*", ""));
  }

  @Test
  public void endpointIsTheApiBaseOnLoopback() throws Exception {
    try (LakeFSStandIn lakeFS = LakeFSStandIn.builder().start()) {
      URI endpoint = lakeFS.endpoint();

      assertEquals("http", endpoint.getScheme());
      assertEquals("127.0.0.1", endpoint.getHost());
      assertTrue(endpoint.getPort() > 0);
      assertEquals("/api/v1", endpoint.getPath());
    }
  }
}
