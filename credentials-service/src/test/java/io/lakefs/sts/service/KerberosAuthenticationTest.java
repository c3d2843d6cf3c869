package io.lakefs.sts.service;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakefs.sts.protocol.TokenKinds;
import io.lakefs.sts.service.tokens.ScopedTokenIdentifier;
import io.lakefs.sts.testsupport.Closeables;
import io.lakefs.sts.testsupport.MiniKdcFixture;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.PrivilegedExceptionAction;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.security.SecurityUtil;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.hadoop.security.authentication.util.KerberosName;
import org.apache.hadoop.security.token.Token;
import org.apache.hadoop.security.token.delegation.AbstractDelegationTokenIdentifier;
import org.apache.hadoop.security.token.delegation.web.DelegationTokenAuthenticatedURL;
import org.apache.hadoop.security.token.delegation.web.KerberosDelegationTokenAuthenticator;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * SPNEGO against a real KDC (MiniKdc): a user logged in from a keytab, as on a Spark driver, gets the
 * service's delegation token with Hadoop's own client, sending their lakeFS key beside the ticket; the YARN RM's principal, mapped to {@code yarn} by
 * the configured name rules, renews it; the owner cancels it.
 */
public class KerberosAuthenticationTest {
  private static final String NAME_RULES = "RULE:[2:$1@$0](yarn@.*)s/.*/yarn/\nDEFAULT";
  private static final ObjectMapper JSON = new ObjectMapper();

  @ClassRule
  public static final TemporaryFolder dir = new TemporaryFolder();

  private static final String ALICE_KEY = ServiceOnLoopback.ALICE_KEY;
  private static final String ALICE_SECRET = ServiceOnLoopback.ALICE_SECRET;
  private static final String BOB_KEY = "AKIAIOSFODNN7BOB0001";
  private static final String BOB_SECRET = "bob-secret-for-loopback-tests-00001";

  private static MiniKdcFixture kdc;
  private static ServiceOnLoopback loopback;
  private static CredentialsService service;
  private static UserGroupInformation alice;
  private static UserGroupInformation yarn;
  private static String rulesAfterHadoopInitialized;

  @BeforeClass
  public static void startKdcAndService() throws Exception {
    kdc = MiniKdcFixture.start(dir.getRoot().toPath());
    // The client asks for HTTP/<host of the URL>; the service listens on 127.0.0.1.

    UserGroupInformation.reset();
    Map<String, String> kerberos = kdc.serviceSettings(NAME_RULES);
    loopback = ServiceOnLoopback.start(ServiceOnLoopback.aliceInRepo1().user("bob", BOB_KEY, BOB_SECRET), conf -> kerberos.forEach(conf::set));
    service = loopback.service;
    // hadoop-auth's name rules are JVM-wide. UGI initializing itself lazily (a doAs check, a group lookup,
    // ZooKeeper's SASL) keeps rules already set; only an explicit UserGroupInformation.setConfiguration, as
    // the clients below do, replaces them, so theirs carry the same rules.
    UserGroupInformation.getCurrentUser();
    rulesAfterHadoopInitialized = KerberosName.getRules();

    // UGI is JVM-wide: the clients share it (and hadoop-auth's name rules) with the service under test.
    MiniKdcFixture.useInHadoop(NAME_RULES);
    alice = kdc.login("alice");
    yarn = kdc.login("yarn/rm.example.com");
  }

  @AfterClass
  public static void stopEverything() throws Exception {
    try {
      Closeables.closeAll(loopback);
    } finally {
      UserGroupInformation.reset();
      Closeables.closeAll(kdc);
    }
  }

  private static URL tokenUrl() throws IOException {
    return service.endpoint().resolve("/api/v1/delegation-token").toURL();
  }

  /** Where a token for repo1 is asked for: Hadoop's client appends op and renewer to the query. */
  private static URL scopedTokenUrl() throws IOException {
    return service.endpoint().resolve("/api/v1/delegation-token?repositories=repo1&access=read").toURL();
  }

  private static DelegationTokenAuthenticatedURL client() {
    return new DelegationTokenAuthenticatedURL(new KerberosDelegationTokenAuthenticator());
  }

  /** Hadoop's client, sending a lakeFS key beside the Kerberos ticket, as the token library does. */
  private static DelegationTokenAuthenticatedURL clientWithLakeFSKey(String key, String secret) {
    String header = "Basic " + Base64.getEncoder().encodeToString((key + ":" + secret).getBytes(StandardCharsets.UTF_8));
    return new DelegationTokenAuthenticatedURL(new KerberosDelegationTokenAuthenticator(), connection -> {
      connection.setRequestProperty("X-LakeFS-Authorization", header);
      return connection;
    });
  }

  private static <T> T as(UserGroupInformation user, PrivilegedExceptionAction<T> action) throws Exception {
    return user.doAs(action);
  }

  private static ScopedTokenIdentifier identifier(Token<?> token) throws IOException {
    ScopedTokenIdentifier identifier = new ScopedTokenIdentifier(token.getKind());
    identifier.readFields(new DataInputStream(new ByteArrayInputStream(token.getIdentifier())));
    return identifier;
  }

  private static DelegationTokenAuthenticatedURL.Token holding(Token<AbstractDelegationTokenIdentifier> token) {
    DelegationTokenAuthenticatedURL.Token holder = new DelegationTokenAuthenticatedURL.Token();
    holder.setDelegationToken(token);
    return holder;
  }

  @Test
  public void kerberosUserGetsAScopedTokenTheRenewerRenewsAndTheOwnerCancels() throws Exception {
    Token<AbstractDelegationTokenIdentifier> token = as(alice, () -> clientWithLakeFSKey(ALICE_KEY, ALICE_SECRET)
        .getDelegationToken(scopedTokenUrl(), new DelegationTokenAuthenticatedURL.Token(), "yarn"));

    assertEquals(TokenKinds.LAKEFS_STS_DELEGATION_TOKEN, token.getKind().toString());
    assertEquals("alice", identifier(token).getOwner().toString());
    assertEquals("yarn", identifier(token).getRenewer().toString());
    assertEquals("alice", identifier(token).lakeFSUser());
    assertEquals(List.of("repo1"), identifier(token).scope().repositories());
    assertEquals("[s3://lakefs-data/repo1/ (read)]", identifier(token).scope().grants().toString());

    long expiry = as(yarn, () -> client().renewDelegationToken(tokenUrl(), holding(token)));
    assertTrue(expiry > System.currentTimeMillis());

    // Refusals are Hadoop's RemoteException JSON, so Hadoop's client rethrows them with the service's message.
    Exception ownerRenews = assertThrows(Exception.class,
        () -> as(alice, () -> client().renewDelegationToken(tokenUrl(), holding(token))));
    assertTrue(ownerRenews.toString(), ownerRenews instanceof IOException);
    assertTrue(ownerRenews.toString(),
        ownerRenews.getMessage().contains("may be renewed only by its renewer yarn, not by alice"));

    // The token authenticates on its own, as on an executor: no ticket, the token in the user's credentials.
    UserGroupInformation executor = UserGroupInformation.createRemoteUser("alice");
    Token<AbstractDelegationTokenIdentifier> shipped = new Token<>(token);
    shipped.setService(SecurityUtil.buildTokenService(
        new InetSocketAddress(service.endpoint().getHost(), service.endpoint().getPort())));
    executor.addToken(shipped);
    HttpURLConnection withToken = as(executor, () -> client().openConnection(
        service.endpoint().resolve("/api/v1/credentials").toURL(), new DelegationTokenAuthenticatedURL.Token()));
    // Let in on the token alone; STS is off in this test, so the endpoint says how to turn it on.
    String disabled = postCredentialsRequest(withToken, 501);
    assertTrue(disabled, disabled.contains(ServiceKeys.ROLE_ARN));

    as(alice, () -> {
      client().cancelDelegationToken(tokenUrl(), holding(token));
      return null;
    });
    Exception renewCancelled = assertThrows(Exception.class,
        () -> as(yarn, () -> client().renewDelegationToken(tokenUrl(), holding(token))));
    assertTrue(renewCancelled.toString(), renewCancelled.getMessage().contains("of lakeFS user alice was cancelled at")
        && renewCancelled.getMessage().contains(" by alice; obtain a new one"));
  }

  @Test
  public void aLakeFSKeyOfAnotherUserIsRefusedNamingBothIdentities() throws Exception {
    Exception refused = assertThrows(Exception.class, () -> as(alice, () -> clientWithLakeFSKey(BOB_KEY, BOB_SECRET)
        .getDelegationToken(scopedTokenUrl(), new DelegationTokenAuthenticatedURL.Token(), "yarn")));

    assertTrue(refused.toString(), refused.getMessage().contains("belongs to lakeFS user bob")
        && refused.getMessage().contains(kdc.principal("alice")));
  }

  @Test
  public void aKerberosTokenRequestWithoutALakeFSKeyIsToldWhereToSendIt() throws Exception {
    Exception refused = assertThrows(Exception.class, () -> as(alice, () -> client()
        .getDelegationToken(scopedTokenUrl(), new DelegationTokenAuthenticatedURL.Token(), "yarn")));

    assertTrue(refused.toString(), refused.getMessage().contains("needs your lakeFS key")
        && refused.getMessage().contains("X-LakeFS-Authorization"));
  }

  @Test
  public void hadoopsUserSetupKeepsTheConfiguredNameRules() {
    assertEquals(NAME_RULES, rulesAfterHadoopInitialized);
  }

  @Test
  public void forgedNegotiateTokenIsA403WithAJsonMessage() throws Exception {
    String garbage = Base64.getEncoder().encodeToString("not a GSS token".getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(service.endpoint().resolve("/api/v1/credentials"))
            .header("Authorization", "Negotiate " + garbage)
            .POST(HttpRequest.BodyPublishers.ofString("{\"repositories\": [\"repo1\"]}")).build(),
        HttpResponse.BodyHandlers.ofString());

    // A GSS or decoding failure is the caller's fault: a 403 (hadoop-auth's status for it), never a 500.
    assertEquals(response.body(), 403, response.statusCode());
    assertEquals("application/json", response.headers().firstValue("Content-Type").orElse("").split(";")[0]);
    String message = JSON.readTree(response.body()).get("message").asText();
    assertTrue(message, message.contains("Kerberos (SPNEGO) token was not accepted"));
    assertTrue(message, message.contains(kdc.principal("HTTP/127.0.0.1")));
  }

  @Test
  public void kerberosUserIsToldToObtainADelegationTokenForCredentials() throws Exception {
    HttpURLConnection connection = as(alice, () -> client().openConnection(
        service.endpoint().resolve("/api/v1/credentials").toURL(), new DelegationTokenAuthenticatedURL.Token()));

    String message = postCredentialsRequest(connection, 403);

    assertTrue(message, message.contains("lakeFS access key") && message.contains("GETDELEGATIONTOKEN")
        && message.contains("X-LakeFS-Authorization"));
  }

  /** POSTs a credentials request on an authenticated connection; expects the status and returns its message. */
  private static String postCredentialsRequest(HttpURLConnection connection, int status) throws IOException {
    connection.setRequestMethod("POST");
    connection.setRequestProperty("Content-Type", "application/json");
    connection.setDoOutput(true);
    try (OutputStream body = connection.getOutputStream()) {
      body.write("{\"repositories\": [\"repo1\"]}".getBytes(StandardCharsets.UTF_8));
    }
    assertEquals(status, connection.getResponseCode());
    try (InputStream error = connection.getErrorStream()) {
      return JSON.readTree(error).get("message").asText();
    }
  }

  @Test
  public void unauthenticatedCallersAreOfferedBothSchemes() throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(service.endpoint() + "/api/v1/credentials"))
            .POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
        HttpResponse.BodyHandlers.ofString());

    assertEquals(401, response.statusCode());
    String message = JSON.readTree(response.body()).get("message").asText();
    assertTrue(message, message.contains("lakeFS access key id and secret as HTTP Basic"));
    assertTrue(message, message.contains("Kerberos ticket (SPNEGO"));
    assertTrue(response.headers().allValues("WWW-Authenticate").toString(),
        response.headers().allValues("WWW-Authenticate").stream().anyMatch(v -> v.startsWith("Negotiate")));
    assertTrue(response.headers().allValues("WWW-Authenticate").toString(),
        response.headers().allValues("WWW-Authenticate").stream().anyMatch(v -> v.startsWith("Basic")));
  }

  @Test
  public void aCookieAndAKeyOfAnotherUserAreRefusedNamingBoth() throws Exception {
    String aliceCookie = Spnego.cookie(Spnego.cookieHeader(alice, service.endpoint()));
    HttpRequest.Builder request = HttpRequest.newBuilder(service.endpoint().resolve("/api/v1/credentials"))
        .header("Content-Type", "application/json").header("Cookie", aliceCookie)
        .POST(HttpRequest.BodyPublishers.ofString("{\"repositories\": [\"repo1\"]}"));

    HttpResponse<String> bobsKey = HttpClient.newHttpClient().send(request.copy()
        .header("Authorization", basic(BOB_KEY, BOB_SECRET)).build(), HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> alicesKey = HttpClient.newHttpClient().send(request.copy()
        .header("Authorization", basic(ALICE_KEY, ALICE_SECRET)).build(), HttpResponse.BodyHandlers.ofString());

    assertEquals(bobsKey.body(), 400, bobsKey.statusCode());
    String message = JSON.readTree(bobsKey.body()).path("RemoteException").path("message").asText();
    assertTrue(message, message.contains("the credentials of two users: a hadoop.auth cookie of alice and"
        + " credentials of bob"));
    // Her own key beside her cookie is one identity; the key decides (STS is off here, so the endpoint says so).
    assertEquals(alicesKey.body(), 501, alicesKey.statusCode());
  }

  private static String basic(String key, String secret) {
    return "Basic " + Base64.getEncoder().encodeToString((key + ":" + secret).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  public void theKerberosCookieIsShortLivedAndSameSiteStrict() throws Exception {
    String header = Spnego.cookieHeader(alice, service.endpoint());

    assertTrue(header, header.contains("; HttpOnly") && header.contains("; SameSite=Strict"));
    long expiresMillis = Long.parseLong(header.replaceFirst(".*&e=(\\d+)&.*", "$1"));
    long defaultValidityMillis = ServiceKeys.DEFAULT_AUTH_COOKIE_VALIDITY_SECONDS * 1000;
    assertTrue(header, expiresMillis <= System.currentTimeMillis() + defaultValidityMillis);
    assertTrue(header, expiresMillis > System.currentTimeMillis() + defaultValidityMillis - 60_000);
  }
}
