package io.lakefs.sts.service.lakefs;

import static io.lakefs.sts.service.lakefs.StandInFixture.ALICE;
import static io.lakefs.sts.service.lakefs.StandInFixture.ALICE_KEY;
import static io.lakefs.sts.service.lakefs.StandInFixture.ALICE_SECRET;
import static io.lakefs.sts.service.lakefs.StandInFixture.ALICE_WRONG_SECRET;
import static io.lakefs.sts.service.lakefs.StandInFixture.BOB;
import static io.lakefs.sts.service.lakefs.StandInFixture.CAROL;
import static io.lakefs.sts.service.lakefs.StandInFixture.UNKNOWN_KEY;
import static io.lakefs.sts.service.lakefs.StandInFixture.basic;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.lakefs.sts.testsupport.lakefs.LakeFSStandIn;
import io.lakefs.sts.testsupport.lakefs.RecordedRequest;
import io.lakefs.sts.testsupport.lakefs.StandInUser;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** Who a caller is and what it may read, asked of a lakeFS stand-in on loopback that answers as lakeFS does. */
public class LakeFSClientTest {
  private LakeFSStandIn lakeFS;
  private LakeFSClient client;

  @Before
  public void start() throws IOException {
    lakeFS = StandInFixture.start();
    client = new LakeFSClient(StandInFixture.settings(lakeFS));
  }

  @After
  public void stop() {
    client.close();
    lakeFS.close();
  }

  @Test
  public void namesTheUserOwningValidCredentials() throws Exception {
    LakeFSUser user = client.currentUser(ALICE);

    assertEquals("alice", user.id());
    assertEquals(Optional.of("alice"), user.friendlyName());
    assertEquals(Optional.empty(), user.email());
    assertEquals(StandInUser.DEFAULT_CREATION_DATE, user.creationDate());
    assertEquals(List.of(new RecordedRequest("GET", "/api/v1/user", Optional.of(ALICE_KEY), Optional.of("alice"),
        200)), lakeFS.requests());
  }

  @Test
  public void authenticatesTheRawAuthorizationHeaderOfARequest() throws Exception {
    assertEquals("alice", client.authenticate(basic(ALICE_KEY, ALICE_SECRET)).id());
    assertEquals("bob", client.authenticate("basic " + StandInFixture.encoded("AKIAIOSFODNN7BOB:"
        + StandInFixture.BOB_SECRET)).id());
  }

  @Test
  public void refusesAMalformedHeaderWithoutAskingLakeFS() {
    for (String header : Arrays.asList(null, "Bearer abc", "Basic !!!!", basic(ALICE_KEY, ""))) {
      assertThrows(MalformedAuthorizationException.class, () -> client.authenticate(header));
    }
    assertEquals(List.of(), lakeFS.requests());
  }

  @Test
  public void refusesAWrongSecretNamingTheAccessKeyAndWhatToCheck() {
    LakeFSAuthenticationException refused = assertThrows(LakeFSAuthenticationException.class,
        () -> client.currentUser(ALICE_WRONG_SECRET));

    assertEquals("lakeFS at " + lakeFS.endpoint() + " rejected access key id AKIAIOSFODNN7ALICE (lakeFS: error"
        + " authenticating request): the key is unknown or the secret is wrong; check fs.lakefs.access.key and"
        + " fs.lakefs.secret.key", refused.getMessage());
    assertEquals(Optional.of(ALICE_KEY), refused.accessKeyId());
    assertFalse(refused instanceof MalformedAuthorizationException);
    assertEquals(401, lakeFS.requests().get(0).status());
  }

  @Test
  public void refusesAnUnknownAccessKeyTheSameWay() {
    LakeFSAuthenticationException refused = assertThrows(LakeFSAuthenticationException.class,
        () -> client.authenticate(basic("AKIAIOSFODNN7NOBODY", "whatever")));

    assertTrue(refused.getMessage(), refused.getMessage().startsWith("lakeFS at " + lakeFS.endpoint()
        + " rejected access key id AKIAIOSFODNN7NOBODY (lakeFS: error authenticating request)"));
  }

  @Test
  public void neverTakesTheEmptyUserLakeFSNamesAnAnonymousCallerForAUser() {
    // A proxy that drops the Authorization header makes lakeFS answer 200 with user id "".
    LakeFSSettings settings = StandInFixture.settings(lakeFS);
    LakeFSClient behindProxy = new LakeFSClient(settings, LakeFSClient.httpClient(settings).newBuilder()
        .addNetworkInterceptor(chain -> chain.proceed(chain.request().newBuilder().removeHeader("Authorization")
            .build()))
        .build());

    LakeFSAuthenticationException refused = assertThrows(LakeFSAuthenticationException.class,
        () -> behindProxy.currentUser(ALICE));

    assertEquals("lakeFS at " + lakeFS.endpoint() + " answered GET /user for access key id AKIAIOSFODNN7ALICE with"
        + " no user, as it answers requests without credentials; something between the credentials service and"
        + " lakeFS (a proxy?) drops the Authorization header", refused.getMessage());
    assertEquals(List.of(new RecordedRequest("GET", "/api/v1/user", Optional.empty(), Optional.empty(), 200)),
        lakeFS.requests());
  }

  @Test
  public void givesAReaderTheRepositoryAsLakeFSDescribesIt() throws Exception {
    assertEquals(new LakeFSRepository("repo1", "s3://lakefs-data/repo1/", "main", false, Optional.empty()),
        client.repository(ALICE, "repo1"));
    assertEquals(new LakeFSRepository("repo2", "s3://lakefs-data/repo2/", "develop", false, Optional.empty()),
        client.repository(CAROL, "repo2"));
    assertEquals(List.of("GET /api/v1/user", "GET /api/v1/repositories/repo1", "GET /api/v1/user",
        "GET /api/v1/repositories/repo2"), lakeFS.requests().stream().map(RecordedRequest::line).toList());
  }

  @Test
  public void refusesAUserWithoutReadPermissionNamingUserRepositoryAndTheGrantNeeded() {
    RepositoryAccessDeniedException denied = assertThrows(RepositoryAccessDeniedException.class,
        () -> client.repository(BOB, "repo1"));

    assertEquals("lakeFS user bob may not read repository repo1 (lakeFS: insufficient permissions: not allowed to"
        + " fs:ReadRepository); ask a lakeFS admin to grant fs:ReadRepository on arn:lakefs:fs:::repository/repo1,"
        + " or use a repository this user may read", denied.getMessage());
    assertEquals("bob", denied.userId());
    assertEquals("repo1", denied.repositoryId());
    assertEquals(401, lakeFS.requests().get(1).status());
  }

  @Test
  public void tellsOnlyAUserAllowedToReadItThatARepositoryIsMissing() {
    RepositoryNotFoundException missing = assertThrows(RepositoryNotFoundException.class,
        () -> client.repository(CAROL, "no-such-repo"));

    assertEquals("lakeFS at " + lakeFS.endpoint() + " has no repository no-such-repo (lakeFS: repository not"
        + " found); check the repository in the lakefs:// path", missing.getMessage());
    assertEquals("no-such-repo", missing.repositoryId());
    assertThrows(RepositoryAccessDeniedException.class, () -> client.repository(ALICE, "no-such-repo"));
  }

  @Test
  public void refusesRepositoryIdsLakeFSWouldRefuseWithoutAskingIt() {
    for (String id : Arrays.asList(null, "", "ab", "Repo1", "-repo", "repo_1", "repo/1", "repo1 ", "a".repeat(64),
        "../repo1", "répo")) {
      InvalidRepositoryIdException invalid = assertThrows(InvalidRepositoryIdException.class,
          () -> client.repository(ALICE, id));
      assertEquals(id, invalid.repositoryId());
      assertTrue(invalid.getMessage(), invalid.getMessage().endsWith(" is not a lakeFS repository id: ids are 3 to"
          + " 63 lower-case letters, digits and '-', starting with a letter or digit; check the repository part of"
          + " the lakefs:// path"));
    }
    assertEquals(List.of(), lakeFS.requests());
  }

  @Test
  public void acceptsRepositoryIdsAtLakeFSsBounds() throws Exception {
    for (String id : List.of("abc", "0-a", "a".repeat(63))) {
      assertThrows(RepositoryNotFoundException.class, () -> client.repository(CAROL, id));
    }
  }

  @Test
  public void refusesAWrongSecretBeforeLookingAtTheRepository() {
    assertThrows(LakeFSAuthenticationException.class, () -> client.repository(ALICE_WRONG_SECRET, "repo1"));
    assertThrows(LakeFSAuthenticationException.class, () -> client.repository(UNKNOWN_KEY, "repo1"));

    assertEquals(List.of("GET /api/v1/user", "GET /api/v1/user"),
        lakeFS.requests().stream().map(RecordedRequest::line).toList());
  }
}
