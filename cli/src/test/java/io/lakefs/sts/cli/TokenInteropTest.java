package io.lakefs.sts.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakefs.sts.hadoop.LakeFSTokenKeys;
import io.lakefs.sts.hadoop.token.LakeFSTokenIdentifier;
import io.lakefs.sts.hadoop.token.LakeFSTokens;
import io.lakefs.sts.protocol.TokenKinds;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.security.Credentials;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.hadoop.security.token.DtUtilShell;
import org.apache.hadoop.security.token.Token;
import org.apache.hadoop.util.ToolRunner;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * {@code lakefs-sts token} and Hadoop's own {@code dtutil} ({@link DtUtilShell}) read and write each other's token
 * files, and a token file is all {@code lakefs-sts credentials} needs. A cluster without Kerberos: alice
 * authenticates with her lakeFS key and names herself the renewer.
 */
public class TokenInteropTest {
  @ClassRule
  public static final TemporaryFolder dir = new TemporaryFolder();

  private static CliFixture fixture;
  private final ObjectMapper json = new ObjectMapper();

  @BeforeClass
  public static void start() throws Exception {
    UserGroupInformation.reset();
    fixture = CliFixture.start(dir.getRoot().toPath(), Duration.ofMinutes(15));
  }

  @AfterClass
  public static void stop() throws Exception {
    if (fixture != null) {
      fixture.close();
    }
  }

  private String service() {
    return "lakefs://127.0.0.1:" + fixture.service.endpoint().getPort();
  }

  /** {@code hadoop dtutil ARGS} as alice, with her lakeFS key in the Hadoop configuration. */
  private String dtutil(String... args) throws Exception {
    Configuration conf = new Configuration(false);
    conf.set(LakeFSTokenKeys.SERVICE_ENDPOINTS, fixture.service.endpoint().toString());
    conf.set(LakeFSTokenKeys.ACCESS_KEY, CliFixture.ALICE_KEY);
    conf.set(LakeFSTokenKeys.SECRET_KEY, CliFixture.ALICE_SECRET);
    conf.set(LakeFSTokenKeys.REPOSITORIES, CliFixture.REPO);
    conf.set(LakeFSTokenKeys.ACCESS, "write");
    DtUtilShell shell = new DtUtilShell();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    shell.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    int status = ToolRunner.run(conf, shell, args);
    String printed = out.toString(StandardCharsets.UTF_8);
    assertEquals("dtutil " + String.join(" ", args) + " printed: " + printed, 0, status);
    return printed;
  }

  private static LakeFSTokenIdentifier onlyIdentifier(File file) throws Exception {
    Credentials credentials = Credentials.readTokenStorageFile(file, new Configuration(false));
    assertEquals(1, credentials.numberOfTokens());
    Token<?> token = credentials.getAllTokens().iterator().next();
    return LakeFSTokens.decode(token).orElseThrow();
  }

  @Test
  public void aTokenFromDtutilIsAllLakefsStsNeeds() throws Exception {
    File file = new File(dir.getRoot(), "from-dtutil.token");
    dtutil("get", service(), "-renewer", "alice", file.getPath());
    Map<String, String> env = fixture.environment("token-file");
    env.remove(CliKeys.ENDPOINTS);
    env.put(CliKeys.HADOOP_TOKEN_FILE_LOCATION, file.getPath());

    CliFixture.Result credentials = CliFixture.run(env, "credentials", "--repository", CliFixture.REPO, "--access",
        "read", "--format", "json");
    CliFixture.Result outside = CliFixture.run(env, "credentials", "--repository", CliFixture.OTHER_REPO, "--access",
        "read");
    CliFixture.Result printed = CliFixture.run(env, "token", "print", file.getPath());

    assertEquals(credentials.toString(), 0, credentials.status());
    JsonNode answer = json.readTree(credentials.out());
    assertEquals("alice", answer.get("source_identity").asText());
    assertEquals("read", answer.get("scope").get(0).get("access").asText());
    assertEquals(outside.toString(), ExitCode.REFUSED.status, outside.status());
    assertTrue(outside.err(), outside.err().contains("LAKEFS_STS token of lakeFS user alice"));
    assertEquals(printed.toString(), 0, printed.status());
    LakeFSTokenIdentifier identifier = onlyIdentifier(file);
    assertTrue(printed.out(), printed.out().contains("LAKEFS_STS " + service()) && printed.out().contains("alice"));
    CliFixture.assertNoSecret(printed.out() + printed.err(), identifier.getServiceToken().reveal(),
        identifier.getCredentials().orElseThrow().secretAccessKey().reveal(),
        identifier.getCredentials().orElseThrow().sessionToken().reveal(), answer.get("secret_access_key").asText());

    Map<String, String> withKey = CliFixture.withAliceKey(fixture.environment("renew-dtutil-token"));
    CliFixture.Result renewed = CliFixture.run(withKey, "token", "renew", file.getPath());
    CliFixture.Result cancelled = CliFixture.run(withKey, "token", "cancel", file.getPath());
    assertEquals(renewed.toString(), 0, renewed.status());
    assertTrue(renewed.out(), renewed.out().startsWith("renewed " + service() + " until "));
    assertEquals(cancelled.toString(), 0, cancelled.status());
    assertEquals(0, Credentials.readTokenStorageFile(file, new Configuration(false)).numberOfTokens());
    CliFixture.Result afterCancel = CliFixture.run(fixture.environment("after-cancel"), "credentials", "--endpoint",
        fixture.service.endpoint().toString(), "--no-cache", "--repository", CliFixture.REPO, "--access", "read");
    assertEquals(afterCancel.toString(), ExitCode.NOT_CONFIGURED.status, afterCancel.status());
  }

  @Test
  public void aTokenFromLakefsStsIsHadoopsToo() throws Exception {
    File file = new File(dir.getRoot(), "from-lakefs-sts.token");
    Map<String, String> env = CliFixture.withAliceKey(fixture.environment("token-get"));

    CliFixture.Result got = CliFixture.run(env, "token", "get", "--repository", CliFixture.REPO, "--access", "write",
        "--renewer", "alice", file.getPath());

    assertEquals(got.toString(), 0, got.status());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.toPath())));
    LakeFSTokenIdentifier identifier = onlyIdentifier(file);
    assertEquals("alice", identifier.getLakeFSUser());
    assertEquals("alice", identifier.getRenewer().toString());
    String printed = dtutil("print", file.getPath());
    assertTrue(printed, printed.contains(TokenKinds.LAKEFS_STS) && printed.contains(service()));
    dtutil("renew", "-alias", service(), file.getPath());

    Map<String, String> serviceTokenOnly = fixture.environment("service-token");
    serviceTokenOnly.put(CliKeys.SERVICE_TOKEN, identifier.getServiceToken().reveal());
    CliFixture.Result withServiceToken = CliFixture.run(serviceTokenOnly, "credentials", "--repository",
        CliFixture.REPO, "--access", "write", "--format", "json");
    assertEquals(withServiceToken.toString(), 0, withServiceToken.status());
    assertEquals("alice", json.readTree(withServiceToken.out()).get("source_identity").asText());

    dtutil("cancel", "-alias", service(), file.getPath());
    CliFixture.Result cancelled = CliFixture.run(serviceTokenOnly, "credentials", "--repository", CliFixture.REPO,
        "--access", "write", "--no-cache");
    assertEquals(cancelled.toString(), ExitCode.REFUSED.status, cancelled.status());
    assertTrue(cancelled.err(), cancelled.err().contains("cancelled"));
    CliFixture.assertNoSecret(cancelled.err(), identifier.getServiceToken().reveal());
  }
}
