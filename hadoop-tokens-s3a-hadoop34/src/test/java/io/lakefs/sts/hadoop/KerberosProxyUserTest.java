package io.lakefs.sts.hadoop;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.lakefs.sts.hadoop.s3a.BindingConfs;
import io.lakefs.sts.hadoop.token.LakeFSTokenIdentifier;
import io.lakefs.sts.hadoop.token.LakeFSTokenIssuer;
import io.lakefs.sts.hadoop.token.LakeFSTokens;
import io.lakefs.sts.service.ServiceKeys;
import io.lakefs.sts.testsupport.MiniKdcFixture;
import java.security.PrivilegedExceptionAction;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.hadoop.security.token.Token;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A gateway (Livy, Oozie, HiveServer2) submitting for alice, as MapReduce and Spark do through
 * {@code UGI.createProxyUser("alice", gateway).doAs(...)}: the token library authenticates as the gateway's
 * Kerberos login and asks for alice's token ({@code doAs}); the service's proxy-user rules allow it; the token is
 * alice's, scoped by her lakeFS permissions, and an executor holding only it writes and reads her data. A gateway
 * the rules do not name is refused with the rule. No one holds alice's lakeFS key.
 */
public class KerberosProxyUserTest {
  private static final String NAME_RULES = "RULE:[2:$1@$0](livy@.*)s/.*/livy/\nRULE:[2:$1@$0](yarn@.*)s/.*/yarn/"
      + "\nDEFAULT";

  @ClassRule
  public static final TemporaryFolder dir = new TemporaryFolder();

  private static MiniKdcFixture kdc;
  private static ServiceFixture fixture;
  private static UserGroupInformation livy;
  private static UserGroupInformation mallory;

  @BeforeClass
  public static void start() throws Exception {
    kdc = MiniKdcFixture.start(dir.getRoot().toPath());
    UserGroupInformation.reset();
    Map<String, String> kerberos = kdc.serviceSettings(NAME_RULES);
    fixture = ServiceFixture.start(null, conf -> {
      kerberos.forEach(conf::set);
      conf.set(ServiceKeys.LAKEFS_SERVICE_ACCESS_KEY, ServiceFixture.SERVICE_KEY);
      conf.set(ServiceKeys.LAKEFS_SERVICE_SECRET_KEY, ServiceFixture.SERVICE_SECRET);
      conf.set(ServiceKeys.PROXYUSER_PREFIX + "livy.users", "alice");
      conf.set(ServiceKeys.PROXYUSER_PREFIX + "livy.hosts", "127.0.0.1");
    });
    MiniKdcFixture.useInHadoop(NAME_RULES);
    livy = kdc.login("livy/gateway.example.com");
    mallory = kdc.login("mallory");
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
    }
  }

  @Test
  public void aGatewayActingForAliceGetsAlicesTokenAndHerExecutorsUseIt() throws Exception {
    UserGroupInformation aliceViaLivy = UserGroupInformation.createProxyUser("alice", livy);

    Token<LakeFSTokenIdentifier> token = obtain(aliceViaLivy);
    LakeFSTokenIdentifier identifier = LakeFSTokens.decode(token).orElseThrow();
    UserGroupInformation executor = UserGroupInformation.createRemoteUser("alice");
    executor.addToken(token.getService(), token);

    assertEquals("alice", identifier.getLakeFSUser());
    assertEquals("alice", identifier.getOwner().toString());
    assertTrue(identifier.getRealUser().toString(), identifier.getRealUser().toString().startsWith("livy/"));
    fixture.assertWritesAndReadsAsAlice(executor, BindingConfs.executor(fixture), ServiceFixture.REPO + "/data/proxied/part-0");
  }

  @Test
  public void aGatewayTheRulesDoNotNameIsRefusedWithTheRule() {
    UserGroupInformation aliceViaMallory = UserGroupInformation.createProxyUser("alice", mallory);

    Exception refused = assertThrows(Exception.class, () -> obtain(aliceViaMallory));

    assertTrue(refused.toString(), refused.toString().contains("user mallory may not act for alice (doAs): no rule"
        + " lets mallory act for anyone: set lakefs.sts.proxyuser.mallory.users"));
  }

  /** What S3A's and MapReduce's token collection does on a driver: the token library, as the current user. */
  private static Token<LakeFSTokenIdentifier> obtain(UserGroupInformation user) throws Exception {
    Configuration conf = BindingConfs.executor(fixture);
    conf.set(io.lakefs.sts.hadoop.LakeFSTokenKeys.REPOSITORIES, ServiceFixture.REPO);
    conf.set(io.lakefs.sts.hadoop.LakeFSTokenKeys.ACCESS, "write");
    LakeFSTokenIssuer issuer = new LakeFSTokenIssuer(conf);
    return user.doAs((PrivilegedExceptionAction<Token<LakeFSTokenIdentifier>>) () ->
        issuer.getDelegationToken(kdc.principal("yarn/rm.example.com")));
  }
}
