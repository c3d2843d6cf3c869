package io.lakefs.sts.testsupport.lakefs;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.lakefs.clients.sdk.ApiClient;
import io.lakefs.clients.sdk.ApiException;
import io.lakefs.clients.sdk.AuthApi;
import io.lakefs.clients.sdk.RepositoriesApi;
import io.lakefs.clients.sdk.auth.HttpBasicAuth;
import io.lakefs.clients.sdk.model.Error;
import io.lakefs.clients.sdk.model.Policy;
import io.lakefs.clients.sdk.model.PolicyList;
import io.lakefs.clients.sdk.model.Statement;
import io.lakefs.clients.sdk.model.User;
import java.io.IOException;
import java.util.List;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * lakeFS's RBAC administration, read side and the two changes a revocation test makes, through the official
 * lakeFS SDK: users, their attached and effective policies, their groups, a group's policies; a user deleted
 * and a policy detached while the stand-in runs, by the SDK as an admin and by the test itself.
 */
public class LakeFSStandInRbacTest {
  private static final String SERVICE_KEY = "AKIAIOSFODNN7SERVICE";
  private static final String SERVICE_SECRET = "service-secret";
  private static final String ALICE_KEY = "AKIAIOSFODNN7ALICE";
  private static final String ALICE_SECRET = "alice-secret";

  private LakeFSStandIn lakeFS;

  @Before
  public void startStandIn() throws IOException {
    lakeFS = LakeFSStandIn.builder()
        .user(StandInUser.of("alice", ALICE_KEY, ALICE_SECRET).withEmail("alice@example.com"))
        .user("bob", "AKIAIOSFODNN7BOB", "bob-secret")
        .user("lakefs-sts", SERVICE_KEY, SERVICE_SECRET)
        .user("admin", "AKIAIOSFODNN7ADMIN", "admin-secret")
        .repository("sales", "s3://lakefs-data/sales/")
        .repository("secret", "s3://lakefs-data/secret/")
        .policy("FSReadAll", new StandInStatement(LakeFSPermissions.FS_READ, "*"))
        .policy("FSReadWriteAll", new StandInStatement(LakeFSPermissions.FS_READ_WRITE, "*"))
        .policy("NoSecret", StandInStatement.deny(List.of("fs:*"), "arn:lakefs:fs:::repository/secret*"))
        .policy("ReadUsers", new StandInStatement(List.of(LakeFSPermissions.READ_USER), "arn:lakefs:auth:::user/*"))
        .group("Developers", "FSReadWriteAll")
        .group("Contractors", "NoSecret")
        .addToGroup("alice", "Developers")
        .addToGroup("alice", "Contractors")
        .attachPolicy("alice", "FSReadAll")
        .attachPolicy("lakefs-sts", "ReadUsers")
        .grantRead("bob", "sales")
        .grantAll("admin")
        .start();
  }

  @After
  public void stopStandIn() {
    lakeFS.close();
  }

  @Test
  public void getUserAnswersTheUserAndUserNotFoundForOthers() throws ApiException {
    AuthApi service = new AuthApi(as(SERVICE_KEY, SERVICE_SECRET));

    User alice = service.getUser("alice").execute();

    assertEquals("alice", alice.getId());
    assertEquals("alice@example.com", alice.getEmail());
    assertEquals(Long.valueOf(StandInUser.DEFAULT_CREATION_DATE.getEpochSecond()), alice.getCreationDate());
    assertRefused(assertThrows(ApiException.class, () -> service.getUser("ghost").execute()), 404,
        "user not found");
  }

  @Test
  public void effectivePoliciesAreTheUsersAndItsGroupsSortedById() throws ApiException {
    AuthApi service = new AuthApi(as(SERVICE_KEY, SERVICE_SECRET));

    PolicyList effective = service.listUserPolicies("alice").effective(true).execute();
    PolicyList attached = service.listUserPolicies("alice").execute();

    assertEquals(List.of("FSReadAll", "FSReadWriteAll", "NoSecret"),
        effective.getResults().stream().map(Policy::getId).toList());
    assertEquals(List.of("FSReadAll"), attached.getResults().stream().map(Policy::getId).toList());
    Statement deny = effective.getResults().get(2).getStatement().get(0);
    assertEquals(Statement.EffectEnum.DENY, deny.getEffect());
    assertEquals("arn:lakefs:fs:::repository/secret*", deny.getResource());
    assertEquals(List.of("fs:*"), deny.getAction());
    assertFalse(effective.getPagination().getHasMore());
    assertEquals(List.of("Contractors", "Developers"),
        service.listUserGroups("alice").execute().getResults().stream().map(g -> g.getId()).toList());
  }

  @Test
  public void policyListsPageAsLakeFSsDo() throws ApiException {
    AuthApi service = new AuthApi(as(SERVICE_KEY, SERVICE_SECRET));

    PolicyList first = service.listUserPolicies("alice").effective(true).amount(2).execute();
    PolicyList rest = service.listUserPolicies("alice").effective(true).amount(2)
        .after(first.getPagination().getNextOffset()).execute();

    assertEquals(List.of("FSReadAll", "FSReadWriteAll"), first.getResults().stream().map(Policy::getId).toList());
    assertTrue(first.getPagination().getHasMore());
    assertEquals("FSReadWriteAll", first.getPagination().getNextOffset());
    assertEquals(List.of("NoSecret"), rest.getResults().stream().map(Policy::getId).toList());
    assertFalse(rest.getPagination().getHasMore());
  }

  @Test
  public void aDenyInAGroupOutweighsEveryAllow() {
    RepositoriesApi alice = new RepositoriesApi(as(ALICE_KEY, ALICE_SECRET));

    assertRefused(assertThrows(ApiException.class, () -> alice.getRepository("secret").execute()), 401,
        "insufficient permissions: not allowed to fs:ReadRepository");
  }

  @Test
  public void readingUsersNeedsAuthReadUserAndGroupsAuthReadGroup() {
    AuthApi bob = new AuthApi(as("AKIAIOSFODNN7BOB", "bob-secret"));
    AuthApi service = new AuthApi(as(SERVICE_KEY, SERVICE_SECRET));

    assertRefused(assertThrows(ApiException.class, () -> bob.getUser("alice").execute()), 401,
        "insufficient permissions: not allowed to auth:ReadUser");
    assertRefused(assertThrows(ApiException.class, () -> service.listGroupPolicies("Developers").execute()), 401,
        "insufficient permissions: not allowed to auth:ReadGroup");
    assertRefused(assertThrows(ApiException.class, () -> service.deleteUser("alice").execute()), 401,
        "insufficient permissions: not allowed to auth:DeleteUser");
    assertRefused(assertThrows(ApiException.class, () -> new AuthApi(anonymous()).getUser("alice").execute()), 401,
        "error authenticating request");
  }

  @Test
  public void aUserDeletedByAnAdminIsGoneForEveryCall() throws ApiException {
    AuthApi admin = new AuthApi(as("AKIAIOSFODNN7ADMIN", "admin-secret"));
    AuthApi service = new AuthApi(as(SERVICE_KEY, SERVICE_SECRET));
    assertEquals("s3://lakefs-data/sales/",
        new RepositoriesApi(as(ALICE_KEY, ALICE_SECRET)).getRepository("sales").execute().getStorageNamespace());

    admin.deleteUser("alice").execute();

    assertRefused(assertThrows(ApiException.class, () -> service.getUser("alice").execute()), 404, "user not found");
    assertEquals(List.of(), service.listUserPolicies("alice").effective(true).execute().getResults());
    assertRefused(assertThrows(ApiException.class,
        () -> new RepositoriesApi(as(ALICE_KEY, ALICE_SECRET)).getRepository("sales").execute()), 401,
        "error authenticating request");
    assertRefused(assertThrows(ApiException.class, () -> admin.deleteUser("alice").execute()), 404, "user not found");
  }

  @Test
  public void aPolicyDetachedMidTestWithdrawsWhatItGranted() throws ApiException {
    AuthApi service = new AuthApi(as(SERVICE_KEY, SERVICE_SECRET));
    RepositoriesApi bob = new RepositoriesApi(as("AKIAIOSFODNN7BOB", "bob-secret"));
    assertEquals("sales", bob.getRepository("sales").execute().getId());

    lakeFS.detachPolicy("bob", StandInPolicy.grantsOf("bob"));

    assertEquals(List.of(), service.listUserPolicies("bob").effective(true).execute().getResults());
    assertRefused(assertThrows(ApiException.class, () -> bob.getRepository("sales").execute()), 401,
        "insufficient permissions: not allowed to fs:ReadRepository");
  }

  @Test
  public void anAdminDetachesAPolicyThroughTheApi() throws ApiException {
    AuthApi admin = new AuthApi(as("AKIAIOSFODNN7ADMIN", "admin-secret"));

    admin.detachPolicyFromUser("alice", "FSReadAll").execute();
    lakeFS.removeFromGroup("alice", "Developers");

    assertEquals(List.of("NoSecret"), admin.listUserPolicies("alice").effective(true).execute().getResults().stream()
        .map(Policy::getId).toList());
    assertRefused(assertThrows(ApiException.class, () -> admin.detachPolicyFromUser("alice", "FSReadAll").execute()),
        404, "not found");
    assertThrows(IllegalArgumentException.class, () -> lakeFS.deleteUser("ghost"));
  }

  private void assertRefused(ApiException refused, int status, String message) {
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
}
