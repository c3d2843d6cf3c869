package io.lakefs.sts.service;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameters;

/**
 * Every refusal carries its reason as JSON, whatever the HTTP method: Jetty 9.4 gives error bodies to GET and POST
 * only unless told otherwise, and renew and cancel are PUTs. Over real HTTP on loopback with the lakeFS stand-in.
 */
@RunWith(Parameterized.class)
public class RefusalBodiesTest {
  private static final String ALICE_KEY = ServiceOnLoopback.ALICE_KEY;
  private static final String ALICE_SECRET = ServiceOnLoopback.ALICE_SECRET;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient http = HttpClient.newHttpClient();

  private static ServiceOnLoopback loopback;
  private static CredentialsService service;

  @Parameters(name = "{0}")
  public static List<String> methods() {
    return List.of("GET", "POST", "PUT", "DELETE");
  }

  private final String method;

  public RefusalBodiesTest(String method) {
    this.method = method;
  }

  @BeforeClass
  public static void startService() throws Exception {
    loopback = ServiceOnLoopback.start(ServiceOnLoopback.aliceInRepo1(), conf -> { });
    service = loopback.service;
  }

  @AfterClass
  public static void stopService() throws Exception {
    if (loopback != null) {
      loopback.close();
    }
  }

  private HttpResponse<String> send(String pathAndQuery, String authorization) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(service.endpoint().resolve(pathAndQuery))
        .method(method, HttpRequest.BodyPublishers.noBody());
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String basic(String key, String secret) {
    return "Basic " + Base64.getEncoder().encodeToString((key + ":" + secret).getBytes(StandardCharsets.UTF_8));
  }

  /** The refusal's JSON body, after checking its status and content type. */
  private static JsonNode refusal(HttpResponse<String> response, int status) throws Exception {
    assertEquals(response.body(), status, response.statusCode());
    assertTrue(response.headers().map().toString(),
        response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    assertFalse("no body", response.body().isBlank());
    return JSON.readTree(response.body());
  }

  @Test
  public void anUnauthenticatedCallerIsToldHowToAuthenticate() throws Exception {
    // Renewal is a PUT (another method is refused first, see below); a cancellation needs no credentials.
    List<String> paths = method.equals("PUT")
        ? List.of("/api/v1/credentials", "/api/v1/delegation-token?op=RENEWDELEGATIONTOKEN&token=x")
        : List.of("/api/v1/credentials");
    for (String path : paths) {
      HttpResponse<String> response = send(path, null);

      String message = refusal(response, 401).path("message").asText();
      assertTrue(path + ": " + message, message.contains("send your lakeFS access key id and secret as HTTP Basic"));
    }
  }

  @Test
  public void aWrongLakeFSKeyIsRefusedNamingIt() throws Exception {
    HttpResponse<String> response = send("/api/v1/credentials", basic("AKIAIOSFODNN7NOBODY1", "not-a-secret-0000"));

    String message = refusal(response, 401).path("message").asText();
    assertTrue(message, message.contains("rejected access key id AKIAIOSFODNN7NOBODY1"));
  }

  @Test
  public void aMisusedDelegationTokenOperationIsRefusedAsRemoteException() throws Exception {
    HttpResponse<String> response = send("/api/v1/delegation-token?op=RENEWDELEGATIONTOKEN",
        basic(ALICE_KEY, ALICE_SECRET));

    JsonNode remote = refusal(response, 400).path("RemoteException");
    String message = remote.path("message").asText();
    assertEquals("java.lang.IllegalArgumentException", remote.path("javaClassName").asText());
    assertTrue(message, method.equals("PUT") ? message.contains("requires the parameter [token]")
        : message.contains("Wrong HTTP method [" + method + "] for operation [RENEWDELEGATIONTOKEN]"));
  }

  @Test
  public void aPathOrMethodTheServiceDoesNotServeSaysSo() throws Exception {
    String path = method.equals("GET") ? "/nowhere" : "/health";

    HttpResponse<String> response = send(path, null);

    String message = refusal(response, method.equals("GET") ? 404 : 405).path("message").asText();
    assertFalse(response.body(), message.isBlank());
  }
}
