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
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.security.Credentials;
import org.apache.hadoop.security.token.DtUtilShell;
import org.apache.hadoop.security.token.Token;
import org.apache.hadoop.security.token.TokenIdentifier;
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

  /**
   * What a user running {@code hadoop dtutil} has: the service's endpoint and alice's lakeFS key, repositories
   * and access; nothing of S3A.
   */
  private static Configuration conf() {
    Configuration conf = new Configuration();
    conf.set(LakeFSTokenKeys.SERVICE_ENDPOINTS, fixture.endpoint().toString());
    conf.set(LakeFSTokenKeys.RETRY_ATTEMPTS, "1");
    conf.set(LakeFSTokenKeys.ACCESS_KEY, ServiceFixture.ALICE_KEY);
    conf.set(LakeFSTokenKeys.SECRET_KEY, ServiceFixture.ALICE_SECRET);
    conf.set(LakeFSTokenKeys.REPOSITORIES, ServiceFixture.REPO);
    conf.set(LakeFSTokenKeys.ACCESS, "write");
    return conf;
  }

  /** Runs {@code hadoop dtutil ARGS}; returns what it printed, after checking it succeeded. */
  private static String dtutil(String... args) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int status = dtutil(out, args);
    String printed = out.toString(StandardCharsets.UTF_8);
    assertEquals("dtutil " + String.join(" ", args) + " printed: " + printed, 0, status);
    return printed;
  }

  /** Runs {@code hadoop dtutil ARGS}, printing to {@code out}; returns its exit status. */
  private static int dtutil(ByteArrayOutputStream out, String... args) throws Exception {
    DtUtilShell shell = new DtUtilShell();
    shell.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    return ToolRunner.run(conf(), shell, args);
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
    assertCancelled(identifier);
  }

  @Test
  public void aTokenFiledTwiceByAliasIsCancelledOnceAndTheSecondCancelSucceeds() throws Exception {
    File fetched = new File(dir.getRoot(), "fetched.token");
    dtutil("get", service(), "-renewer", "alice", fetched.getPath());
    Token<?> token = onlyToken(fetched);
    // Filed twice, as a job's credentials may hold one token under two aliases: dtutil cancels each entry whose
    // service matches, so the service sees the second cancel of a token it has already cancelled.
    Credentials twice = new Credentials();
    twice.addToken(new Text("first"), token);
    twice.addToken(new Text("second"), token);
    File file = new File(dir.getRoot(), "twice.token");
    twice.writeTokenStorageFile(new Path(file.toURI()), new Configuration(false));

    dtutil("cancel", "-alias", service(), file.getPath());

    assertEquals(0, Credentials.readTokenStorageFile(file, new Configuration(false)).numberOfTokens());
    assertCancelled(LakeFSTokens.decode(token).orElseThrow());
  }

  @Test
  public void cancellingAnAlteredTokenFails() throws Exception {
    File fetched = new File(dir.getRoot(), "genuine.token");
    dtutil("get", service(), "-renewer", "alice", fetched.getPath());
    Token<?> genuine = onlyToken(fetched);
    LakeFSTokenIdentifier identifier = LakeFSTokens.decode(genuine).orElseThrow();
    Token<?> altered = withServiceToken(genuine, identifier, alteredPassword(identifier.getServiceToken()));
    Credentials credentials = new Credentials();
    credentials.addToken(altered.getService(), altered);
    File file = new File(dir.getRoot(), "altered.token");
    credentials.writeTokenStorageFile(new Path(file.toURI()), new Configuration(false));

    ByteArrayOutputStream out = new ByteArrayOutputStream();

    int status = dtutil(out, "cancel", "-alias", service(), file.getPath());

    assertEquals(out.toString(StandardCharsets.UTF_8), 1, status);
    assertEquals("a failed cancel leaves the file as it was", 1,
        Credentials.readTokenStorageFile(file, new Configuration(false)).numberOfTokens());
    // What dtutil printed to the console (the JVM's stderr), through the same renewer dtutil found.
    CredentialsServiceException refused = assertThrows(CredentialsServiceException.class, () -> altered.cancel(conf()));
    assertEquals(HttpURLConnection.HTTP_FORBIDDEN, refused.status());
    assertTrue(refused.getMessage(), refused.serviceMessage().contains("does not match its signature"));
    TestConfs.assertNoSecret(fixture, refused.getMessage(), identifier.getServiceToken().reveal());
    // The genuine token is untouched by the attempts.
    dtutil("renew", "-alias", service(), fetched.getPath());
  }

  /** The service refuses to renew the token: it was cancelled. */
  private static void assertCancelled(LakeFSTokenIdentifier identifier) {
    CredentialsServiceClient client = new CredentialsServiceClient(ClientSettings.from(conf()));
    CredentialsServiceException refused = assertThrows(CredentialsServiceException.class, () -> client.renew(
        ServiceAuth.lakeFSKey(new LakeFSAccessKey(ServiceFixture.ALICE_KEY, Secret.of(ServiceFixture.ALICE_SECRET))),
        identifier.getServiceToken()));
    assertTrue(refused.getMessage(), refused.getMessage().contains("cancelled"));
  }

  /** The service's token with the last byte of its password flipped: a forgery the service must detect. */
  private static Secret alteredPassword(Secret serviceToken) throws Exception {
    Token<TokenIdentifier> token = new Token<>();
    token.decodeFromUrlString(serviceToken.reveal());
    byte[] password = token.getPassword();
    password[password.length - 1] ^= 1;
    return Secret.of(new Token<>(token.getIdentifier(), password, token.getKind(), token.getService())
        .encodeToUrlString());
  }

  /** A lakeFS STS token like {@code genuine}, carrying {@code serviceToken} instead of its own. */
  private static Token<?> withServiceToken(Token<?> genuine, LakeFSTokenIdentifier identifier, Secret serviceToken) {
    LakeFSTokenIdentifier altered = LakeFSTokenIdentifier.builder()
        .owner(identifier.getOwner().toString())
        .renewer(identifier.getRenewer().toString())
        .uri(identifier.getUri())
        .lakeFSUser(identifier.getLakeFSUser())
        .serviceEndpoints(identifier.getServiceEndpoints())
        .serviceToken(serviceToken)
        .scope(identifier.getScope())
        .build();
    return new Token<>(altered.getBytes(), genuine.getPassword(), genuine.getKind(), genuine.getService());
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
