package io.lakefs.sts.testsupport.lakefs;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.net.URI;
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
        + "repository(...) first, or use grantAll(alice) for a reader of every repository", refused.getMessage());
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
  public void grantsAreReadGrantsOnRepositoryIds() {
    LakeFSDescription description = LakeFSStandIn.builder()
        .user("alice", "AKIAIOSFODNN7ALICE", "alice-secret")
        .user("admin", "AKIAIOSFODNN7ADMIN", "admin-secret")
        .repository("repo1", "s3://lakefs-data/repo1/")
        .repository("repo2", "s3://lakefs-data/repo2/")
        .grant("alice", "repo1")
        .grantAll("admin")
        .build();

    assertTrue(description.mayRead("alice", "repo1"));
    assertFalse(description.mayRead("alice", "repo2"));
    assertTrue(description.mayRead("admin", "not-yet-created"));
    assertEquals("alice", description.authenticate("AKIAIOSFODNN7ALICE", "alice-secret").orElseThrow().id());
    assertTrue(description.authenticate("AKIAIOSFODNN7ALICE", "admin-secret").isEmpty());
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
