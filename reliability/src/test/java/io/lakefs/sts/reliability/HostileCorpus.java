package io.lakefs.sts.reliability;

import static io.lakefs.sts.reliability.CorpusTarget.CREDENTIALS_PATH;
import static io.lakefs.sts.reliability.CorpusTarget.TOKEN_PATH;
import static io.lakefs.sts.reliability.CorpusTarget.basic;
import static io.lakefs.sts.reliability.CorpusTarget.tokenHeader;
import static io.lakefs.sts.reliability.CorpusTarget.tokenQuery;
import static io.lakefs.sts.testsupport.RawHttp.request;

import io.lakefs.sts.testsupport.RawHttp;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Predicate;

/**
 * The hostile-input corpus (R4): the one place a newly found hostile case is added. Each entry says what it
 * sends and what a correct service answers; every entry also requires that no answer is a 5xx.
 */
final class HostileCorpus {
  private static final String JSON = "Content-Type: application/json";
  private static final String FORM = "Content-Type: application/x-www-form-urlencoded";

  private HostileCorpus() {
  }

  static List<HostileCase> cases() {
    List<HostileCase> cases = new ArrayList<>();
    malformed(cases);
    oversized(cases);
    forged(cases);
    crossUser(cases);
    methodsAndContentTypes(cases);
    slow(cases);
    flood(cases);
    return cases;
  }

  private static void malformed(List<HostileCase> cases) {
    cases.add(raw("malformed", "request line that is not HTTP", t -> "GARBAGE", client()));
    cases.add(raw("malformed", "HTTP/1.1 without Host", t -> "GET /health HTTP/1.1\r\nConnection: close", client()));
    cases.add(raw("malformed", "header line without a colon",
        t -> request("GET", "/health", "this is not a header"), client()));
    cases.add(raw("malformed", "negative Content-Length",
        t -> request("POST", CREDENTIALS_PATH, basic(Users.ALICE), JSON, "Content-Length: -1"), client()));
    cases.add(raw("malformed", "two different Content-Lengths",
        t -> request("POST", CREDENTIALS_PATH, basic(Users.ALICE), JSON, "Content-Length: 2",
            "Content-Length: 40"), client()));
    cases.add(raw("malformed", "Content-Length and chunked together (smuggling)",
        t -> request("POST", CREDENTIALS_PATH, basic(Users.ALICE), JSON, "Content-Length: 4",
            "Transfer-Encoding: chunked"), client()));
    cases.add(raw("malformed", "bad percent-encoding in the query",
        t -> request("GET", TOKEN_PATH + "?op=%ZZ&repositories=%", basic(Users.ALICE)), client()));
    cases.add(raw("malformed", "unknown delegation-token op",
        t -> request("GET", TOKEN_PATH + "?op=GETDELEGATIONTOKENS", basic(Users.ALICE)), client()));
    cases.add(raw("malformed", "Basic credentials that are not base64",
        t -> request("GET", tokenQuery("GETDELEGATIONTOKEN", "sales"), "Authorization: Basic %%%not-base64%%%"),
        client()));
    cases.add(raw("malformed", "Basic credentials without a colon",
        t -> request("GET", tokenQuery("GETDELEGATIONTOKEN", "sales"), "Authorization: Basic "
            + Base64.getEncoder().encodeToString("justakeyid".getBytes(StandardCharsets.UTF_8))),
        client()));
    // Found by R5: Hadoop's Token.decodeFromUrlString throws NegativeArraySizeException on a negative length.
    for (String op : List.of("RENEWDELEGATIONTOKEN", "CANCELDELEGATIONTOKEN")) {
      cases.add(raw("malformed", op + " of a token whose identifier length is negative ('vA')",
          t -> request("PUT", TOKEN_PATH + "?op=" + op + "&token=vA", basic(Users.YARN), "Content-Length: 0"),
          client()));
    }
    cases.add(raw("malformed", "empty delegation token header",
        t -> request("POST", CREDENTIALS_PATH, tokenHeader(""), JSON, "Content-Length: 0"), client()));
    for (String body : List.of("{", "[]", "null", "\"sales\"", "{\"repositories\":\"sales\"}",
        "{\"repositories\":[\"sales\"],\"access\":\"admin\"}", "{\"repositories\":[1,2,3]}",
        "{\"repositories\":[\"../payroll\"]}", "{\"repositories\":[\"sales\"],\"access\":\"write\",\"x\":"
            + "[".repeat(5_000) + "]".repeat(5_000) + "}")) {
      cases.add(body("malformed", "credentials body " + abbreviate(body), JSON, body.getBytes(StandardCharsets.UTF_8),
          client()));
    }
    cases.add(body("malformed", "credentials body of invalid UTF-8", JSON,
        new byte[] {'{', '"', 'r', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '"', ':', '1', '}'}, client()));
  }

  private static void oversized(List<HostileCase> cases) {
    cases.add(body("oversized", "10 MiB credentials body", JSON,
        ("{\"repositories\":[\"" + "a".repeat(10 << 20) + "\"]}").getBytes(StandardCharsets.UTF_8), client()));
    cases.add(body("oversized", "20,000 repositories", JSON, ("{\"repositories\":[" + "\"sales\",".repeat(20_000)
        + "\"sales\"]}").getBytes(StandardCharsets.UTF_8), client()));
    cases.add(raw("oversized", "64 KiB header", t -> request("GET", "/health", "X-Padding: " + "a".repeat(64 << 10)),
        client()));
    cases.add(raw("oversized", "100 KiB URL", t -> request("GET", TOKEN_PATH + "?op=GETDELEGATIONTOKEN&repositories="
        + "a".repeat(100 << 10), basic(Users.ALICE)), client()));
    cases.add(raw("oversized", "1 MiB delegation token",
        t -> request("POST", CREDENTIALS_PATH, tokenHeader("A".repeat(1 << 20)), JSON, "Content-Length: 0"),
        client()));
    cases.add(raw("oversized", "1,000 headers",
        t -> request("GET", "/health", "X-Many: 1\r\n".repeat(999) + "X-Many: 1"), anyButServerError()));
  }

  private static void forged(List<HostileCase> cases) {
    cases.add(raw("forged", "random delegation token",
        t -> credentialsWithToken("KAAFYWxpY2UEeWFybgCKAZVfake0123456789abcdef"), client()));
    cases.add(raw("forged", "alice's token with one character changed (scope edited)",
        t -> credentialsWithToken(edit(t.aliceToken(), t.aliceToken().length() / 3)), client()));
    cases.add(raw("forged", "alice's token with its password changed",
        t -> credentialsWithToken(edit(t.aliceToken(), t.aliceToken().length() - 5)), client()));
    cases.add(raw("forged", "alice's token cut in half",
        t -> credentialsWithToken(t.aliceToken().substring(0, t.aliceToken().length() / 2)), client()));
    cases.add(raw("forged", "a cancelled token used again", t -> {
      String token = t.obtainToken(Users.ALICE, "&renewer=" + Users.YARN.id());
      t.send(request("PUT", TOKEN_PATH + "?op=CANCELDELEGATIONTOKEN&token=" + token, basic(Users.ALICE),
          "Content-Length: 0"));
      return credentialsWithToken(token);
    }, client()));
    cases.add(raw("forged", "hadoop.auth cookie with a forged signature",
        t -> request("GET", tokenQuery("GETDELEGATIONTOKEN", "sales"),
            "Cookie: hadoop.auth=\"u=alice&p=alice&t=lakefs&e=4102444800000&s=Zm9yZ2VkLXNpZ25hdHVyZQ==\""), client()));
    // Hole 1: a token must not authenticate its own renewal (Hadoop refuses token auth for token operations).
    cases.add(raw("forged", "token renews itself (header)",
        t -> request("PUT", TOKEN_PATH + "?op=RENEWDELEGATIONTOKEN&token=" + t.aliceTokenWithoutRenewer(),
            tokenHeader(t.aliceTokenWithoutRenewer()), "Content-Length: 0"), client()));
    cases.add(raw("forged", "token renews itself (delegation parameter)",
        t -> request("PUT", TOKEN_PATH + "?op=RENEWDELEGATIONTOKEN&token=" + t.aliceTokenWithoutRenewer()
            + "&delegation=" + t.aliceTokenWithoutRenewer(), "Content-Length: 0"), client()));
    cases.add(raw("forged", "token obtains another token",
        t -> request("GET", tokenQuery("GETDELEGATIONTOKEN", "sales"), tokenHeader(t.aliceToken())), client()));
  }

  private static void crossUser(List<HostileCase> cases) {
    cases.add(body("cross-user", "alice's key asks for bob's repository", JSON,
        "{\"repositories\":[\"payroll\"],\"access\":\"read\"}".getBytes(StandardCharsets.UTF_8), status(403)));
    byte[] payroll = "{\"repositories\":[\"payroll\"],\"access\":\"read\"}".getBytes(StandardCharsets.UTF_8);
    cases.add(new HostileCase("cross-user", "alice's token asks for bob's repository", t -> status(403).judge(t,
        request("POST", CREDENTIALS_PATH, tokenHeader(t.aliceToken()), JSON, "Content-Length: " + payroll.length),
        payroll), "403"));
    cases.add(raw("cross-user", "bob renews alice's token (not its renewer)",
        t -> request("PUT", TOKEN_PATH + "?op=RENEWDELEGATIONTOKEN&token=" + t.aliceToken(), basic(Users.BOB),
            "Content-Length: 0"), client()));
    cases.add(raw("cross-user", "bob cancels alice's token (neither owner nor renewer)",
        t -> request("PUT", TOKEN_PATH + "?op=CANCELDELEGATIONTOKEN&token=" + t.aliceToken(), basic(Users.BOB),
            "Content-Length: 0"), client()));
    // Hole 2: one identity per request; the cookie never overrides a presented key.
    cases.add(withBobsCookie("bob's login cookie with alice's key asks for a token", (t, cookie) -> client().judge(t,
        request("GET", tokenQuery("GETDELEGATIONTOKEN", "sales"), "Cookie: " + cookie, basic(Users.ALICE)),
        new byte[0])));
    byte[] sales = "{\"repositories\":[\"sales\"],\"access\":\"read\"}".getBytes(StandardCharsets.UTF_8);
    cases.add(withBobsCookie("bob's login cookie with alice's key asks for credentials", (t, cookie) -> client()
        .judge(t, request("POST", CREDENTIALS_PATH, "Cookie: " + cookie, basic(Users.ALICE), JSON,
            "Content-Length: " + sales.length), sales)));
    cases.add(raw("cross-user", "alice's token with bob's key",
        t -> request("POST", CREDENTIALS_PATH, tokenHeader(t.aliceToken()), basic(Users.BOB), JSON,
            "Content-Length: 0"), client()));
    // Hole 6: a lakeFS user id hadoop-auth cannot carry gets a 4xx naming why, not a 500 with a stack trace.
    cases.add(raw("cross-user", "lakeFS user id containing '&'",
        t -> request("GET", tokenQuery("GETDELEGATIONTOKEN", "sales"), basic(Users.AMPERSAND)), client()));
    // Hole 4: the login cookie is SameSite=Strict (or not sent at all).
    cases.add(new HostileCase("cross-user", "login cookie is SameSite=Strict or absent", t -> {
      RawHttp.Answer response = t.credentials(Users.ALICE);
      return new HostileCase.Outcome(response.status(), response.status() == 200 && response.header("set-cookie")
          .map(cookie -> cookie.contains("SameSite=Strict")).orElse(true), "Set-Cookie: "
          + response.header("set-cookie").map(cookie -> cookie.replaceAll("=\"?u=[^;]*", "=<value>")).orElse("none"));
    }, "200 whose Set-Cookie, if any, says SameSite=Strict"));
  }

  private static void methodsAndContentTypes(List<HostileCase> cases) {
    // Hole 7: TRACE would echo Authorization and Cookie back.
    for (String path : List.of("/health", CREDENTIALS_PATH, TOKEN_PATH)) {
      cases.add(raw("method", "TRACE " + path, t -> request("TRACE", path, basic(Users.ALICE)),
          expect("405 not echoing the request", response -> response.status() == 405
              && !response.body().contains(Users.ALICE.accessKeyId()))));
    }
    // Hole 9: unknown methods are a client's error.
    for (String method : List.of("PATCH", "PROPFIND", "FOO")) {
      cases.add(raw("method", method + " " + CREDENTIALS_PATH, t -> request(method, CREDENTIALS_PATH,
          basic(Users.ALICE), "Content-Length: 0"), status(405)));
    }
    // Hole 8: a JSON body sent as a form is refused naming application/json, never consumed as a form.
    cases.add(body("content-type", "JSON body sent as a form", FORM,
        "{\"repositories\":[\"sales\"],\"access\":\"read\"}".getBytes(StandardCharsets.UTF_8),
        expect("415 naming application/json", response -> response.status() == 415
            && response.body().contains("application/json"))));
    cases.add(body("content-type", "JSON body sent as multipart/form-data",
        "Content-Type: multipart/form-data; boundary=x",
        "{\"repositories\":[\"sales\"],\"access\":\"read\"}".getBytes(StandardCharsets.UTF_8),
        expect("415 naming application/json", response -> response.status() == 415
            && response.body().contains("application/json"))));
  }

  /**
   * Hole 3: ~210 connections posting form bodies one byte at a time held every Jetty thread before
   * authentication. With them open, {@code /health} must still answer promptly.
   */
  private static void slow(List<HostileCase> cases) {
    cases.add(new HostileCase("slow", "250 unauthenticated form posts sent a byte at a time", t -> {
      List<Socket> sockets = new ArrayList<>();
      try {
        for (int i = 0; i < 250; i++) {
          Socket socket = new Socket(t.endpoint().getHost(), t.endpoint().getPort());
          socket.getOutputStream().write((request("POST", TOKEN_PATH, FORM, "Content-Length: 100000")
              + "\r\n\r\nop=").getBytes(StandardCharsets.US_ASCII));
          sockets.add(socket);
        }
        for (int second = 0; second < 3; second++) {
          for (Socket socket : sockets) {
            try {
              socket.getOutputStream().write('a');
            } catch (java.io.IOException closedByServer) {
              // The service may drop a slow client: that is the point.
            }
          }
          Thread.sleep(1_000);
        }
        try {
          RawHttp.Answer health = RawHttp.send(t.endpoint(), request("GET", "/health"), new byte[0],
              Duration.ofSeconds(5));
          return HostileCase.Outcome.of(health, response -> response.status() == 200);
        } catch (RawHttp.NoAnswer e) {
          return new HostileCase.Outcome(-1, false, "/health: " + e.getMessage());
        }
      } finally {
        for (Socket socket : sockets) {
          socket.close();
        }
      }
    }, "/health answers 200 within 5 s while they are open"));
  }

  /** Hole 5: one key obtaining tokens as fast as it can meets a clear 429 with Retry-After. */
  private static void flood(List<HostileCase> cases) {
    cases.add(new HostileCase("flood", "one user obtains 1,500 tokens as fast as it can", t -> {
      for (int i = 0; i < 1_500; i++) {
        RawHttp.Answer response = t.send(request("GET", tokenQuery("GETDELEGATIONTOKEN",
            Users.FLOODER.repository()), basic(Users.FLOODER)));
        if (response.status() != 200) {
          return HostileCase.Outcome.of(response, r -> r.status() == 429 && r.header("retry-after").isPresent());
        }
      }
      return new HostileCase.Outcome(200, false, "1,500 tokens issued, none refused");
    }, "429 with Retry-After before the 1,500th token"));
  }

  private static HostileCase raw(String kind, String name, HeadOf head, Expect expect) {
    return new HostileCase(kind, name, t -> expect.judge(t, head.of(t), new byte[0]), expect.description());
  }

  /** alice's key POSTs {@code body} to the credentials endpoint with {@code contentType}. */
  private static HostileCase body(String kind, String name, String contentType, byte[] body, Expect expect) {
    return new HostileCase(kind, name, t -> expect.judge(t, request("POST", CREDENTIALS_PATH, basic(Users.ALICE),
        contentType, "Content-Length: " + body.length), body), expect.description());
  }

  /** A case that needs bob's login cookie; a service that gives key callers no cookie leaves nothing to misuse. */
  private static HostileCase withBobsCookie(String name, CookieProbe probe) {
    return new HostileCase("cross-user", name, t -> t.bobCookie().isPresent() ? probe.run(t, t.bobCookie().get())
        : new HostileCase.Outcome(0, true, "no login cookie is issued to a key: none to misuse"), "4xx");
  }

  @FunctionalInterface
  private interface CookieProbe {
    HostileCase.Outcome run(CorpusTarget target, String cookie) throws Exception;
  }

  /** The head of a request, which may need the target's genuine material. */
  @FunctionalInterface
  private interface HeadOf {
    String of(CorpusTarget target) throws Exception;
  }

  private static String credentialsWithToken(String token) {
    return request("POST", CREDENTIALS_PATH, tokenHeader(token), JSON, "Content-Length: 0");
  }

  /** The token with the character at {@code index} replaced by another of the URL-safe base64 alphabet. */
  private static String edit(String token, int index) {
    char replacement = token.charAt(index) == 'A' ? 'B' : 'A';
    return token.substring(0, index) + replacement + token.substring(index + 1);
  }

  private static String abbreviate(String text) {
    return text.length() > 60 ? text.substring(0, 60) + "... (" + text.length() + " chars)" : text;
  }

  /** What a correct answer is, said in words for the report. */
  private record Expect(String description, Predicate<RawHttp.Answer> test, boolean refusalByClosing) {
    /** Sends the case's request and judges the answer; a connection closed without one is judged too. */
    HostileCase.Outcome judge(CorpusTarget target, String head, byte[] body) throws java.io.IOException {
      try {
        return HostileCase.Outcome.of(target.send(head, body), test);
      } catch (RawHttp.NoAnswer e) {
        return new HostileCase.Outcome(-1, refusalByClosing, "no answer: " + e.getMessage());
      }
    }
  }

  /** Any 4xx; closing the connection without an answer is a refusal too. */
  private static Expect client() {
    return new Expect("4xx", r -> r.status() >= 400 && r.status() < 500, true);
  }

  private static Expect anyButServerError() {
    return new Expect("not 5xx", r -> r.status() < 500, true);
  }

  private static Expect status(int expected) {
    return new Expect(Integer.toString(expected), r -> r.status() == expected, false);
  }

  private static Expect expect(String description, Predicate<RawHttp.Answer> test) {
    return new Expect(description, test, false);
  }
}
