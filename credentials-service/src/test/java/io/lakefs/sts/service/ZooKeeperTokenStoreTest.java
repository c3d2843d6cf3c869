package io.lakefs.sts.service;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakefs.sts.service.tokens.ZooKeeperUnavailableException;
import io.lakefs.sts.testsupport.lakefs.LakeFSStandIn;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.apache.curator.test.TestingServer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.security.token.Token;
import org.apache.hadoop.security.token.delegation.web.DelegationTokenIdentifier;
import io.lakefs.sts.testsupport.MiniKdcFixture;
import org.apache.hadoop.fs.CommonConfigurationKeysPublic;
import org.apache.hadoop.security.UserGroupInformation;
import org.junit.AfterClass;
import org.junit.ClassRule;
import org.junit.rules.TemporaryFolder;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * Several service instances behind a load balancer: with {@code lakefs.sts.token.store=zookeeper} they share
 * the service's delegation tokens and the hadoop-auth cookie through a real ZooKeeper on loopback; with the
 * default memory store they do not, which is why the option exists. STS stays off: token operations need
 * only lakeFS (the stand-in) to authenticate callers.
 */
public class ZooKeeperTokenStoreTest {
  private static final String ALICE_KEY = "AKIAIOSFODNN7ALICE01";
  private static final String ALICE_SECRET = "alice-secret-for-loopback-tests-0001";
  private static final String BOB_KEY = "AKIAIOSFODNN7BOB0001";
  private static final String BOB_SECRET = "bob-secret-for-loopback-tests-00001";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient http = HttpClient.newHttpClient();

  @ClassRule
  public static final TemporaryFolder dir = new TemporaryFolder();

  private static LakeFSStandIn lakeFS;
  private static TestingServer zooKeeper;

  @BeforeClass
  public static void startLakeFSAndZooKeeper() throws Exception {
    lakeFS = LakeFSStandIn.builder()
        .user("alice", ALICE_KEY, ALICE_SECRET)
        .user("bob", BOB_KEY, BOB_SECRET)
        .repository("repo1", "s3://lakefs-data/repo1/")
        .grant("alice", "repo1")
        .start();
    zooKeeper = LoopbackServers.zooKeeper();
  }

  @AfterClass
  public static void stopEverything() throws Exception {
    if (zooKeeper != null) {
      zooKeeper.close();
    }
    if (lakeFS != null) {
      lakeFS.close();
    }
  }

  private static Configuration configuration(String... keysAndValues) {
    Configuration conf = new Configuration(false);
    conf.set(ServiceKeys.HTTP_ADDRESS, "127.0.0.1:0");
    conf.set(ServiceKeys.LAKEFS_ENDPOINT, lakeFS.endpoint().toString());
    conf.set(ServiceKeys.LAKEFS_TIMEOUT_MILLIS, "2000");
    for (int i = 0; i < keysAndValues.length; i += 2) {
      conf.set(keysAndValues[i], keysAndValues[i + 1]);
    }
    return conf;
  }

  /** Instances sharing {@code path} share tokens; each test takes a path of its own. */
  private static Configuration zooKeeperConfiguration(String path, String... keysAndValues) {
    Configuration conf = configuration(keysAndValues);
    conf.set(ServiceKeys.TOKEN_STORE, "zookeeper");
    conf.set(ServiceKeys.ZOOKEEPER_CONNECT, zooKeeper.getConnectString());
    conf.set(ServiceKeys.ZOOKEEPER_PATH, path);
    conf.set(ServiceKeys.ZOOKEEPER_CONNECTION_TIMEOUT_MILLIS, "5000");
    return conf;
  }

  private static CredentialsService start(Configuration conf) throws Exception {
    return CredentialsService.start(ServiceConfig.from(conf), Clock.systemUTC());
  }

  private static String basic(String key, String secret) {
    return "Basic " + Base64.getEncoder().encodeToString((key + ":" + secret).getBytes(StandardCharsets.UTF_8));
  }

  private static HttpResponse<String> tokenOperation(CredentialsService instance, String method, String query,
      String... headerNamesAndValues) throws Exception {
    return http.send(HttpRequest.newBuilder(instance.endpoint().resolve("/api/v1/delegation-token?" + query))
        .headers(headerNamesAndValues)
        .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String getToken(CredentialsService instance, String authorization, String renewer)
      throws Exception {
    HttpResponse<String> got = tokenOperation(instance, "GET", "op=GETDELEGATIONTOKEN&repositories=repo1&renewer=" + renewer,
        "Authorization", authorization);
    assertEquals(got.body(), 200, got.statusCode());
    return JSON.readTree(got.body()).get("Token").get("urlString").asText();
  }

  private static HttpResponse<String> renew(CredentialsService instance, String token, String authorization)
      throws Exception {
    return tokenOperation(instance, "PUT", "op=RENEWDELEGATIONTOKEN&token=" + token, "Authorization", authorization);
  }

  private static HttpResponse<String> cancel(CredentialsService instance, String token, String authorization)
      throws Exception {
    return tokenOperation(instance, "PUT", "op=CANCELDELEGATIONTOKEN&token=" + token, "Authorization", authorization);
  }

  /**
   * Whether the instance lets a caller in on the token alone. STS is off here, so a caller the filter let in
   * is told by the endpoint that issuing is disabled (501); a token the filter refuses gets a 403.
   */
  private static boolean acceptsToken(CredentialsService instance, String token) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(instance.endpoint().resolve("/api/v1/credentials"))
        .header("X-Hadoop-Delegation-Token", token)
        .POST(HttpRequest.BodyPublishers.ofString("{\"repositories\": [\"repo1\"]}")).build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() == 403) {
      return false;
    }
    assertEquals(response.body(), 501, response.statusCode());
    return true;
  }

  private static DelegationTokenIdentifier identifier(String urlString) throws Exception {
    Token<DelegationTokenIdentifier> token = new Token<>();
    token.decodeFromUrlString(urlString);
    DelegationTokenIdentifier identifier = new DelegationTokenIdentifier(token.getKind());
    identifier.readFields(new DataInputStream(new ByteArrayInputStream(token.getIdentifier())));
    return identifier;
  }

  @Test
  public void tokenFromOneInstanceIsRenewedAndCancelledOnAnother() throws Exception {
    try (CredentialsService a = start(zooKeeperConfiguration("/shared-tokens"));
        CredentialsService b = start(zooKeeperConfiguration("/shared-tokens"))) {
      String token = getToken(a, basic(ALICE_KEY, ALICE_SECRET), "bob");

      HttpResponse<String> renewedByOwner = renew(b, token, basic(ALICE_KEY, ALICE_SECRET));
      HttpResponse<String> renewedByRenewer = renew(b, token, basic(BOB_KEY, BOB_SECRET));
      assertEquals("only the renewer renews, on any instance: " + renewedByOwner.body(), 403,
          renewedByOwner.statusCode());
      assertEquals(renewedByRenewer.body(), 200, renewedByRenewer.statusCode());
      assertTrue(JSON.readTree(renewedByRenewer.body()).get("long").asLong() > System.currentTimeMillis());
      assertTrue("B accepts A's token", acceptsToken(b, token));
      assertTrue(acceptsToken(a, token));

      HttpResponse<String> cancelled = cancel(b, token, basic(ALICE_KEY, ALICE_SECRET));
      assertEquals(cancelled.body(), 200, cancelled.statusCode());
      assertFalse(acceptsToken(b, token));
      // A learns of the cancellation from a ZooKeeper watch, so shortly after rather than at once.
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (acceptsToken(a, token)) {
        assertTrue("A still accepts a token cancelled on B", System.nanoTime() < deadline);
        Thread.sleep(50);
      }
      assertNotEquals(200, renew(a, token, basic(BOB_KEY, BOB_SECRET)).statusCode());
    }
  }

  @Test
  public void hadoopAuthCookieFromOneInstanceIsAcceptedByAnother() throws Exception {
    // Only Kerberos callers get the cookie (a lakeFS key travels with every request), so this needs a KDC.
    MiniKdcFixture kdc = MiniKdcFixture.start(dir.getRoot().toPath());
    String[] negotiate = {ServiceKeys.AUTH_SCHEMES, "negotiate,basic",
        ServiceKeys.KERBEROS_PRINCIPAL, "HTTP/127.0.0.1@" + kdc.realm(),
        ServiceKeys.KERBEROS_KEYTAB, kdc.keytab("http.keytab", "HTTP/127.0.0.1").getAbsolutePath()};
    Configuration client = new Configuration(false);
    client.set(CommonConfigurationKeysPublic.HADOOP_SECURITY_AUTHENTICATION, "kerberos");
    UserGroupInformation.setConfiguration(client);
    try (CredentialsService a = start(zooKeeperConfiguration("/shared-cookie", negotiate));
        CredentialsService b = start(zooKeeperConfiguration("/shared-cookie", negotiate))) {
      UserGroupInformation alice = UserGroupInformation.loginUserFromKeytabAndReturnUGI(kdc.principal("alice"),
          kdc.keytab("alice.keytab", "alice").getAbsolutePath());
      // The cookie identifies the caller; the lakeFS key still travels, to check the repositories as them.
      HttpResponse<String> withCookie = tokenOperation(b, "GET", "op=GETDELEGATIONTOKEN&renewer=bob&repositories=repo1",
          "Cookie", Spnego.cookie(Spnego.cookieHeader(alice, a.endpoint())),
          "X-LakeFS-Authorization", basic(ALICE_KEY, ALICE_SECRET));

      assertEquals(withCookie.body(), 200, withCookie.statusCode());
      String token = JSON.readTree(withCookie.body()).get("Token").get("urlString").asText();
      assertEquals("alice", identifier(token).getOwner().toString());
    } finally {
      UserGroupInformation.reset();
      kdc.close();
    }
  }

  @Test
  public void tokenLifetimesFollowTheConfiguredKeys() throws Exception {
    String[] lifetimes = {ServiceKeys.TOKEN_MAX_LIFETIME_SECONDS, "7200", ServiceKeys.TOKEN_RENEW_INTERVAL_SECONDS, "600"};
    try (CredentialsService shared = start(zooKeeperConfiguration("/lifetimes", lifetimes));
        CredentialsService alone = start(configuration(lifetimes))) {
      for (CredentialsService instance : new CredentialsService[] {shared, alone}) {
        String token = getToken(instance, basic(ALICE_KEY, ALICE_SECRET), "bob");
        DelegationTokenIdentifier identifier = identifier(token);
        long before = System.currentTimeMillis();
        HttpResponse<String> renewed = renew(instance, token, basic(BOB_KEY, BOB_SECRET));
        long after = System.currentTimeMillis();

        assertEquals(7_200_000, identifier.getMaxDate() - identifier.getIssueDate());
        assertEquals(renewed.body(), 200, renewed.statusCode());
        long expiration = JSON.readTree(renewed.body()).get("long").asLong();
        assertTrue(expiration + " not 600 s after renewal", expiration >= before + 600_000
            && expiration <= after + 600_000);
      }
    }
  }

  @Test
  public void theCapOnLiveTokensCountsTokensIssuedByEveryInstance() throws Exception {
    String[] capOfTwo = {ServiceKeys.TOKEN_MAX_LIVE_PER_USER, "2"};
    try (CredentialsService a = start(zooKeeperConfiguration("/shared-cap", capOfTwo));
        CredentialsService b = start(zooKeeperConfiguration("/shared-cap", capOfTwo))) {
      getToken(a, basic(ALICE_KEY, ALICE_SECRET), "bob");
      getToken(b, basic(ALICE_KEY, ALICE_SECRET), "bob");

      // A learns of B's token from a ZooKeeper watch, so shortly after rather than at once.
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      HttpResponse<String> third;
      do {
        assertTrue("A never counted B's token", System.nanoTime() < deadline);
        Thread.sleep(50);
        third = tokenOperation(a, "GET", "op=GETDELEGATIONTOKEN&repositories=repo1&renewer=bob",
            "Authorization", basic(ALICE_KEY, ALICE_SECRET));
      } while (third.statusCode() == 200);
      assertEquals(third.body(), 429, third.statusCode());
      assertTrue(third.body(), third.body().contains("live delegation tokens of this service, the most one user may hold"));
    }
  }

  @Test
  public void memoryInstancesDoNotAcceptEachOthersTokens() throws Exception {
    try (CredentialsService a = start(configuration()); CredentialsService b = start(configuration())) {
      String token = getToken(a, basic(ALICE_KEY, ALICE_SECRET), "bob");

      assertTrue(acceptsToken(a, token));
      assertFalse(acceptsToken(b, token));
      assertEquals(403, renew(b, token, basic(BOB_KEY, BOB_SECRET)).statusCode());
    }
  }

  @Test
  public void unreachableZooKeeperStopsStartUpNamingTheKey() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    Configuration conf = zooKeeperConfiguration("/unreachable");
    conf.set(ServiceKeys.ZOOKEEPER_CONNECT, "127.0.0.1:" + closedPort);
    conf.set(ServiceKeys.ZOOKEEPER_CONNECTION_TIMEOUT_MILLIS, "1000");
    long started = System.nanoTime();

    ZooKeeperUnavailableException refused = assertThrows(ZooKeeperUnavailableException.class, () -> start(conf));

    assertTrue(refused.getMessage(), refused.getMessage().contains(ServiceKeys.ZOOKEEPER_CONNECT));
    assertTrue(refused.getMessage(), refused.getMessage().contains("127.0.0.1:" + closedPort));
    assertTrue("gave up after the connection timeout", System.nanoTime() - started < Duration.ofSeconds(10).toNanos());
  }

  @Test
  public void zooKeeperStoreWithoutAnEnsembleIsRefusedNamingTheKey() {
    Configuration conf = configuration(ServiceKeys.TOKEN_STORE, "zookeeper");

    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> ServiceConfig.from(conf));

    assertTrue(refused.getMessage(), refused.getMessage().contains(ServiceKeys.ZOOKEEPER_CONNECT));
  }

  @Test
  public void zooKeeperSettingsAreCheckedNamingTheKey() {
    String unknownStore = assertThrows(IllegalArgumentException.class,
        () -> ServiceConfig.from(configuration(ServiceKeys.TOKEN_STORE, "redis"))).getMessage();
    String badPath = assertThrows(IllegalArgumentException.class,
        () -> ServiceConfig.from(zooKeeperConfiguration("lakefs-sts/"))).getMessage();
    String saslWithoutLogin = assertThrows(IllegalArgumentException.class,
        () -> ServiceConfig.from(zooKeeperConfiguration("/x", ServiceKeys.ZOOKEEPER_AUTH, "sasl"))).getMessage();
    String digest = assertThrows(IllegalArgumentException.class,
        () -> ServiceConfig.from(zooKeeperConfiguration("/x", ServiceKeys.ZOOKEEPER_AUTH, "digest"))).getMessage();
    String renewPastMax = assertThrows(IllegalArgumentException.class,
        () -> ServiceConfig.from(configuration(ServiceKeys.TOKEN_MAX_LIFETIME_SECONDS, "60",
            ServiceKeys.TOKEN_RENEW_INTERVAL_SECONDS, "120"))).getMessage();

    assertTrue(unknownStore, unknownStore.contains(ServiceKeys.TOKEN_STORE) && unknownStore.contains("memory"));
    assertTrue(badPath, badPath.startsWith(ServiceKeys.ZOOKEEPER_PATH));
    assertTrue(saslWithoutLogin, saslWithoutLogin.contains(ServiceKeys.ZOOKEEPER_KERBEROS_KEYTAB));
    assertTrue(digest, digest.startsWith(ServiceKeys.ZOOKEEPER_AUTH) && digest.contains("none or sasl"));
    assertTrue(renewPastMax, renewPastMax.contains(ServiceKeys.TOKEN_RENEW_INTERVAL_SECONDS));
  }

  @Test
  public void zooKeeperStoreSelectsHadoopsZooKeeperSecretManagerAndSigner() throws Exception {
    ServiceConfig config = ServiceConfig.from(zooKeeperConfiguration("/lakefs-sts",
        ServiceKeys.TOKEN_MAX_LIFETIME_SECONDS, "172800"));

    Map<String, String> parameters = CredentialsService.authFilterParameters(config);
    Configuration secretManager = config.tokenStore().secretManagerConfiguration();

    // The tokens live in the service's own ZooKeeper secret manager, not in one hadoop-auth would create.
    assertEquals(null, parameters.get("zk-dt-secret-manager.enable"));
    assertEquals("lakefs-sts", secretManager.get("zk-dt-secret-manager.znodeWorkingPath"));
    assertEquals("172800", secretManager.get("delegation-token.max-lifetime.sec"));
    assertEquals("zookeeper", parameters.get("signer.secret.provider"));
    assertEquals("/lakefs-sts/hadoop-auth-signature-secret", parameters.get("signer.secret.provider.zookeeper.path"));
    assertEquals("172800", parameters.get("delegation-token.max-lifetime.sec"));
    assertEquals("86400", parameters.get("delegation-token.renew-interval.sec"));
  }
}
