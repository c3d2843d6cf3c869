package io.lakefs.sts.hadoop;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.lakefs.sts.hadoop.s3a.BindingConfs;
import io.lakefs.sts.hadoop.token.LakeFSTokenIdentifier;
import io.lakefs.sts.hadoop.token.LakeFSTokenIssuer;
import io.lakefs.sts.hadoop.token.LakeFSTokens;
import io.lakefs.sts.protocol.TokenKinds;
import io.lakefs.sts.testsupport.LogCapture;
import io.lakefs.sts.testsupport.MiniKdcFixture;
import io.lakefs.sts.testsupport.hadoop.TokenFile;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.security.PrivilegedExceptionAction;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.security.Credentials;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.hadoop.security.token.Token;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The token's journey on a Kerberos cluster, against a real KDC: alice (Kerberos login plus her lakeFS key)
 * obtains a token on the "driver", it goes through a token file to an "executor" user holding no lakeFS or
 * AWS secret, which writes and reads {@code s3a://} data with it; the RM's principal renews it, alice may not.
 */
public class KerberosTokenHandoffTest {
  private static final String NAME_RULES = "RULE:[2:$1@$0](yarn@.*)s/.*/yarn/\nDEFAULT";

  @ClassRule
  public static final TemporaryFolder dir = new TemporaryFolder();

  private static MiniKdcFixture kdc;
  private static ServiceFixture fixture;
  private static UserGroupInformation alice;
  private static UserGroupInformation yarn;
  private static LogCapture log;

  @BeforeClass
  public static void start() throws Exception {
    log = new LogCapture();
    kdc = MiniKdcFixture.start(dir.getRoot().toPath());
    UserGroupInformation.reset();
    Map<String, String> kerberos = kdc.serviceSettings(NAME_RULES);
    fixture = ServiceFixture.start(null, conf -> kerberos.forEach(conf::set));
    // UGI is JVM-wide, shared with the service in this JVM: the same name rules on both sides.
    MiniKdcFixture.useInHadoop(NAME_RULES);
    alice = kdc.login("alice");
    yarn = kdc.login("yarn/rm.example.com");
  }

  @AfterClass
  public static void stop() throws Exception {
    try {
      if (fixture != null) {
        fixture.close();
      }
    } finally {
      UserGroupInformation.reset();
      if (kdc != null) {
        kdc.close();
      }
      if (log != null) {
        log.close();
      }
    }
  }

  private static <T> T as(UserGroupInformation user, PrivilegedExceptionAction<T> action) throws Exception {
    return user.doAs(action);
  }

  private static Token<LakeFSTokenIdentifier> aliceObtainsToken() throws Exception {
    LakeFSTokenIssuer issuer = new LakeFSTokenIssuer(BindingConfs.driver(fixture));
    return as(alice, () -> issuer.getDelegationToken(kdc.principal("yarn/rm.example.com")));
  }

  /** The token through a token file into a fresh user, as a YARN container gets it. */
  private static UserGroupInformation executorWith(Token<?> token, String fileName) throws IOException {
    return TokenFile.handOff(token, new File(dir.getRoot(), fileName), "alice");
  }


  private static void writeAndRead(UserGroupInformation executor, String key) throws Exception {
    fixture.assertWritesAndReadsAsAlice(executor, BindingConfs.executor(fixture), key);
  }

  @Test
  public void tokenFromKerberosUserCarriesScopeAndNoSecretInItsText() throws Exception {
    Token<LakeFSTokenIdentifier> token = aliceObtainsToken();

    LakeFSTokenIdentifier identifier = LakeFSTokens.decode(token).orElseThrow();
    URI endpoint = fixture.endpoint();
    assertEquals("lakefs://127.0.0.1:" + endpoint.getPort(), token.getService().toString());
    assertEquals(TokenKinds.LAKEFS_STS, token.getKind().toString());
    assertEquals(kdc.principal("alice"), identifier.getOwner().toString());
    assertEquals("yarn", identifier.getRenewer().toString());
    assertEquals("alice", identifier.getLakeFSUser());
    assertEquals(java.util.List.of("s3://" + fixture.aws().bucket() + "/" + ServiceFixture.REPO + "/ write"),
        identifier.getScope());
    assertTrue(identifier.getMaxDate() > identifier.getIssueDate());
    String text = token.toString() + identifier;
    assertTrue(text, text.contains("lakeFSUser=alice"));
    TestConfs.assertNoSecret(fixture, text, identifier.getServiceToken().reveal(),
        identifier.getCredentials().orElseThrow().secretAccessKey().reveal(),
        identifier.getCredentials().orElseThrow().sessionToken().reveal());
  }

  @Test
  public void executorWithOnlyTheTokenFileWritesAndReadsThroughS3A() throws Exception {
    UserGroupInformation executor = executorWith(aliceObtainsToken(), "issuer.token");

    writeAndRead(executor, ServiceFixture.REPO + "/data/handoff/from-issuer-token");
  }

  @Test
  public void driverFilesystemTokenBindsOnTheExecutor() throws Exception {
    Token<?> token = as(alice, () -> {
      try (FileSystem fs = FileSystem.newInstance(fixture.path("").toUri(), BindingConfs.driver(fixture))) {
        return fs.getDelegationToken(kdc.principal("yarn/rm.example.com"));
      }
    });
    assertEquals("s3a://" + fixture.aws().bucket(), token.getService().toString());
    assertEquals(TokenKinds.LAKEFS_STS, token.getKind().toString());

    writeAndRead(executorWith(token, "s3a.token"), ServiceFixture.REPO + "/data/handoff/from-s3a-token");
  }

  @Test
  public void renewerRenewsOthersAreRefusedOwnerCancels() throws Exception {
    Token<LakeFSTokenIdentifier> token = aliceObtainsToken();
    Configuration rm = new Configuration(false);

    assertTrue(token.isManaged());
    long expiry = as(yarn, () -> token.renew(rm));
    assertTrue(expiry > System.currentTimeMillis());

    IOException refused = assertThrows(IOException.class, () -> as(alice, () -> token.renew(rm)));
    // The service's reason names both: alice is not the renewer yarn.
    assertTrue(refused.getMessage(), refused.getMessage().contains("HTTP 403"));
    assertTrue(refused.getMessage(), refused.getMessage().contains("alice") && refused.getMessage().contains("yarn"));
    assertTrue(refused.getMessage(), refused.getMessage().contains("renew as the renewer"));

    as(alice, () -> {
      token.cancel(rm);
      return null;
    });
    IOException cancelled = assertThrows(IOException.class, () -> as(yarn, () -> token.renew(rm)));
    assertTrue(cancelled.getMessage(), cancelled.getMessage().contains("cancelled"));
  }

  @Test
  public void noSecretReachedTheLog() throws Exception {
    Token<LakeFSTokenIdentifier> token = aliceObtainsToken();
    LakeFSTokenIdentifier identifier = LakeFSTokens.decode(token).orElseThrow();
    writeAndRead(executorWith(token, "log.token"), ServiceFixture.REPO + "/data/handoff/log-check");

    TestConfs.assertNoSecret(fixture, log.text(), identifier.getServiceToken().reveal(),
        identifier.getCredentials().orElseThrow().secretAccessKey().reveal(),
        identifier.getCredentials().orElseThrow().sessionToken().reveal());
  }

  @Test
  public void nextRefreshTimeIsBeforeTheEmbeddedCredentialsExpire() throws Exception {
    Token<LakeFSTokenIdentifier> token = aliceObtainsToken();
    Credentials credentials = new Credentials();
    credentials.addToken(new Text("other"), new Token<>());
    credentials.addToken(token.getService(), token);
    long expiry = LakeFSTokens.decode(token).orElseThrow().getCredentials().orElseThrow().expirationEpochMillis();

    Optional<java.time.Instant> next = LakeFSTokens.nextRefreshTime(credentials, java.time.Duration.ofMinutes(5));

    assertEquals(Optional.of(java.time.Instant.ofEpochMilli(expiry).minusSeconds(300)), next);
    assertEquals(Optional.empty(), LakeFSTokens.nextRefreshTime(new Credentials(), java.time.Duration.ofMinutes(5)));
  }
}
