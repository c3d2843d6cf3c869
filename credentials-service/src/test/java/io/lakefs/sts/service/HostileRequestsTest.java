package io.lakefs.sts.service;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakefs.sts.testsupport.lakefs.LakeFSStandIn;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * What an attacker on the network sends, over real HTTP on loopback with the lakeFS stand-in: methods the service
 * does not serve, bodies it must not read. Each refusal is a 4xx with a JSON message and leaks nothing.
 */
public class HostileRequestsTest {
  private static final String ALICE_KEY = "AKIAIOSFODNN7ALICE01";
  private static final String ALICE_SECRET = "alice-secret-for-loopback-tests-0001";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static LakeFSStandIn lakeFS;
  private static CredentialsService service;

  @BeforeClass
  public static void startService() throws Exception {
    lakeFS = LakeFSStandIn.builder()
        .user("alice", ALICE_KEY, ALICE_SECRET)
        .repository("repo1", "s3://lakefs-data/repo1/")
        .grant("alice", "repo1")
        .start();
    Configuration conf = new Configuration(false);
    conf.set(ServiceKeys.HTTP_ADDRESS, "127.0.0.1:0");
    conf.set(ServiceKeys.LAKEFS_ENDPOINT, lakeFS.endpoint().toString());
    service = CredentialsService.start(ServiceConfig.from(conf), Clock.systemUTC());
  }

  @AfterClass
  public static void stopService() throws Exception {
    for (AutoCloseable closeable : new AutoCloseable[] {service, lakeFS}) {
      if (closeable != null) {
        closeable.close();
      }
    }
  }

  private static String basic(String key, String secret) {
    return "Basic " + Base64.getEncoder().encodeToString((key + ":" + secret).getBytes(StandardCharsets.UTF_8));
  }

  private static String message(RawHttp.Answer answer) throws Exception {
    assertTrue(answer.headers().toString(), answer.header("Content-Type").stream()
        .anyMatch(type -> type.startsWith("application/json")));
    return JSON.readTree(answer.body()).path("message").asText();
  }

  @Test
  public void traceIsRefusedAndEchoesNothing() throws Exception {
    for (String path : List.of("/health", "/api/v1/credentials", "/api/v1/delegation-token")) {
      RawHttp.Answer answer = RawHttp.send(service.endpoint(), "TRACE", path,
          List.of("Authorization: " + basic(ALICE_KEY, ALICE_SECRET), "Cookie: hadoop.auth=\"cookie-value\""), "");

      assertEquals(path + ": " + answer, 405, answer.status());
      String message = message(answer);
      assertTrue(message, message.contains("TRACE is not allowed"));
      assertFalse(answer.body(), answer.body().contains(ALICE_KEY) || answer.body().contains("cookie-value")
          || answer.body().contains(basic(ALICE_KEY, ALICE_SECRET).substring(6)));
    }
  }

  @Test
  public void methodsTheServiceDoesNotServeAre405NotAServerError() throws Exception {
    for (String method : List.of("PATCH", "PROPFIND", "BREW", "MKCOL")) {
      for (String path : List.of("/health", "/api/v1/credentials", "/nowhere")) {
        RawHttp.Answer answer = RawHttp.send(service.endpoint(), method, path,
            List.of("Content-Type: application/json"), "{}");

        assertEquals(method + " " + path + ": " + answer, 405, answer.status());
        assertEquals(List.of("GET, HEAD, POST, PUT, DELETE, OPTIONS"), answer.header("Allow"));
        String message = message(answer);
        assertTrue(message, message.contains("method " + method + " is not allowed here"));
      }
    }
  }

  @Test
  public void formBodiesAre415NamingJsonAndAJsonBodyReachesTheEndpointWhole() throws Exception {
    String json = "{\"repositories\": [\"repo1\"]}";
    for (String type : List.of("application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
        "Application/X-WWW-Form-Urlencoded; charset=UTF-8")) {
      for (String authorization : List.of(basic(ALICE_KEY, ALICE_SECRET), "Basic bm9ib2R5Om5vdGhpbmc=")) {
        RawHttp.Answer answer = RawHttp.send(service.endpoint(), "POST", "/api/v1/credentials",
            List.of("Authorization: " + authorization, "Content-Type: " + type), json);

        assertEquals(type + ": " + answer, 415, answer.status());
        String message = message(answer);
        assertTrue(message, message.contains("send the body as application/json"));
      }
    }
    RawHttp.Answer token = RawHttp.send(service.endpoint(), "GET",
        "/api/v1/delegation-token?op=GETDELEGATIONTOKEN&renewer=yarn",
        List.of("Authorization: " + basic(ALICE_KEY, ALICE_SECRET), "Content-Type: application/x-www-form-urlencoded"),
        "repositories=repo1");
    assertEquals(token.toString(), 415, token.status());

    // The same body as JSON is read by the endpoint, not by the filter: the repositories it names reach the
    // issuer, which says STS is off in this test.
    RawHttp.Answer asJson = RawHttp.send(service.endpoint(), "POST", "/api/v1/credentials",
        List.of("Authorization: " + basic(ALICE_KEY, ALICE_SECRET), "Content-Type: application/json"), json);
    assertEquals(asJson.toString(), 501, asJson.status());
    assertTrue(asJson.body(), message(asJson).contains(ServiceKeys.ROLE_ARN));
  }
}
