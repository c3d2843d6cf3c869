package io.lakefs.sts.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakefs.sts.testsupport.Closeables;
import io.lakefs.sts.testsupport.CredentialsServiceProcess;
import io.lakefs.sts.testsupport.LoopbackStack;
import io.lakefs.sts.testsupport.MiniKdcFixture;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kerby.kerberos.kerb.client.KrbClient;
import org.apache.kerby.kerberos.kerb.type.ticket.TgtTicket;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The Kerberos authority: with a ticket cache as kinit leaves it ({@code KRB5CCNAME}), {@code lakefs-sts} (its
 * launcher, a JVM of its own) authenticates to a service that speaks SPNEGO as that principal, sending the lakeFS
 * key beside it, and the service holds the two to the same user.
 */
public class KerberosAuthorityTest {
  @ClassRule
  public static final TemporaryFolder dir = new TemporaryFolder();

  private static MiniKdcFixture kdc;
  private static LoopbackStack stack;
  private static CredentialsServiceProcess service;
  private static File aliceTicketCache;
  private static String krb5Conf;

  @BeforeClass
  public static void start() throws Exception {
    Path root = dir.getRoot().toPath();
    kdc = MiniKdcFixture.start(root);
    krb5Conf = System.getProperty("java.security.krb5.conf");
    File httpKeytab = kdc.keytab("http.keytab", "HTTP/127.0.0.1");
    File aliceKeytab = kdc.keytab("alice.keytab", "alice");
    // kinit -kt alice.keytab alice: a ticket cache file, written by Kerby's client as the MIT tools write it.
    KrbClient client = new KrbClient(new File(krb5Conf).getParentFile());
    client.init();
    TgtTicket tgt = client.requestTgt(kdc.principal("alice"), aliceKeytab);
    aliceTicketCache = root.resolve("krb5cc_alice").toFile();
    client.storeTicket(tgt, aliceTicketCache);

    stack = LoopbackStack.builder(root).lakeFS(CliFixture.WORLD)
        .serviceSettings(Map.of(
            "lakefs.sts.auth.schemes", "negotiate,basic",
            "lakefs.sts.kerberos.principal", "HTTP/_HOST@" + kdc.realm(),
            "lakefs.sts.kerberos.keytab", httpKeytab.getAbsolutePath()))
        .serviceJvmOptions(List.of("-Djava.security.krb5.conf=" + krb5Conf))
        .start();
    service = stack.service();
  }

  @AfterClass
  public static void stop() throws Exception {
    Closeables.closeAll(stack, kdc);
  }

  /** The launcher with alice's ticket cache and a lakeFS key, as a user after kinit runs it. */
  private CliFixture.Result lakefsSts(String key, String secret, String... args) throws Exception {
    Map<String, String> env = CliFixture.launcherEnvironment(Map.of(
        "HOME", dir.newFolder().getPath(),
        CliKeys.KRB5CCNAME, "FILE:" + aliceTicketCache,
        CliKeys.LAKECTL_ACCESS_KEY_ID, key,
        CliKeys.LAKECTL_SECRET_ACCESS_KEY, secret));
    env.put("LAKEFS_STS_JAVA_OPTS", "-Djava.security.krb5.conf=" + krb5Conf);
    env.put(CliKeys.ENDPOINTS, service.endpoint().toString());
    List<String> command = new java.util.ArrayList<>(List.of(CliFixture.LAUNCHER.toString()));
    command.addAll(List.of(args));
    return CliFixture.exec(env, dir.getRoot().toPath(), command);
  }

  private CliFixture.Result lakefsStsCredentials(String key, String secret, String repository) throws Exception {
    return lakefsSts(key, secret, "credentials", "--repository", repository, "--access", "read", "--format", "json");
  }

  @Test
  public void theTicketCachesPrincipalWithItsOwnLakeFSKeyGetsCredentials() throws Exception {
    CliFixture.Result result = lakefsStsCredentials(CliFixture.ALICE_KEY, CliFixture.ALICE_SECRET, CliFixture.REPO);

    assertEquals(result.toString(), 0, result.status());
    assertEquals("alice", new ObjectMapper().readTree(result.out()).get("source_identity").asText());
    // Kerberos callers get credentials through one of the service's tokens, obtained with the SPNEGO login.
    String audit = service.outputOnceItHolds("\"event\":\"credentials.issued\",\"user\":\"alice\"");
    assertTrue(audit, audit.contains("\"event\":\"token.issued\",\"user\":\"alice\""));
    assertTrue(audit, audit.contains("\"event\":\"credentials.issued\",\"user\":\"alice\",\"auth_method\":"
        + "\"delegation-token\""));
  }

  @Test
  public void kerberosComesBeforeTheLakeFSKeySoAnotherUsersKeyIsRefused() throws Exception {
    // bob's key alone would get bob's repository; beside alice's Kerberos login it is refused.
    CliFixture.Result result = lakefsStsCredentials(CliFixture.BOB_KEY, CliFixture.BOB_SECRET, CliFixture.OTHER_REPO);

    assertEquals(result.toString(), ExitCode.REFUSED.status, result.status());
    assertTrue(result.err(), result.err().contains("Kerberos login of alice@" + kdc.realm()));
    CliFixture.assertNoSecret(result.err());
  }

  @Test
  public void aKerberosUsersTokenNamesThePrincipalsShortNameAsRenewerAndRenewsAsIt() throws Exception {
    File token = new File(dir.getRoot(), "alice-kerberos.token");

    CliFixture.Result got = lakefsSts(CliFixture.ALICE_KEY, CliFixture.ALICE_SECRET, "token", "get", "--repository",
        CliFixture.REPO, "--access", "read", token.getPath());
    CliFixture.Result renewed = lakefsSts(CliFixture.ALICE_KEY, CliFixture.ALICE_SECRET, "token", "renew",
        token.getPath());

    assertEquals(got.toString(), 0, got.status());
    assertTrue(got.out(), got.out().contains("owner=alice@" + kdc.realm()) && got.out().contains("renewer=alice,"));
    assertEquals(renewed.toString(), 0, renewed.status());
    assertTrue(renewed.out(), renewed.out().startsWith("renewed lakefs://127.0.0.1:"));
  }
}
