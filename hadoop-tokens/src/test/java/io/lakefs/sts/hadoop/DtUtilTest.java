package io.lakefs.sts.hadoop;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.lakefs.sts.hadoop.client.ClientSettings;
import io.lakefs.sts.hadoop.client.CredentialsServiceClient;
import io.lakefs.sts.hadoop.client.CredentialsServiceException;
import io.lakefs.sts.hadoop.client.LakeFSAccessKey;
import io.lakefs.sts.hadoop.client.ServiceAuth;
import io.lakefs.sts.hadoop.token.LakeFSTokenIdentifier;
import io.lakefs.sts.hadoop.token.LakeFSTokens;
import io.lakefs.sts.protocol.Secret;
import io.lakefs.sts.protocol.TokenKinds;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.security.Credentials;
import org.apache.hadoop.security.token.DtUtilShell;
import org.apache.hadoop.security.token.Token;
import org.apache.hadoop.util.ToolRunner;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * {@code hadoop dtutil get lakefs://HOST:PORT}, {@code print}, {@code renew} and {@code cancel}, run through
 * Hadoop's own {@link DtUtilShell}, which finds our fetcher, identifier and renewer through the service loader.
 * A cluster without Kerberos: alice authenticates with her lakeFS key and is her token's renewer.
 */
public class DtUtilTest {
  @ClassRule
  public static final TemporaryFolder dir = new TemporaryFolder();

  private static ServiceFixture fixture;

  @BeforeClass
  public static void start() throws Exception {
    fixture = ServiceFixture.startWithoutKerberos(null);
  }

  @AfterClass
  public static void stop() throws Exception {
    ServiceFixture.stop(fixture);
  }

  private static String service() {
    return "lakefs://127.0.0.1:" + fixture.endpoint().getPort();
  }

  /** Runs {@code hadoop dtutil ARGS}; returns what it printed, after checking it succeeded. */
  private static String dtutil(String... args) throws Exception {
    DtUtilShell shell = new DtUtilShell();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    shell.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    int status = ToolRunner.run(TestConfs.driver(fixture), shell, args);
    String printed = out.toString(StandardCharsets.UTF_8);
    assertEquals("dtutil " + String.join(" ", args) + " printed: " + printed, 0, status);
    return printed;
  }

  private static Token<?> onlyToken(File file) throws Exception {
    Credentials credentials = Credentials.readTokenStorageFile(file, new Configuration(false));
    assertEquals(1, credentials.numberOfTokens());
    return credentials.getAllTokens().iterator().next();
  }

  @Test
  public void getPrintRenewCancel() throws Exception {
    File file = new File(dir.getRoot(), "alice.token");

    dtutil("get", service(), "-renewer", "alice", file.getPath());
    Token<?> token = onlyToken(file);
    assertEquals(TokenKinds.LAKEFS_STS, token.getKind().toString());
    assertEquals(service(), token.getService().toString());
    LakeFSTokenIdentifier identifier = LakeFSTokens.decode(token).orElseThrow();
    assertEquals("alice", identifier.getLakeFSUser());
    assertEquals(List.of("s3://" + fixture.aws().bucket() + "/" + ServiceFixture.REPO + "/ write"),
        identifier.getScope());

    String printed = dtutil("print", file.getPath());
    assertTrue(printed, printed.contains(TokenKinds.LAKEFS_STS) && printed.contains(service())
        && printed.contains("alice"));
    // Hadoop prints the encoded token itself too (the "URL enc token" column): it is the token, a bearer
    // credential as for every Hadoop token. No secret appears as text.
    TestConfs.assertNoSecret(fixture, printed, identifier.getServiceToken().reveal(),
        identifier.getCredentials().orElseThrow().secretAccessKey().reveal(),
        identifier.getCredentials().orElseThrow().sessionToken().reveal());

    dtutil("renew", "-alias", service(), file.getPath());
    dtutil("cancel", "-alias", service(), file.getPath());

    assertEquals(0, Credentials.readTokenStorageFile(file, new Configuration(false)).numberOfTokens());
    CredentialsServiceClient client = new CredentialsServiceClient(ClientSettings.from(TestConfs.driver(fixture)));
    CredentialsServiceException refused = assertThrows(CredentialsServiceException.class, () -> client.renew(
        ServiceAuth.lakeFSKey(new LakeFSAccessKey(ServiceFixture.ALICE_KEY, Secret.of(ServiceFixture.ALICE_SECRET))),
        identifier.getServiceToken()));
    assertTrue(refused.getMessage(), refused.getMessage().contains("cancelled"));
  }

  @Test
  public void identifierTextShowsUserAndScopeAndNoSecret() throws Exception {
    File file = new File(dir.getRoot(), "text.token");
    dtutil("get", service(), file.getPath());
    Token<?> token = onlyToken(file);
    LakeFSTokenIdentifier identifier = LakeFSTokens.decode(token).orElseThrow();

    // What logs show of a token (the RM's renewal lines among them): Token.toString() decodes the identifier.
    String text = token.toString();

    assertTrue(text, text.contains("lakeFSUser=alice") && text.contains(ServiceFixture.REPO + "/ write"));
    assertFalse(text, identifier.getRenewer().toString().isEmpty());
    TestConfs.assertNoSecret(fixture, text, identifier.getServiceToken().reveal(),
        identifier.getCredentials().orElseThrow().secretAccessKey().reveal(),
        identifier.getCredentials().orElseThrow().sessionToken().reveal());
  }
}
