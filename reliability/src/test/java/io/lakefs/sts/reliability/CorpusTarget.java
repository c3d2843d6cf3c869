package io.lakefs.sts.reliability;

import io.lakefs.sts.testsupport.RawHttp;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The service a hostile case attacks, and the genuine material an attacker would have stolen or been given: keys'
 * Basic headers, tokens (with and without a renewer), a login cookie. Obtained once, over HTTP.
 */
final class CorpusTarget {
  static final Duration TIMEOUT = Duration.ofSeconds(20);
  static final String TOKEN_PATH = "/api/v1/delegation-token";
  static final String CREDENTIALS_PATH = "/api/v1/credentials";
  private static final Pattern URL_STRING = Pattern.compile("\"urlString\"\\s*:\\s*\"([^\"]+)\"");

  private final URI endpoint;
  private final String aliceToken;
  private final String aliceTokenWithoutRenewer;
  private final Optional<String> bobCookie;

  CorpusTarget(URI endpoint) throws IOException {
    this.endpoint = endpoint;
    this.aliceToken = obtainToken(Users.ALICE, "&renewer=" + Users.YARN.id());
    this.aliceTokenWithoutRenewer = obtainToken(Users.ALICE, "");
    this.bobCookie = credentials(Users.BOB).header("set-cookie").map(cookie -> cookie.split(";", 2)[0]);
  }

  URI endpoint() {
    return endpoint;
  }

  RawHttp.Answer send(String head) throws IOException {
    return send(head, new byte[0]);
  }

  RawHttp.Answer send(String head, byte[] body) throws IOException {
    return RawHttp.send(endpoint, head, body, TIMEOUT);
  }

  /** The user asks for read credentials for their repository with their key: the service logs them in. */
  RawHttp.Answer credentials(Users.User user) throws IOException {
    byte[] body = ("{\"repositories\":[\"" + user.repository() + "\"],\"access\":\"read\"}")
        .getBytes(StandardCharsets.UTF_8);
    return send(RawHttp.request("POST", CREDENTIALS_PATH, basic(user), "Content-Type: application/json",
        "Content-Length: " + body.length), body);
  }

  /** {@code Authorization: Basic ...} with the user's lakeFS key. */
  static String basic(Users.User user) {
    return "Authorization: Basic " + Base64.getEncoder().encodeToString(
        (user.accessKeyId() + ":" + user.secret()).getBytes(StandardCharsets.UTF_8));
  }

  static String tokenQuery(String op, String repository) {
    return TOKEN_PATH + "?op=" + op + "&repositories=" + repository + "&access=write";
  }

  static String tokenHeader(String token) {
    return "X-Hadoop-Delegation-Token: " + token;
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** A genuine token of alice for her repository, renewable by yarn. */
  String aliceToken() {
    return aliceToken;
  }

  /** A genuine token of alice obtained without naming a renewer (the renewer is then alice herself). */
  String aliceTokenWithoutRenewer() {
    return aliceTokenWithoutRenewer;
  }

  /** bob's hadoop-auth login cookie, as {@code name=value}; empty when the service gives key callers none. */
  Optional<String> bobCookie() {
    return bobCookie;
  }

  /** Obtains a fresh token of {@code user}; each call makes a new one (to cancel, or to flood). */
  String obtainToken(Users.User user, String extraQuery) throws IOException {
    RawHttp.Answer response = send(RawHttp.request("GET", tokenQuery("GETDELEGATIONTOKEN", user.repository())
        + extraQuery, basic(user)));
    Matcher token = URL_STRING.matcher(response.body());
    if (response.status() != 200 || !token.find()) {
      throw new IOException("the service did not issue a token to " + user.id() + ": " + response.status());
    }
    return token.group(1);
  }
}
