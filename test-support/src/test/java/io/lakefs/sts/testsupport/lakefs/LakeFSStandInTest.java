package io.lakefs.sts.testsupport.lakefs;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;

import io.lakefs.clients.sdk.ApiClient;
import io.lakefs.clients.sdk.ApiException;
import io.lakefs.clients.sdk.AuthApi;
import io.lakefs.clients.sdk.HealthCheckApi;
import io.lakefs.clients.sdk.RepositoriesApi;
import io.lakefs.clients.sdk.auth.HttpBasicAuth;
import io.lakefs.clients.sdk.model.Error;
import io.lakefs.clients.sdk.model.Repository;
import io.lakefs.clients.sdk.model.User;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.AfterClass;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * The official lakeFS Java SDK, unmodified, against the stand-in: it reads every answer as it reads a real
 * lakeFS's, and fails with the ApiException codes and messages real lakeFS gives (lakeFS
 * pkg/api/controller.go and auth_middleware.go at v1.53.1).
 */
public class LakeFSStandInTest {
  private static final Instant ALICE_CREATED = Instant.parse("2026-03-01T09:30:00Z");
  private static final Instant REPO1_CREATED = Instant.parse("2026-04-02T12:00:00Z");

  private static LakeFSStandIn lakeFS;

  @BeforeClass
  public static void startStandIn() throws IOException {
    lakeFS = LakeFSStandIn.builder()
        .user(StandInUser.of("alice", "AKIAIOSFODNN7ALICE", "alice-secret")
            .withFriendlyName("Alice Liddell").withEmail("alice@example.com").withCreationDate(ALICE_CREATED))
        .user("bob", "AKIAIOSFODNN7BOB", "bob-secret")
        .user("admin", "AKIAIOSFODNN7ADMIN", "admin-secret")
        .repository(StandInRepository.of("repo1", "s3://lakefs-data/repo1/")
            .withDefaultBranch("trunk").withCreationDate(REPO1_CREATED))
        .repository("repo2", "s3://lakefs-data/repo2/")
        .grant("alice", "repo1")
        .grant("bob", "repo2")
        .grantAll("admin")
        .start();
  }

  @AfterClass
  public static void stopStandIn() {
    lakeFS.close();
  }

  @Before
  public void forgetEarlierRequests() {
    lakeFS.clearRequests();
  }

  @Test
  public void healthCheckAnswersWithoutCredentials() throws ApiException {
    new HealthCheckApi(anonymous()).healthCheck().execute();

    assertEquals(List.of(new RecordedRequest("GET", "/api/v1/healthcheck", Optional.empty(), Optional.empty(),
        204)), lakeFS.requests());
  }

  @Test
  public void currentUserNamesTheCallerWithFriendlyNameEmailAndCreationDate() throws ApiException {
    User user = new AuthApi(as("AKIAIOSFODNN7ALICE", "alice-secret")).getCurrentUser().execute().getUser();

    assertEquals("alice", user.getId());
    assertEquals("Alice Liddell", user.getFriendlyName());
    assertEquals("alice@example.com", user.getEmail());
    assertEquals(Long.valueOf(ALICE_CREATED.getEpochSecond()), user.getCreationDate());
    assertEquals(List.of(new RecordedRequest("GET", "/api/v1/user", Optional.of("AKIAIOSFODNN7ALICE"),
        Optional.of("alice"), 200)), lakeFS.requests());
  }

  @Test
  public void currentUserWithoutFriendlyNameShowsTheIdAsFriendlyNameAndNoEmail() throws ApiException {
    User user = new AuthApi(as("AKIAIOSFODNN7BOB", "bob-secret")).getCurrentUser().execute().getUser();

    assertEquals("bob", user.getId());
    assertEquals("bob", user.getFriendlyName());
    assertNull(user.getEmail());
    assertEquals(Long.valueOf(StandInUser.DEFAULT_CREATION_DATE.getEpochSecond()), user.getCreationDate());
  }

  /** lakeFS's quirk, kept on purpose: a caller must never take a 200 from GET /user as proof of identity. */
  @Test
  public void currentUserWithoutCredentialsIsAnEmptyUserNotAnError() throws ApiException {
    User user = new AuthApi(anonymous()).getCurrentUser().execute().getUser();

    assertEquals("", user.getId());
    assertEquals(Long.valueOf(0), user.getCreationDate());
    assertNull(user.getFriendlyName());
    assertEquals(Optional.empty(), lakeFS.requests().get(0).user());
  }

  @Test
  public void currentUserWithAWrongSecretIs401ErrorAuthenticatingRequest() {
    ApiException refused = assertThrows(ApiException.class,
        () -> new AuthApi(as("AKIAIOSFODNN7ALICE", "bob-secret")).getCurrentUser().execute());

    assertRefused(refused, 401, "error authenticating request");
    assertEquals(List.of(new RecordedRequest("GET", "/api/v1/user", Optional.of("AKIAIOSFODNN7ALICE"),
        Optional.empty(), 401)), lakeFS.requests());
  }

  @Test
  public void currentUserWithAnUnknownAccessKeyIs401ErrorAuthenticatingRequest() {
    ApiException refused = assertThrows(ApiException.class,
        () -> new AuthApi(as("AKIAIOSFODNN7NOBODY", "alice-secret")).getCurrentUser().execute());

    assertRefused(refused, 401, "error authenticating request");
  }

  @Test
  public void currentUserWithABearerTokenTheServerNeverIssuedIs401() {
    ApiClient client = anonymous();
    client.setBearerToken("eyJhbGciOiJIUzI1NiJ9.e30.not-a-lakefs-token");

    ApiException refused = assertThrows(ApiException.class, () -> new AuthApi(client).getCurrentUser().execute());

    assertRefused(refused, 401, "error authenticating request");
  }

  @Test
  public void getRepositoryGivesAGrantedReaderItsStorageNamespace() throws ApiException {
    Repository repo = new RepositoriesApi(as("AKIAIOSFODNN7ALICE", "alice-secret")).getRepository("repo1").execute();

    assertEquals("repo1", repo.getId());
    assertEquals("s3://lakefs-data/repo1/", repo.getStorageNamespace());
    assertEquals("trunk", repo.getDefaultBranch());
    assertEquals(Long.valueOf(REPO1_CREATED.getEpochSecond()), repo.getCreationDate());
    assertEquals("", repo.getStorageId());
    assertFalse(repo.getReadOnly());
    assertEquals(List.of(new RecordedRequest("GET", "/api/v1/repositories/repo1",
        Optional.of("AKIAIOSFODNN7ALICE"), Optional.of("alice"), 200)), lakeFS.requests());
  }

  /** lakeFS answers a missing permission with 401, not 403, and names the action. */
  @Test
  public void getRepositoryWithoutAGrantIs401InsufficientPermissions() {
    ApiException refused = assertThrows(ApiException.class,
        () -> new RepositoriesApi(as("AKIAIOSFODNN7BOB", "bob-secret")).getRepository("repo1").execute());

    assertRefused(refused, 401, "insufficient permissions: not allowed to fs:ReadRepository");
    assertEquals(List.of(new RecordedRequest("GET", "/api/v1/repositories/repo1", Optional.of("AKIAIOSFODNN7BOB"),
        Optional.of("bob"), 401)), lakeFS.requests());
  }

  @Test
  public void getRepositoryThatDoesNotExistIs404ForAReaderOfEveryRepository() {
    ApiException refused = assertThrows(ApiException.class,
        () -> new RepositoriesApi(as("AKIAIOSFODNN7ADMIN", "admin-secret")).getRepository("no-such-repo").execute());

    assertRefused(refused, 404, "repository not found");
  }

  /** lakeFS checks the permission before it looks the repository up, so existence does not leak. */
  @Test
  public void getRepositoryThatDoesNotExistIs401ForAUserWithoutPermissionOnIt() {
    ApiException refused = assertThrows(ApiException.class,
        () -> new RepositoriesApi(as("AKIAIOSFODNN7ALICE", "alice-secret")).getRepository("no-such-repo").execute());

    assertRefused(refused, 401, "insufficient permissions: not allowed to fs:ReadRepository");
  }

  @Test
  public void getRepositoryWithoutCredentialsIs401ErrorAuthenticatingRequest() {
    ApiException refused = assertThrows(ApiException.class,
        () -> new RepositoriesApi(anonymous()).getRepository("repo1").execute());

    assertRefused(refused, 401, "error authenticating request");
  }

  @Test
  public void getRepositoryWithAWrongSecretIs401EvenForAnExistingGrant() {
    ApiException refused = assertThrows(ApiException.class,
        () -> new RepositoriesApi(as("AKIAIOSFODNN7ALICE", "wrong")).getRepository("repo1").execute());

    assertRefused(refused, 401, "error authenticating request");
  }

  @Test
  public void readerOfEveryRepositoryReadsEach() throws ApiException {
    RepositoriesApi admin = new RepositoriesApi(as("AKIAIOSFODNN7ADMIN", "admin-secret"));

    assertEquals("s3://lakefs-data/repo1/", admin.getRepository("repo1").execute().getStorageNamespace());
    assertEquals("s3://lakefs-data/repo2/", admin.getRepository("repo2").execute().getStorageNamespace());
    assertEquals(List.of("GET /api/v1/repositories/repo1", "GET /api/v1/repositories/repo2"),
        lakeFS.requests().stream().map(RecordedRequest::line).toList());
  }

  private static void assertRefused(ApiException refused, int status, String message) {
    assertEquals(status, refused.getCode());
    assertEquals(List.of("application/json"), refused.getResponseHeaders().get("content-type"));
    try {
      assertEquals(message, Error.fromJson(refused.getResponseBody()).getMessage());
    } catch (IOException e) {
      throw new AssertionError("the SDK could not read the error body " + refused.getResponseBody(), e);
    }
  }

  private static ApiClient anonymous() {
    ApiClient client = new ApiClient();
    client.setBasePath(lakeFS.endpoint().toString());
    return client;
  }

  private static ApiClient as(String accessKeyId, String secretAccessKey) {
    ApiClient client = anonymous();
    HttpBasicAuth basic = (HttpBasicAuth) client.getAuthentication("basic_auth");
    basic.setUsername(accessKeyId);
    basic.setPassword(secretAccessKey);
    return client;
  }
}
