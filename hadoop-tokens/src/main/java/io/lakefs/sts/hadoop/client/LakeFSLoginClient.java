package io.lakefs.sts.hadoop.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lakefs.sts.hadoop.LakeFSTokenKeys;
import io.lakefs.sts.protocol.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;

import static java.util.Objects.requireNonNull;

/**
 * Logs a user in to lakeFS on the driver: {@code POST {lakeFS}/auth/login} with {@code {"access_key_id",
 * "secret_access_key"}}, which lakeFS answers with {@code {"token", "token_expiration"}} (epoch seconds), a JWT
 * signed with lakeFS's {@code auth.encrypt.secret_key} whose subject is the user and whose lifetime is lakeFS's
 * {@code auth.login_duration} (7 days unless configured). lakeFS accepts it as {@code Authorization: Bearer} on
 * every API call, with the user's permissions, until it expires; it cannot be revoked earlier (only deleting the
 * user or rotating lakeFS's secret ends it). One attempt: the driver's token refresh is the retry.
 */
public final class LakeFSLoginClient {
  static final String LOGIN_PATH = "/auth/login";
  /** A JWT answer is a few hundred bytes; more is not lakeFS's. */
  private static final int MAX_ANSWER_BYTES = 64 * 1024;
  private static final int MAX_QUOTED_CHARS = 200;

  private final ClientSettings timeouts;
  private final Clock clock;
  private final ObjectMapper json = new ObjectMapper();

  /** Uses the connect and read timeouts of {@code timeouts}; its endpoints are the credentials service's, unused. */
  public LakeFSLoginClient(ClientSettings timeouts, Clock clock) {
    this.timeouts = requireNonNull(timeouts, "timeouts");
    this.clock = requireNonNull(clock, "clock");
  }

  /** A login token for the user of {@code key}, from the lakeFS API at {@code lakeFSEndpoint} ({@code .../api/v1}). */
  public LakeFSLoginToken login(URI lakeFSEndpoint, LakeFSAccessKey key) throws IOException {
    ObjectNode body = json.createObjectNode()
        .put("access_key_id", key.accessKeyId())
        .put("secret_access_key", key.secretAccessKey().reveal());
    byte[] bytes = json.writeValueAsBytes(body);
    URI url = URI.create(lakeFSEndpoint + LOGIN_PATH);
    HttpURLConnection connection = (HttpURLConnection) url.toURL().openConnection();
    int status;
    String answer;
    try {
      connection.setConnectTimeout((int) timeouts.connectTimeout().toMillis());
      connection.setReadTimeout((int) timeouts.readTimeout().toMillis());
      connection.setRequestMethod("POST");
      connection.setInstanceFollowRedirects(false);
      connection.setRequestProperty("Accept", "application/json");
      connection.setRequestProperty("Content-Type", "application/json");
      connection.setDoOutput(true);
      connection.setFixedLengthStreamingMode(bytes.length);
      try (OutputStream out = connection.getOutputStream()) {
        out.write(bytes);
      }
      status = connection.getResponseCode();
      InputStream stream = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
      answer = "";
      if (stream != null) {
        try (InputStream in = stream) {
          answer = AnswerBodies.readUtf8(in, MAX_ANSWER_BYTES);
        }
      }
    } catch (IOException e) {
      throw new IOException("cannot log in to lakeFS at " + lakeFSEndpoint + " with " + key + " (" + e
          + "); check " + LakeFSTokenKeys.LOGIN_ENDPOINT + " and that lakeFS runs", e);
    } finally {
      connection.disconnect();
    }
    if (status != HttpURLConnection.HTTP_OK) {
      throw new IOException("lakeFS at " + lakeFSEndpoint + " refused to log in " + key + " (HTTP " + status + ": "
          + quote(answer) + ")" + (status == HttpURLConnection.HTTP_UNAUTHORIZED
              ? "; check the lakeFS key, or unset " + LakeFSTokenKeys.LOGIN_ENDPOINT + " to carry no login token"
              : "; check that " + LakeFSTokenKeys.LOGIN_ENDPOINT + " is lakeFS's API base URL (.../api/v1)"));
    }
    return token(lakeFSEndpoint, answer);
  }

  private LakeFSLoginToken token(URI lakeFSEndpoint, String answer) throws IOException {
    JsonNode node;
    try {
      node = json.readTree(answer);
    } catch (IOException e) {
      throw new IOException("lakeFS at " + lakeFSEndpoint + " answered the login with something that is not JSON;"
          + " check that " + LakeFSTokenKeys.LOGIN_ENDPOINT + " is lakeFS's API base URL (.../api/v1)");
    }
    String jwt = node == null ? "" : node.path("token").asText("");
    if (jwt.isEmpty()) {
      throw new IOException("lakeFS at " + lakeFSEndpoint + " answered the login without a token; check that "
          + LakeFSTokenKeys.LOGIN_ENDPOINT + " is lakeFS's API base URL (.../api/v1)");
    }
    long expiresEpochSeconds = node.path("token_expiration").canConvertToLong()
        ? node.get("token_expiration").asLong() : expiryClaim(jwt);
    Instant expires = Instant.ofEpochSecond(expiresEpochSeconds);
    if (!expires.isAfter(clock.instant())) {
      throw new IOException("lakeFS at " + lakeFSEndpoint + " issued a login token that expired at " + expires
          + "; check lakeFS's auth.login_duration and the clocks of lakeFS and this host");
    }
    return new LakeFSLoginToken(lakeFSEndpoint, Secret.of(jwt), expires.toEpochMilli());
  }

  /**
   * The JWT's {@code exp} claim, for lakeFS releases whose login answer has no {@code token_expiration}. The
   * signature is not checked: lakeFS checks it; this only schedules the replacement.
   */
  private long expiryClaim(String jwt) throws IOException {
    String[] parts = jwt.split("\\.");
    try {
      JsonNode claims = json.readTree(Base64.getUrlDecoder().decode(parts[1]));
      if (claims != null && claims.path("exp").canConvertToLong()) {
        return claims.get("exp").asLong();
      }
    } catch (IOException | RuntimeException e) {
      // Reported below, without the token.
    }
    throw new IOException("lakeFS's login answer has no token_expiration and its token no readable exp claim; "
        + "there is no telling when to replace it");
  }

  private static String quote(String body) {
    String text = body.trim();
    if (text.isEmpty()) {
      return "no message";
    }
    return text.length() > MAX_QUOTED_CHARS ? text.substring(0, MAX_QUOTED_CHARS) + "..." : text;
  }
}
