package io.lakefs.sts.compat;

import io.lakefs.sts.protocol.TokenKinds;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.lakefs.sts.hadoop.token.LakeFSTokenIdentifier;
import io.lakefs.sts.hadoop.token.LakeFSTokenIssuer;
import io.lakefs.sts.hadoop.token.LakeFSTokens;
import io.lakefs.sts.testsupport.MiniKdcFixture;
import io.lakefs.sts.testsupport.hadoop.TokenFile;
import java.io.File;
import java.io.IOException;
import java.security.PrivilegedExceptionAction;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.hadoop.security.token.Token;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The token's journey on a Kerberos cluster of this line, against a real KDC: alice (Kerberos login plus her
 * lakeFS key) obtains a token on the "driver", through this line's S3A and through the issuer; it goes through a
 * token file to an "executor" user holding no lakeFS or AWS secret, which writes and reads {@code s3a://} data
 * with it on this line's S3A and AWS SDK; the RM's principal renews it, alice may not, and alice cancels it.
 */
public class KerberosHandoffTest {
  private static final String NAME_RULES = "RULE:[2:$1@$0](yarn@.*)s/.*/yarn/\nDEFAULT";

  @ClassRule
  public static final TemporaryFolder dir = new TemporaryFolder();

  private static MiniKdcFixture kdc;
  private static LineStack stack;
  private static UserGroupInformation alice;
  private static UserGroupInformation yarn;

  @BeforeClass
  public static void start() throws Exception {
    kdc = MiniKdcFixture.start(dir.getRoot().toPath());
    stack = LineStack.start(dir.getRoot().toPath(), null, kdc.serviceSettings(NAME_RULES),
        List.of("-Djava.security.krb5.conf=" + System.getProperty("java.security.krb5.conf")));
    MiniKdcFixture.useInHadoop(NAME_RULES);
    alice = kdc.login("alice");
    yarn = kdc.login("yarn/rm.example.com");
  }

  @AfterClass
  public static void stop() throws Exception {
    try {
      if (stack != null) {
        stack.close();
      }
    } finally {
      UserGroupInformation.reset();
      if (kdc != null) {
        kdc.close();
      }
    }
  }

  private static <T> T as(UserGroupInformation user, PrivilegedExceptionAction<T> action) throws Exception {
    return user.doAs(action);
  }

  private static Token<LakeFSTokenIdentifier> aliceObtainsToken() throws Exception {
    LakeFSTokenIssuer issuer = new LakeFSTokenIssuer(stack.driver());
    return as(alice, () -> issuer.getDelegationToken(kdc.principal("yarn/rm.example.com")));
  }

  /** The token through a token file into a fresh user, as a YARN container gets it. */
  private static UserGroupInformation executorWith(Token<?> token, String fileName) throws IOException {
    return TokenFile.handOff(token, new File(dir.getRoot(), fileName), "alice");
  }

  @Test
  public void executorWithOnlyTheIssuersTokenWritesAndReadsThroughS3A() throws Exception {
    Token<LakeFSTokenIdentifier> token = aliceObtainsToken();
    LakeFSTokenIdentifier identifier = LakeFSTokens.decode(token).orElseThrow();
    assertEquals(kdc.principal("alice"), identifier.getOwner().toString());
    assertEquals("yarn", identifier.getRenewer().toString());
    assertEquals("alice", identifier.getLakeFSUser());
    stack.assertNoSecret(token.toString(), identifier.getServiceToken().reveal(),
        identifier.getCredentials().orElseThrow().secretAccessKey().reveal(),
        identifier.getCredentials().orElseThrow().sessionToken().reveal());

    stack.assertWritesAndReadsAsAlice(executorWith(token, "issuer.token"), stack.executor(),
        LineStack.REPO + "/data/handoff/from-issuer-token");
  }

  @Test
  public void tokenFromThisLinesS3ABindsOnTheExecutor() throws Exception {
    Token<?> token = as(alice, () -> {
      try (FileSystem fs = FileSystem.newInstance(stack.path("").toUri(), stack.driver())) {
        return fs.getDelegationToken(kdc.principal("yarn/rm.example.com"));
      }
    });
    assertEquals("s3a://" + stack.aws().bucket(), token.getService().toString());
    assertEquals(TokenKinds.LAKEFS_STS, token.getKind().toString());

    stack.assertWritesAndReadsAsAlice(executorWith(token, "s3a.token"), stack.executor(),
        LineStack.REPO + "/data/handoff/from-s3a-token");
  }

  @Test
  public void renewerRenewsOthersAreRefusedOwnerCancels() throws Exception {
    Token<LakeFSTokenIdentifier> token = aliceObtainsToken();
    Configuration rm = new Configuration(false);

    long expiry = as(yarn, () -> token.renew(rm));
    assertTrue(expiry > System.currentTimeMillis());
    IOException refused = assertThrows(IOException.class, () -> as(alice, () -> token.renew(rm)));
    assertTrue(refused.getMessage(), refused.getMessage().contains("HTTP 403"));

    as(alice, () -> {
      token.cancel(rm);
      return null;
    });
    IOException cancelled = assertThrows(IOException.class, () -> as(yarn, () -> token.renew(rm)));
    assertTrue(cancelled.getMessage(), cancelled.getMessage().contains("cancelled"));
  }
}
