package io.lakefs.sts.service;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakefs.sts.testsupport.RawHttp;
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
  private static final String ALICE_KEY = ServiceOnLoopback.ALICE_KEY;
  private static final String ALICE_SECRET = ServiceOnLoopback.ALICE_SECRET;
  private static final String AMPERSAND_KEY = "AKIAIOSFODNN7AMPERS1";
  private static final String AMPERSAND_SECRET = "ampersand-secret-for-loopback-tests-1";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static ServiceOnLoopback loopback;
  private static CredentialsService service;

  @BeforeClass
  public static void startService() throws Exception {
    loopback = ServiceOnLoopback.start(ServiceOnLoopback.aliceInRepo1().user("tom&jerry", AMPERSAND_KEY,
        AMPERSAND_SECRET), conf -> { });
    service = loopback.service;
  }

  @AfterClass
  public static void stopService() throws Exception {
    if (loopback != null) {
      loopback.close();
    }
  }

  private static String basic(String key, String secret) {
    return "Basic " + Base64.getEncoder().encodeToString((key + ":" + secret).getBytes(StandardCharsets.UTF_8));
  }

  private static String message(RawHttp.Answer answer) throws Exception {
    assertTrue(answer.headers().toString(), answer.values("Content-Type").stream()
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
  public void optionsDoesNotOfferTrace() throws Exception {
    RawHttp.Answer answer = RawHttp.send(service.endpoint(), "OPTIONS", "/health", List.of(), "");

    assertEquals(answer.toString(), 200, answer.status());
    assertEquals(answer.toString(), List.of("GET, HEAD, OPTIONS"), answer.values("Allow"));
  }

  @Test
  public void methodsTheServiceDoesNotServeAre405NotAServerError() throws Exception {
    for (String method : List.of("PATCH", "PROPFIND", "BREW", "MKCOL")) {
      for (String path : List.of("/health", "/api/v1/credentials", "/nowhere")) {
        RawHttp.Answer answer = RawHttp.send(service.endpoint(), method, path,
            List.of("Content-Type: application/json"), "{}");

        assertEquals(method + " " + path + ": " + answer, 405, answer.status());
        assertEquals(List.of("GET, HEAD, POST, PUT, DELETE, OPTIONS"), answer.values("Allow"));
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

  /** A token of alice's obtained with her key, without a renewer: Hadoop makes the owner its renewer. */
  private static String aliceTokenRenewableByHerself() throws Exception {
    RawHttp.Answer got = RawHttp.send(service.endpoint(), "GET",
        "/api/v1/delegation-token?op=GETDELEGATIONTOKEN&repositories=repo1",
        List.of("Authorization: " + basic(ALICE_KEY, ALICE_SECRET)), "");
    assertEquals(got.toString(), 200, got.status());
    return JSON.readTree(got.body()).path("Token").path("urlString").asText();
  }

  private static String remoteExceptionMessage(RawHttp.Answer answer) throws Exception {
    return JSON.readTree(answer.body()).path("RemoteException").path("message").asText();
  }

  @Test
  public void aDelegationTokenNeitherRenewsNorCancelsItselfNorObtainsAnother() throws Exception {
    String token = aliceTokenRenewableByHerself();
    List<List<String>> presentations = List.of(
        List.of("", "X-Hadoop-Delegation-Token: " + token),
        List.of("&delegation=" + token));
    for (List<String> presented : presentations) {
      String query = presented.get(0);
      List<String> headers = presented.subList(1, presented.size());
      for (String operation : List.of("PUT op=RENEWDELEGATIONTOKEN&token=" + token,
          "PUT op=CANCELDELEGATIONTOKEN&token=" + token, "GET op=GETDELEGATIONTOKEN&repositories=repo1")) {
        String[] methodAndQuery = operation.split(" ");
        RawHttp.Answer answer = RawHttp.send(service.endpoint(), methodAndQuery[0],
            "/api/v1/delegation-token?" + methodAndQuery[1] + query, headers, "");

        assertEquals(operation + query + ": " + answer, 403, answer.status());
        String message = remoteExceptionMessage(answer);
        assertTrue(message, message.contains("needs your lakeFS key (HTTP Basic) or a Kerberos ticket: a delegation"
            + " token does not authenticate operations on delegation tokens, itself included"));
        assertFalse(message, message.contains(token));
      }
    }
    // Nothing happened to the token: its owner, who is its renewer, still renews it with her key.
    RawHttp.Answer renewed = RawHttp.send(service.endpoint(), "PUT",
        "/api/v1/delegation-token?op=RENEWDELEGATIONTOKEN&token=" + token,
        List.of("Authorization: " + basic(ALICE_KEY, ALICE_SECRET)), "");
    assertEquals(renewed.toString(), 200, renewed.status());
  }

  @Test
  public void renewingBytesWhoseLengthsLieIsA400NotAServerError() throws Exception {
    // "vA" decodes to one byte, a negative length; the others claim more bytes than follow, or hold no token.
    for (String forged : List.of("vA", "_w", "iQ", "AAAA", "8P___w", "%ZZ")) {
      RawHttp.Answer answer = RawHttp.send(service.endpoint(), "PUT",
          "/api/v1/delegation-token?op=RENEWDELEGATIONTOKEN&token=" + forged,
          List.of("Authorization: " + basic(ALICE_KEY, ALICE_SECRET)), "");

      assertTrue(forged + ": " + answer, answer.status() >= 400 && answer.status() < 500);
      assertFalse(forged + ": " + answer, answer.body().contains("Exception:") || answer.body().contains("\tat "));
    }
    RawHttp.Answer negativeLength = RawHttp.send(service.endpoint(), "PUT",
        "/api/v1/delegation-token?op=RENEWDELEGATIONTOKEN&token=vA",
        List.of("Authorization: " + basic(ALICE_KEY, ALICE_SECRET)), "");
    assertEquals(negativeLength.toString(), 400, negativeLength.status());
    assertTrue(negativeLength.body(), remoteExceptionMessage(negativeLength)
        .contains("send the urlString GETDELEGATIONTOKEN answered, unchanged"));
  }

  @Test
  public void aLakeFSUserIdHadoopAuthCannotCarryIsA403NamingWhy() throws Exception {
    for (String target : List.of("/api/v1/credentials", "/api/v1/delegation-token?op=GETDELEGATIONTOKEN&repositories=repo1")) {
      RawHttp.Answer answer = RawHttp.send(service.endpoint(), target.contains("?") ? "GET" : "POST", target,
          List.of("Authorization: " + basic(AMPERSAND_KEY, AMPERSAND_SECRET), "Content-Type: application/json"),
          target.contains("?") ? "" : "{\"repositories\": [\"repo1\"]}");

      assertEquals(target + ": " + answer, 403, answer.status());
      String message = message(answer);
      assertTrue(message, message.contains("lakeFS user id 'tom&jerry' contains '&', which this service cannot carry"));
      assertFalse(answer.body(), answer.body().contains("Exception") || answer.body().contains(AMPERSAND_SECRET));
    }
  }

  @Test
  public void aDelegationTokenBesideAnAuthorizationHeaderIsRefusedAsTwoIdentities() throws Exception {
    String token = aliceTokenRenewableByHerself();

    RawHttp.Answer answer = RawHttp.send(service.endpoint(), "POST", "/api/v1/credentials",
        List.of("X-Hadoop-Delegation-Token: " + token, "Authorization: " + basic(ALICE_KEY, ALICE_SECRET),
            "Content-Type: application/json"), "{}");

    assertEquals(answer.toString(), 400, answer.status());
    assertTrue(answer.body(), remoteExceptionMessage(answer).contains(
        "presents both a delegation token and an Authorization header; send one of them"));
  }

  @Test
  public void aLakeFSKeyOrADelegationTokenGetsNoCookie() throws Exception {
    RawHttp.Answer token = RawHttp.send(service.endpoint(), "GET",
        "/api/v1/delegation-token?op=GETDELEGATIONTOKEN&repositories=repo1",
        List.of("Authorization: " + basic(ALICE_KEY, ALICE_SECRET)), "");
    RawHttp.Answer credentials = RawHttp.send(service.endpoint(), "POST", "/api/v1/credentials",
        List.of("Authorization: " + basic(ALICE_KEY, ALICE_SECRET), "Content-Type: application/json"),
        "{\"repositories\": [\"repo1\"]}");
    // Sent with every request, a key or token needs none; none is signed either (hadoop-auth signs a cookie only
    // for a caller it would send one).
    RawHttp.Answer withToken = RawHttp.send(service.endpoint(), "POST", "/api/v1/credentials",
        List.of("X-Hadoop-Delegation-Token: " + aliceTokenRenewableByHerself(), "Content-Type: application/json"),
        "{}");

    for (RawHttp.Answer answer : List.of(token, credentials, withToken)) {
      assertTrue(answer.toString(), answer.status() == 200 || answer.status() == 501);
      assertEquals(answer.toString(), List.of(), answer.values("Set-Cookie"));
    }
  }

  @Test
  public void oneUserCannotHoldOrObtainTokensWithoutBound() throws Exception {
    Configuration conf = new Configuration(false);
    conf.set(ServiceKeys.HTTP_ADDRESS, "127.0.0.1:0");
    conf.set(ServiceKeys.LAKEFS_ENDPOINT, loopback.lakeFS.endpoint().toString());
    conf.set(ServiceKeys.TOKEN_MAX_LIVE_PER_USER, "3");
    conf.set(ServiceKeys.TOKEN_ISSUE_RATE_PER_MINUTE, "5");
    try (CredentialsService limited = CredentialsService.start(ServiceConfig.from(conf), Clock.systemUTC())) {
      List<String> tokens = new java.util.ArrayList<>();
      for (int i = 0; i < 3; i++) {
        tokens.add(JSON.readTree(getToken(limited, 200).body()).path("Token").path("urlString").asText());
      }

      RawHttp.Answer overCap = getToken(limited, 429);
      assertTrue(overCap.body(), remoteExceptionMessage(overCap).contains("alice holds 3 live delegation tokens"));
      long capRetry = Long.parseLong(overCap.values("Retry-After").get(0));
      assertTrue(overCap.toString(), capRetry > 0 && capRetry <= ServiceKeys.DEFAULT_TOKEN_RENEW_INTERVAL_SECONDS + 1);

      // Cancelling one makes room; the fifth issuance within the minute is the last the rate allows.
      cancel(limited, tokens.remove(0));
      getToken(limited, 200);
      cancel(limited, tokens.remove(0));
      getToken(limited, 200);
      cancel(limited, tokens.remove(0));

      RawHttp.Answer overRate = getToken(limited, 429);
      assertTrue(overRate.body(), remoteExceptionMessage(overRate).contains(
          "alice obtained 5 delegation tokens within the last minute"));
      long rateRetry = Long.parseLong(overRate.values("Retry-After").get(0));
      assertTrue(overRate.toString(), rateRetry > 0 && rateRetry <= 13);
    }
  }

  private static RawHttp.Answer getToken(CredentialsService instance, int status) throws Exception {
    RawHttp.Answer answer = RawHttp.send(instance.endpoint(), "GET",
        "/api/v1/delegation-token?op=GETDELEGATIONTOKEN&renewer=yarn&repositories=repo1",
        List.of("Authorization: " + basic(ALICE_KEY, ALICE_SECRET)), "");
    assertEquals(answer.toString(), status, answer.status());
    return answer;
  }

  private static void cancel(CredentialsService instance, String token) throws Exception {
    RawHttp.Answer answer = RawHttp.send(instance.endpoint(), "PUT",
        "/api/v1/delegation-token?op=CANCELDELEGATIONTOKEN&token=" + token,
        List.of("Authorization: " + basic(ALICE_KEY, ALICE_SECRET)), "");
    assertEquals(answer.toString(), 200, answer.status());
  }
}
