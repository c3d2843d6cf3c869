package io.lakefs.sts.service;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakefs.sts.service.tokens.ScopedTokenIdentifier;
import io.lakefs.sts.testsupport.LogCapture;
import io.lakefs.sts.testsupport.MiniKdcFixture;
import io.lakefs.sts.testsupport.lakefs.LakeFSPermissions;
import io.lakefs.sts.testsupport.lakefs.LakeFSStandIn;
import io.lakefs.sts.testsupport.lakefs.StandInStatement;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.PrivilegedExceptionAction;
import java.time.Clock;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.security.SecurityUtil;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.hadoop.security.token.Token;
import org.apache.hadoop.security.token.delegation.AbstractDelegationTokenIdentifier;
import org.apache.hadoop.security.token.delegation.web.DelegationTokenAuthenticatedURL;
import org.apache.hadoop.security.token.delegation.web.KerberosDelegationTokenAuthenticator;
import org.junit.AfterClass;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Identity without the user's lakeFS key, against the real service on loopback, a real KDC (MiniKdc) and the
 * lakeFS stand-in's RBAC, with Hadoop's own delegation-token client: a Kerberos-only user gets a token scoped by
 * its lakeFS permissions; a gateway acting for a user ({@code doAs}) gets that user's token, if the proxy-user
 * rules allow it; a permission withdrawn in lakeFS stops the next credentials request made with the token.
 * STS is off here, so a credentials request lakeFS still allows ends at "credentials are switched off" (501).
 */
public class KeylessIdentityTest {
  private static final String NAME_RULES = "RULE:[2:$1@$0](livy@.*)s/.*/livy/\nDEFAULT";
  private static final String SERVICE_KEY = "AKIAIOSFODNN7SERVICE";
  private static final String SERVICE_SECRET = "service-SECRET-for-keyless-tests-0001";
  private static final ObjectMapper JSON = new ObjectMapper();

  @ClassRule
  public static final TemporaryFolder dir = new TemporaryFolder();

  private static MiniKdcFixture kdc;
  private static LakeFSStandIn lakeFS;
  private static CredentialsService service;
  private static UserGroupInformation alice;
  private static UserGroupInformation ali;
  private static UserGroupInformation carol;
  private static UserGroupInformation nobody;
  private static UserGroupInformation livy;
  private static UserGroupInformation mallory;

  @BeforeClass
  public static void startKdcLakeFSAndService() throws Exception {
    kdc = MiniKdcFixture.start(dir.getRoot().toPath());
    lakeFS = LakeFSStandIn.builder()
        .user("alice", "AKIAIOSFODNN7ALICE01", "alice-secret-for-keyless-tests-01")
        .user("carol", "AKIAIOSFODNN7CAROL01", "carol-secret-for-keyless-tests-01")
        .user("lakefs-sts", SERVICE_KEY, SERVICE_SECRET)
        .repository("repo1", "s3://lakefs-data/repo1/")
        .repository("repo2", "s3://lakefs-data/repo2/")
        .policy("ReadRepo1", new StandInStatement(LakeFSPermissions.FS_READ, "arn:lakefs:fs:::repository/repo1"),
            new StandInStatement(LakeFSPermissions.FS_READ, "arn:lakefs:fs:::repository/repo1/*"))
        .policy("WriteRepo1", new StandInStatement(List.of(LakeFSPermissions.WRITE_OBJECT),
            "arn:lakefs:fs:::repository/repo1/*"))
        .policy("ServiceReads", new StandInStatement(List.of(LakeFSPermissions.READ_USER), "arn:lakefs:auth:::user/*"),
            new StandInStatement(List.of(LakeFSPermissions.READ_REPOSITORY), "arn:lakefs:fs:::repository/*"))
        .group("Analysts", "ReadRepo1")
        .addToGroup("alice", "Analysts")
        .attachPolicy("alice", "WriteRepo1")
        .attachPolicy("lakefs-sts", "ServiceReads")
        .start();

    UserGroupInformation.reset();
    Configuration conf = new Configuration(false);
    conf.set(ServiceKeys.HTTP_ADDRESS, "127.0.0.1:0");
    conf.set(ServiceKeys.LAKEFS_ENDPOINT, lakeFS.endpoint().toString());
    kdc.serviceSettings(NAME_RULES).forEach(conf::set);
    conf.set(ServiceKeys.LAKEFS_SERVICE_ACCESS_KEY, SERVICE_KEY);
    conf.set(ServiceKeys.LAKEFS_SERVICE_SECRET_KEY, SERVICE_SECRET);
    // Every request re-reads lakeFS, so that a test sees a withdrawal at once.
    conf.set(ServiceKeys.LAKEFS_RECHECK_SECONDS, "0");
    conf.set(ServiceKeys.KERBEROS_USER_MAPPING, "ali@" + kdc.realm() + "=alice");
    conf.set(ServiceKeys.PROXYUSER_PREFIX + "livy.users", "alice,carol");
    conf.set(ServiceKeys.PROXYUSER_PREFIX + "livy.hosts", "127.0.0.1");
    service = CredentialsService.start(ServiceConfig.from(conf), Clock.systemUTC());

    MiniKdcFixture.useInHadoop(NAME_RULES);
    alice = kdc.login("alice");
    ali = kdc.login("ali");
    carol = kdc.login("carol");
    nobody = kdc.login("nobody");
    livy = kdc.login("livy/gateway.example.com");
    mallory = kdc.login("mallory");
  }

  @AfterClass
  public static void stopEverything() throws Exception {
    try {
      if (service != null) {
        service.close();
      }
    } finally {
      UserGroupInformation.reset();
      if (lakeFS != null) {
        lakeFS.close();
      }
      if (kdc != null) {
        kdc.close();
      }
    }
  }

  @Before
  public void lakeFSAsDescribed() {
    lakeFS.serveNormally();
  }

  @Test
  public void aKerberosOnlyUserGetsATokenScopedByItsLakeFSPermissionsAndNothingElse() throws Exception {
    Token<AbstractDelegationTokenIdentifier> read = token(alice, "repo1", "read", null);
    Token<AbstractDelegationTokenIdentifier> write = token(alice, "repo1", "write", null);
    Exception repo2 = assertThrows(Exception.class, () -> token(alice, "repo2", "read", null));
    Exception gc = assertThrows(Exception.class, () -> token(alice, "repo1", "gc", null));

    assertEquals("alice", identifier(read).getOwner().toString());
    assertEquals("alice", identifier(read).lakeFSUser());
    assertEquals("[s3://lakefs-data/repo1/ (read)]", identifier(read).scope().grants().toString());
    assertEquals("write", identifier(write).scope().access().wireName());
    assertTrue(repo2.getMessage(), repo2.getMessage().contains("lakeFS user alice may not read repository repo2"));
    assertTrue(gc.getMessage(), gc.getMessage().contains("may not run garbage collection on repository repo1"));
  }

  @Test
  public void anExplicitMappingNamesTheLakeFSUserAPrincipalStandsFor() throws Exception {
    Token<AbstractDelegationTokenIdentifier> token = token(ali, "repo1", "read", null);

    assertEquals("ali", identifier(token).getOwner().toString());
    assertEquals("alice", identifier(token).lakeFSUser());
  }

  @Test
  public void aPrincipalWithoutALakeFSUserOrPermissionGetsNothing() {
    Exception noUser = assertThrows(Exception.class, () -> token(nobody, "repo1", "read", null));
    Exception noPermission = assertThrows(Exception.class, () -> token(carol, "repo1", "read", null));

    assertTrue(noUser.getMessage(), noUser.getMessage().contains("has no user nobody; ask a lakeFS admin to create"
        + " it, or map the caller to the lakeFS user it is"));
    assertTrue(noPermission.getMessage(), noPermission.getMessage().contains("lakeFS user carol may not read"
        + " repository repo1"));
  }

  @Test
  public void anAllowedGatewayActingForAliceGetsAlicesTokenNeverItsOwn() throws Exception {
    Token<AbstractDelegationTokenIdentifier> token;
    try (LogCapture log = new LogCapture()) {
      token = token(livy, "repo1", "write", "alice");
      // The audit line is written by the audit log's own thread, after the lines of earlier tests.
      String wanted = "\"real_user\":\"livy\"";
      long deadline = System.nanoTime() + 5_000_000_000L;
      while (!log.text().contains(wanted) && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      String issued = log.text().lines().filter(line -> line.contains(wanted)).findFirst()
          .orElseThrow(() -> new AssertionError("no audit line naming the real user in " + log.text()));
      assertTrue(issued, issued.contains("\"event\":\"token.issued\",\"user\":\"alice\""));
    }
    Exception forCarol = assertThrows(Exception.class, () -> token(livy, "repo1", "read", "carol"));

    assertEquals("alice", identifier(token).getOwner().toString());
    assertEquals("livy", identifier(token).getRealUser().toString());
    assertEquals("alice", identifier(token).lakeFSUser());
    assertEquals("alice", identifier(token).getUser().getShortUserName());
    assertEquals("write", identifier(token).scope().access().wireName());
    assertTrue("carol's own lakeFS permissions decide, not the gateway's: " + forCarol.getMessage(),
        forCarol.getMessage().contains("lakeFS user carol may not read repository repo1"));
  }

  @Test
  public void aGatewayTheRulesDoNotAllowIsRefusedNamingTheRule() {
    Exception mallorys = assertThrows(Exception.class, () -> token(mallory, "repo1", "read", "alice"));
    Exception livyForNobody = assertThrows(Exception.class, () -> token(livy, "repo1", "read", "bob"));

    assertTrue(mallorys.getMessage(), mallorys.getMessage().contains("user mallory may not act for alice (doAs): no"
        + " rule lets mallory act for anyone: set lakefs.sts.proxyuser.mallory.users"));
    assertTrue(livyForNobody.getMessage(), livyForNobody.getMessage().contains("lakefs.sts.proxyuser.livy.users ="
        + " 'alice,carol' does not name bob"));
  }

  @Test
  public void aWithdrawnPermissionStopsTheNextRefreshAndLakeFSDownGrantsNothingNew() throws Exception {
    Token<AbstractDelegationTokenIdentifier> token = token(alice, "repo1", "write", null);
    assertEquals("the re-check passed: only STS, switched off here, stands in the way", 501,
        credentials(token, "write").status);

    lakeFS.refuseConnections();
    Answer down = credentials(token, "write");
    lakeFS.serveNormally();
    lakeFS.detachPolicy("alice", "WriteRepo1");
    Answer withdrawn;
    Answer read;
    try {
      withdrawn = credentials(token, "write");
      read = credentials(token, "read");
    } finally {
      lakeFS.attachPolicy("alice", "WriteRepo1");
    }

    assertEquals(down.message, 503, down.status);
    assertTrue(down.message, down.message.contains("could not be re-checked in lakeFS")
        && down.message.contains("connection refused"));
    assertEquals(withdrawn.message, 403, withdrawn.status);
    assertTrue(withdrawn.message, withdrawn.message.startsWith("the scope of this token was withdrawn in lakeFS:"
        + " lakeFS user alice may no longer write objects in repository repo1 (fs:WriteObject)"));
    assertEquals("reading is still granted", 501, read.status);
  }

  private record Answer(int status, String message) {
  }

  /** A credentials request made with the token alone, as an executor makes it. */
  private static Answer credentials(Token<AbstractDelegationTokenIdentifier> token, String access) throws Exception {
    UserGroupInformation executor = UserGroupInformation.createRemoteUser("alice");
    Token<AbstractDelegationTokenIdentifier> shipped = new Token<>(token);
    shipped.setService(SecurityUtil.buildTokenService(
        new InetSocketAddress(service.endpoint().getHost(), service.endpoint().getPort())));
    executor.addToken(shipped);
    HttpURLConnection connection = executor.doAs((PrivilegedExceptionAction<HttpURLConnection>) () -> client()
        .openConnection(service.endpoint().resolve("/api/v1/credentials").toURL(),
            new DelegationTokenAuthenticatedURL.Token()));
    connection.setRequestMethod("POST");
    connection.setRequestProperty("Content-Type", "application/json");
    connection.setDoOutput(true);
    try (OutputStream body = connection.getOutputStream()) {
      body.write(("{\"repositories\": [\"repo1\"], \"access\": \"" + access + "\"}").getBytes(StandardCharsets.UTF_8));
    }
    int status = connection.getResponseCode();
    try (InputStream error = connection.getErrorStream()) {
      JsonNode answer = JSON.readTree(error);
      return new Answer(status, answer.path("message").asText());
    }
  }

  private static Token<AbstractDelegationTokenIdentifier> token(UserGroupInformation user, String repository,
      String access, String doAs) throws Exception {
    URL url = service.endpoint().resolve("/api/v1/delegation-token?repositories=" + repository + "&access=" + access)
        .toURL();
    return user.doAs((PrivilegedExceptionAction<Token<AbstractDelegationTokenIdentifier>>) () -> client()
        .getDelegationToken(url, new DelegationTokenAuthenticatedURL.Token(), "yarn", doAs));
  }

  private static DelegationTokenAuthenticatedURL client() {
    return new DelegationTokenAuthenticatedURL(new KerberosDelegationTokenAuthenticator());
  }

  private static ScopedTokenIdentifier identifier(Token<?> token) throws IOException {
    ScopedTokenIdentifier identifier = new ScopedTokenIdentifier(token.getKind());
    identifier.readFields(new DataInputStream(new ByteArrayInputStream(token.getIdentifier())));
    return identifier;
  }
}
