package io.lakefs.sts.hadoop.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lakefs.sts.hadoop.LakeFSTokenKeys;
import io.lakefs.sts.protocol.Access;
import io.lakefs.sts.protocol.CredentialsAnswer;
import io.lakefs.sts.protocol.DelegationTokenOperation;
import io.lakefs.sts.protocol.Secret;
import io.lakefs.sts.protocol.ServiceApi;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.lang.reflect.UndeclaredThrowableException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.security.PrivilegedExceptionAction;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.hadoop.security.authentication.client.AuthenticatedURL;
import org.apache.hadoop.security.authentication.client.AuthenticationException;
import org.apache.hadoop.security.authentication.client.ConnectionConfigurator;
import org.apache.hadoop.security.authentication.client.KerberosAuthenticator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static java.util.Objects.requireNonNull;

/**
 * HTTP client of the credentials service, used on drivers (to obtain tokens and credentials), executors (to
 * refresh credentials with the service's delegation token) and the YARN RM (to renew and cancel). Thread-safe
 * and stateless between calls. Tries the endpoints in order, moving to the next only when one cannot be
 * reached or answers 503; after a round where none answered it waits (doubling, and at least a 503's
 * {@code Retry-After}) and tries again, {@link ClientSettings#attempts()} rounds in all. Any other refusal is
 * final and surfaces as a {@link CredentialsServiceException} quoting the service's message.
 */
public final class CredentialsServiceClient {
  private static final Logger LOG = LoggerFactory.getLogger(CredentialsServiceClient.class);

  /** What to do about a 403 to a token or credentials request. */
  private static final String FORBIDDEN =
      " (ask a lakeFS administrator for access, or obtain a new token if it expired or was cancelled)";
  /** Larger answers are not the service's: the rest is not read. */
  private static final int MAX_ANSWER_BYTES = 1024 * 1024;
  /** How much of an answer that is not the service's JSON is quoted in an error. */
  private static final int MAX_QUOTED_CHARS = 200;

  /** Waits between rounds; tests pass one that records instead of sleeping. */
  interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  private final ClientSettings settings;
  private final Sleeper sleeper;
  private final ObjectMapper json = new ObjectMapper();

  public CredentialsServiceClient(ClientSettings settings) {
    this(settings, duration -> Thread.sleep(duration.toMillis()));
  }

  CredentialsServiceClient(ClientSettings settings, Sleeper sleeper) {
    this.settings = requireNonNull(settings, "settings").requireEndpoints();
    this.sleeper = requireNonNull(sleeper, "sleeper");
  }

  public ClientSettings settings() {
    return settings;
  }

  /**
   * A new delegation token of the service ({@code GETDELEGATIONTOKEN}), owned by the authenticated caller,
   * renewable by {@code renewer}, scoped to the repositories and access (empty list / null: the service's
   * defaults). Authenticate with a lakeFS key or Kerberos (with the user's lakeFS key).
   */
  public ServiceDelegationToken getDelegationToken(ServiceAuth auth, String renewer, List<String> repositories,
      Access access) throws IOException {
    requireNonNull(renewer, "renewer");
    StringBuilder query = new StringBuilder(ServiceApi.OP_PARAMETER).append('=')
        .append(DelegationTokenOperation.GET.wireName()).append('&').append(ServiceApi.RENEWER_PARAMETER).append('=')
        .append(encode(renewer));
    if (!repositories.isEmpty()) {
      query.append('&').append(ServiceApi.REPOSITORIES).append('=').append(encode(String.join(",", repositories)));
    }
    if (access != null) {
      query.append('&').append(ServiceApi.ACCESS).append('=').append(access.wireName());
    }
    if (auth.doAs().isPresent()) {
      query.append('&').append(ServiceApi.DO_AS_PARAMETER).append('=').append(encode(auth.doAs().get()));
    }
    Call call = new Call(DelegationTokenOperation.GET.httpMethod(), ServiceApi.DELEGATION_TOKEN_PATH,
        query.toString(), null, "a delegation token", FORBIDDEN);
    JsonNode answer = exchange(call, auth);
    String urlString = answer.path("Token").path("urlString").asText("");
    if (urlString.isEmpty()) {
      throw new IOException("the credentials service answered a delegation-token request without a token "
          + "(no Token.urlString); check that " + settings.endpoints() + " is the lakeFS credentials service");
    }
    return ServiceDelegationToken.decode(Secret.of(urlString));
  }

  /**
   * STS credentials for the caller. With a lakeFS key, for the repositories and access given (empty list /
   * null: the service's defaults); with the service's delegation token, the token's scope applies and the
   * arguments may be left empty.
   */
  public CredentialsAnswer getCredentials(ServiceAuth auth, List<String> repositories, Access access)
      throws IOException {
    byte[] body = null;
    if (!repositories.isEmpty() || access != null) {
      ObjectNode request = json.createObjectNode();
      if (!repositories.isEmpty()) {
        repositories.forEach(request.putArray(ServiceApi.REPOSITORIES)::add);
      }
      if (access != null) {
        request.put(ServiceApi.ACCESS, access.wireName());
      }
      body = json.writeValueAsBytes(request);
    }
    JsonNode answer = exchange(new Call("POST", ServiceApi.CREDENTIALS_PATH, null, body, "STS credentials", FORBIDDEN), auth);
    return credentials(answer);
  }

  /** Renews the service's token ({@code RENEWDELEGATIONTOKEN}) as its renewer; returns the new expiry. */
  public Instant renew(ServiceAuth as, Secret serviceToken) throws IOException {
    Call call = new Call(DelegationTokenOperation.RENEW.httpMethod(), ServiceApi.DELEGATION_TOKEN_PATH,
        operation(DelegationTokenOperation.RENEW, serviceToken), null, "renewing a delegation token",
        " (only the token's renewer may renew it, and only until it expires or is cancelled: renew as the renewer,"
            + " or obtain a new token)");
    JsonNode answer = exchange(call, as);
    if (!answer.path("long").canConvertToLong()) {
      throw new IOException("the credentials service renewed the token but sent no new expiry ({\"long\": ...}); "
          + "check that " + settings.endpoints() + " is the lakeFS credentials service");
    }
    return Instant.ofEpochMilli(answer.get("long").asLong());
  }

  /** Cancels the service's token ({@code CANCELDELEGATIONTOKEN}) as its owner or renewer. */
  public void cancel(ServiceAuth as, Secret serviceToken) throws IOException {
    exchange(new Call(DelegationTokenOperation.CANCEL.httpMethod(), ServiceApi.DELEGATION_TOKEN_PATH,
        operation(DelegationTokenOperation.CANCEL, serviceToken), null, "cancelling a delegation token",
        " (only the token's owner or renewer may cancel it: cancel as one of them)"), as);
  }

  private CredentialsAnswer credentials(JsonNode answer) throws IOException {
    try {
      return readCredentials(json, answer);
    } catch (IllegalArgumentException e) {
      throw new IOException("the credentials service's " + e.getMessage() + "; check that " + settings.endpoints()
          + " is the lakeFS credentials service");
    }
  }

  /** The service's credentials answer, as this client reads it off the wire. */
  static CredentialsAnswer readCredentials(ObjectMapper json, JsonNode answer) {
    return CredentialsAnswer.fromJson(json.convertValue(answer, Map.class));
  }

  /** One request: where it goes and what it is, in words for errors (never the query: it may hold a token). */
  private static final class Call {
    final String method;
    final String path;
    final String query;
    final byte[] body;
    final String what;
    final String forbiddenHint;

    Call(String method, String path, String query, byte[] body, String what, String forbiddenHint) {
      this.method = method;
      this.path = path;
      this.query = query;
      this.body = body;
      this.what = what;
      this.forbiddenHint = forbiddenHint;
    }

    URL url(URI endpoint) throws IOException {
      return URI.create(endpoint + path + (query == null ? "" : "?" + query)).toURL();
    }
  }

  /** An answer read in full. */
  private static final class Answer {
    final int status;
    final String reason;
    final String body;
    final OptionalLong retryAfterSeconds;

    Answer(int status, String reason, String body, OptionalLong retryAfterSeconds) {
      this.status = status;
      this.reason = reason == null ? "" : reason;
      this.body = body;
      this.retryAfterSeconds = retryAfterSeconds;
    }
  }

  /** The endpoint could not be reached: try the next one. Never quotes the URL (its query may hold a token). */
  private static final class Unreachable extends Exception {
    private static final long serialVersionUID = 1L;

    Unreachable(IOException cause) {
      super(cause.getClass().getSimpleName(), cause);
    }
  }

  private JsonNode exchange(Call call, ServiceAuth auth) throws IOException {
    requireNonNull(auth, "auth");
    CredentialsServiceException last = null;
    for (int round = 1; round <= settings.attempts(); round++) {
      long retryAfterSeconds = 0;
      for (URI endpoint : settings.endpoints()) {
        Answer answer;
        try {
          answer = send(endpoint, call, auth);
        } catch (Unreachable e) {
          LOG.warn("credentials service {} cannot be reached for {} ({}: {}); trying the next endpoint", endpoint,
              call.what, e.getMessage(), e.getCause().getMessage());
          last = new CredentialsServiceException("cannot reach the credentials service at " + endpoint + " for "
              + call.what + " (" + e.getCause() + "); check " + LakeFSTokenKeys.SERVICE_ENDPOINTS
              + " and that the service runs", CredentialsServiceException.NO_ANSWER, "", endpoint, e.getCause());
          continue;
        } catch (CredentialsServiceException e) {
          throw e;
        } catch (IOException e) {
          // Connected, then the answer failed (read timeout, reset): not retried elsewhere, since the request
          // may have taken effect. The JDK's messages here name no URL, so no token.
          throw new CredentialsServiceException("the credentials service at " + endpoint + " did not answer "
              + call.what + " (" + e + "); check the service's health, or raise "
              + LakeFSTokenKeys.READ_TIMEOUT_MILLIS, CredentialsServiceException.NO_ANSWER, "", endpoint, e);
        }
        if (answer.status == HttpURLConnection.HTTP_UNAVAILABLE) {
          retryAfterSeconds = Math.max(retryAfterSeconds, answer.retryAfterSeconds.orElse(0));
          last = refusal(endpoint, call, answer, round);
          LOG.warn("credentials service {} is unavailable for {}: {}", endpoint, call.what, last.serviceMessage());
          continue;
        }
        if (answer.status / 100 != 2) {
          throw refusal(endpoint, call, answer, round);
        }
        return answer.body.isEmpty() ? json.createObjectNode() : parse(endpoint, call, answer);
      }
      if (round < settings.attempts()) {
        pause(round, retryAfterSeconds);
      }
    }
    throw last;
  }

  private void pause(int round, long retryAfterSeconds) throws IOException {
    long backoff = settings.initialBackoff().toMillis() << Math.min(round - 1, 20);
    long millis = Math.min(Math.max(backoff, retryAfterSeconds * 1000), settings.maxBackoff().toMillis());
    try {
      sleeper.sleep(Duration.ofMillis(millis));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting to retry the credentials service");
    }
  }

  private JsonNode parse(URI endpoint, Call call, Answer answer) throws IOException {
    try {
      return json.readTree(answer.body);
    } catch (IOException e) {
      throw new CredentialsServiceException("the credentials service at " + endpoint + " answered " + call.what
          + " with something that is not JSON; check that " + endpoint + " is the lakeFS credentials service",
          answer.status, "", endpoint, null);
    }
  }

  private Answer send(URI endpoint, Call call, ServiceAuth auth) throws Unreachable, IOException {
    HttpURLConnection connection = open(endpoint, call, auth);
    try {
      connection.setRequestMethod(call.method);
      connection.setInstanceFollowRedirects(false);
      connection.setRequestProperty("Accept", "application/json");
      switch (auth.scheme()) {
        case LAKEFS_KEY:
          connection.setRequestProperty("Authorization", auth.key().get().basicAuthorization());
          break;
        case DELEGATION_TOKEN:
          connection.setRequestProperty(ServiceApi.DELEGATION_TOKEN_HEADER, auth.serviceToken().reveal());
          break;
        default:
          // Kerberos: open() authenticated the connection (hadoop-auth cookie) and set the lakeFS key header.
      }
      if (call.body != null) {
        connection.setDoOutput(true);
        connection.setRequestProperty("Content-Type", "application/json");
        connection.setFixedLengthStreamingMode(call.body.length);
      }
      try {
        connection.connect();
      } catch (IOException e) {
        throw new Unreachable(e);
      }
      if (call.body != null) {
        try (OutputStream out = connection.getOutputStream()) {
          out.write(call.body);
        }
      }
      int status = connection.getResponseCode();
      InputStream stream = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
      String body = "";
      if (stream != null) {
        try (InputStream in = stream) {
          body = AnswerBodies.readUtf8(in, MAX_ANSWER_BYTES);
        }
      }
      return new Answer(status, connection.getResponseMessage(), body, retryAfter(connection.getHeaderField(ServiceApi.RETRY_AFTER_HEADER)));
    } finally {
      connection.disconnect();
    }
  }

  private HttpURLConnection open(URI endpoint, Call call, ServiceAuth auth) throws Unreachable, IOException {
    ConnectionConfigurator configurator = connection -> {
      connection.setConnectTimeout((int) settings.connectTimeout().toMillis());
      connection.setReadTimeout((int) settings.readTimeout().toMillis());
      if (auth.scheme() == ServiceAuth.Scheme.KERBEROS) {
        auth.key().ifPresent(key -> connection.setRequestProperty(ServiceApi.LAKEFS_AUTHORIZATION_HEADER,
            key.basicAuthorization()));
      }
      return connection;
    };
    if (auth.scheme() != ServiceAuth.Scheme.KERBEROS) {
      return configurator.configure((HttpURLConnection) call.url(endpoint).openConnection());
    }
    // SPNEGO once, against the credentials path without query (so no token can appear in hadoop-auth's
    // messages); the signed cookie it yields authenticates the call itself, on either path. Run as the current
    // user so hadoop-auth finds its Kerberos login in the access-control context.
    AuthenticatedURL.Token cookie = new AuthenticatedURL.Token();
    KerberosAuthenticator authenticator = new KerberosAuthenticator();
    authenticator.setConnectionConfigurator(configurator);
    URL handshake = URI.create(endpoint + ServiceApi.CREDENTIALS_PATH).toURL();
    UserGroupInformation current = UserGroupInformation.getCurrentUser();
    // Acting for a proxy user, its real user (the gateway) holds the Kerberos login.
    UserGroupInformation user = auth.doAs().isPresent() && current.getRealUser() != null ? current.getRealUser()
        : current;
    try {
      user.doAs((PrivilegedExceptionAction<Void>) () -> {
        authenticator.authenticate(handshake, cookie);
        return null;
      });
    } catch (IOException e) {
      throw new Unreachable(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted during Kerberos authentication to " + endpoint);
    } catch (UndeclaredThrowableException e) {
      if (e.getCause() instanceof AuthenticationException) {
        throw kerberosRefused(endpoint, call, user, e.getCause());
      }
      throw e;
    }
    try {
      return new AuthenticatedURL(authenticator, configurator).openConnection(call.url(endpoint), cookie);
    } catch (AuthenticationException e) {
      throw kerberosRefused(endpoint, call, user, e);
    }
  }

  private static CredentialsServiceException kerberosRefused(URI endpoint, Call call, UserGroupInformation user,
      Throwable cause) {
    return new CredentialsServiceException("Kerberos authentication of " + user.getUserName()
        + " to the credentials service at " + endpoint + " for " + call.what + " failed (" + cause.getMessage()
        + "); check that this user has a Kerberos login (kinit, or a keytab login), that the service offers "
        + "Kerberos (lakefs.sts.auth.schemes=negotiate) and that HTTP/" + endpoint.getHost()
        + " is the service's principal", HttpURLConnection.HTTP_UNAUTHORIZED, "", endpoint, cause);
  }

  private CredentialsServiceException refusal(URI endpoint, Call call, Answer answer, int round) {
    Optional<String> said = said(answer);
    String message = serviceMessage(answer, said);
    String quoted = message.isEmpty() ? "no message" : message;
    return new CredentialsServiceException("the credentials service at " + endpoint + " refused " + call.what
        + " (HTTP " + answer.status + "): " + quoted + hint(call, answer.status, round, said.isPresent()),
        answer.status, message, endpoint, null);
  }

  /** What to do, by status; the service's message says why. */
  private static String hint(Call call, int status, int round, boolean fromService) {
    switch (status) {
      case HttpURLConnection.HTTP_BAD_REQUEST:
        return " (fix the repositories or access asked for)";
      case HttpURLConnection.HTTP_UNAUTHORIZED:
        return " (check the lakeFS key in " + LakeFSTokenKeys.ACCESS_KEY + " / " + LakeFSTokenKeys.SECRET_KEY + ", or the Kerberos login)";
      case HttpURLConnection.HTTP_FORBIDDEN:
        return call.forbiddenHint;
      case HttpURLConnection.HTTP_NOT_FOUND:
        // The service's own 404s (no such repository, a token it no longer holds) say what to do; a bare one
        // comes from something else at that address.
        return fromService ? "" : " (is " + LakeFSTokenKeys.SERVICE_ENDPOINTS + " the credentials service's"
            + " address?)";
      case HttpURLConnection.HTTP_UNAVAILABLE:
        return " (still unavailable after " + round + " round(s) over every endpoint; retry later)";
      default:
        return " (see the credentials service's log)";
    }
  }

  /**
   * What the service {@code said} ({@link #said}) verbatim, else the body quoted briefly; the status line's
   * reason when the body is empty (the service always sends one; a proxy in between may not).
   */
  private static String serviceMessage(Answer answer, Optional<String> said) {
    String body = answer.body;
    if (body.trim().isEmpty()) {
      return answer.reason;
    }
    if (said.isPresent()) {
      return said.get();
    }
    // Not the service's JSON: a proxy's page, perhaps; quoted briefly.
    String text = body.trim();
    return text.length() > MAX_QUOTED_CHARS ? text.substring(0, MAX_QUOTED_CHARS) + "..." : text;
  }

  /**
   * The message of an answer in the service's JSON, {@code {"message"}} or hadoop-auth's
   * {@code {"RemoteException":{"message"}}}; empty for anything else.
   */
  private Optional<String> said(Answer answer) {
    try {
      JsonNode node = json.readTree(answer.body);
      if (node != null && node.path(ServiceApi.MESSAGE_FIELD).isTextual()) {
        return Optional.of(node.get(ServiceApi.MESSAGE_FIELD).asText());
      }
      if (node != null && node.path("RemoteException").path(ServiceApi.MESSAGE_FIELD).isTextual()) {
        return Optional.of(node.get("RemoteException").get(ServiceApi.MESSAGE_FIELD).asText());
      }
    } catch (IOException | RuntimeException e) {
      // Not JSON.
    }
    return Optional.empty();
  }

  private static OptionalLong retryAfter(String header) {
    if (header == null) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Math.max(0, Long.parseLong(header.trim())));
    } catch (NumberFormatException e) {
      // An HTTP date: the service sends seconds; fall back to the backoff.
      return OptionalLong.empty();
    }
  }

  /** The query of an operation on {@code serviceToken}: Hadoop's {@code op} and {@code token} parameters. */
  private static String operation(DelegationTokenOperation operation, Secret serviceToken) {
    return ServiceApi.OP_PARAMETER + "=" + operation.wireName() + "&" + ServiceApi.TOKEN_PARAMETER + "="
        + encode(serviceToken.reveal());
  }

  private static String encode(String value) {
    try {
      return URLEncoder.encode(value, "UTF-8");
    } catch (java.io.UnsupportedEncodingException e) {
      throw new IllegalStateException("every JVM has UTF-8", e);
    }
  }
}
