package io.lakefs.sts.testsupport.lakefs;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * The stand-in's answers byte for byte, as lakeFS's Go server writes them (encoding/json field order and
 * escaping, trailing newline, Content-Type and nosniff headers), for clients less forgiving than the SDK.
 */
public class LakeFSStandInWireTest {
  private static LakeFSStandIn lakeFS;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeClass
  public static void startStandIn() throws IOException {
    lakeFS = LakeFSStandIn.builder()
        .user(StandInUser.of("carol", "AKIAIOSFODNN7CAROL", "carol-secret")
            .withFriendlyName("Carol <R&D>").withEmail("carol@example.com")
            .withCreationDate(Instant.ofEpochSecond(1767225600)))
        .repository(StandInRepository.of("repo1", "s3://lakefs-data/repo1/")
            .withCreationDate(Instant.ofEpochSecond(1767312000)))
        .grant("carol", "repo1")
        .start();
  }

  @AfterClass
  public static void stopStandIn() {
    lakeFS.close();
  }

  @Test
  public void currentUserBodyIsLakeFSsEncoding() throws Exception {
    HttpResponse<String> response = get("/user", Optional.of(basic("AKIAIOSFODNN7CAROL", "carol-secret")));

    assertEquals(200, response.statusCode());
    assertEquals("{\"user\":{\"creation_date\":1767225600,\"email\":\"carol@example.com\","
        + "\"friendly_name\":\"Carol \\u003cR\\u0026D\\u003e\",\"id\":\"carol\"}}\n", response.body());
    assertJsonHeaders(response);
  }

  @Test
  public void anonymousCurrentUserBodyIsAnEmptyUser() throws Exception {
    HttpResponse<String> response = get("/user", Optional.empty());

    assertEquals(200, response.statusCode());
    assertEquals("{\"user\":{\"creation_date\":0,\"id\":\"\"}}\n", response.body());
  }

  @Test
  public void repositoryBodyIsLakeFSsEncoding() throws Exception {
    HttpResponse<String> response = get("/repositories/repo1",
        Optional.of(basic("AKIAIOSFODNN7CAROL", "carol-secret")));

    assertEquals(200, response.statusCode());
    assertEquals("{\"creation_date\":1767312000,\"default_branch\":\"main\",\"id\":\"repo1\",\"read_only\":false,"
        + "\"storage_id\":\"\",\"storage_namespace\":\"s3://lakefs-data/repo1/\"}\n", response.body());
    assertJsonHeaders(response);
  }

  @Test
  public void errorBodyIsAMessageWithJsonHeaders() throws Exception {
    HttpResponse<String> response = get("/repositories/repo1", Optional.empty());

    assertEquals(401, response.statusCode());
    assertEquals("{\"message\":\"error authenticating request\"}\n", response.body());
    assertJsonHeaders(response);
  }

  /** Go's Request.BasicAuth() reads the scheme case-insensitively; lakeFS accepts "basic" too. */
  @Test
  public void basicSchemeIsCaseInsensitive() throws Exception {
    HttpResponse<String> response = get("/user",
        Optional.of(basic("AKIAIOSFODNN7CAROL", "carol-secret").replace("Basic", "bASIC")));

    assertEquals(200, response.statusCode());
  }

  @Test
  public void healthCheckIs204WithNoBodyAndNoContentTypeEvenWithWrongCredentials() throws Exception {
    HttpResponse<String> response = get("/healthcheck", Optional.of(basic("AKIAIOSFODNN7CAROL", "wrong")));

    assertEquals(204, response.statusCode());
    assertEquals("", response.body());
    assertEquals(Optional.empty(), response.headers().firstValue("Content-Type"));
  }

  @Test
  public void requestsAreRecordedWithoutTheirQuery() throws Exception {
    lakeFS.clearRequests();

    get("/healthcheck?probe=1", Optional.empty());

    assertEquals(List.of("GET /api/v1/healthcheck"),
        lakeFS.requests().stream().map(RecordedRequest::line).toList());
  }

  @Test
  public void linkAndStatBodiesAreLakeFSsObjectStats() throws Exception {
    String address = get("/repositories/repo1/branches/main/staging/backing?path=a%20b/c.txt",
        Optional.of(basic("AKIAIOSFODNN7CAROL", "carol-secret"))).body();
    String physical = address.substring("{\"physical_address\":\"".length(), address.length() - "\"}\n".length());

    HttpResponse<String> linked = send("PUT", "/repositories/repo1/branches/main/staging/backing?path=a%20b/c.txt",
        "{\"staging\":{\"physical_address\":\"" + physical + "\"},\"checksum\":\" \\\"e1\\\" \",\"size_bytes\":9,"
            + "\"mtime\":1767312001,\"user_metadata\":{\"z\":\"1\",\"a\":\"<2>\"}}");
    HttpResponse<String> stat = get("/repositories/repo1/refs/main/objects/stat?path=a+b/c.txt",
        Optional.of(basic("AKIAIOSFODNN7CAROL", "carol-secret")));

    String expected = "{\"checksum\":\"e1\",\"content_type\":\"application/octet-stream\",\"metadata\":"
        + "{\"a\":\"\\u003c2\\u003e\",\"z\":\"1\"},\"mtime\":1767312001,\"path\":\"a b/c.txt\",\"path_type\":\"object\","
        + "\"physical_address\":\"" + physical + "\",\"size_bytes\":9}\n";
    assertEquals(200, linked.statusCode());
    assertEquals(expected, linked.body());
    assertEquals(expected, stat.body());
    assertJsonHeaders(stat);
  }

  @Test
  public void loginBodyIsATokenAndItsExpiryInEpochSeconds() throws Exception {
    HttpResponse<String> response = send("POST", "/auth/login",
        "{\"access_key_id\":\"AKIAIOSFODNN7CAROL\",\"secret_access_key\":\"carol-secret\"}");

    assertEquals(200, response.statusCode());
    assertTrue(response.body(), response.body().matches(
        "\\{\"token\":\"[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\",\"token_expiration\":[0-9]+}\n"));
  }

  @Test
  public void aMissingPathParameterIsLakeFSsValidationError() throws Exception {
    HttpResponse<String> response = get("/repositories/repo1/branches/main/staging/backing",
        Optional.of(basic("AKIAIOSFODNN7CAROL", "carol-secret")));

    assertEquals(400, response.statusCode());
    assertEquals("{\"message\":\"parameter \\\"path\\\" in query has an error: value is required but missing\"}\n",
        response.body());
  }

  private HttpResponse<String> send(String method, String path, String body) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(lakeFS.endpoint() + path))
        .header("Authorization", basic("AKIAIOSFODNN7CAROL", "carol-secret"))
        .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path, Optional<String> authorization)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(lakeFS.endpoint() + path)).GET();
    authorization.ifPresent(value -> request.header("Authorization", value));
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void assertJsonHeaders(HttpResponse<String> response) {
    assertEquals(List.of("application/json"), response.headers().allValues("Content-Type"));
    assertEquals(List.of("nosniff"), response.headers().allValues("X-Content-Type-Options"));
  }

  private static String basic(String accessKeyId, String secretAccessKey) {
    return "Basic " + Base64.getEncoder().encodeToString(
        (accessKeyId + ":" + secretAccessKey).getBytes(StandardCharsets.UTF_8));
  }
}
