package io.lakefs.sts.compat;

import io.lakefs.sts.protocol.TokenKinds;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.lakefs.sts.hadoop.token.LakeFSTokenIdentifier;
import io.lakefs.sts.hadoop.token.LakeFSTokens;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
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
 * {@code hadoop dtutil get lakefs://HOST:PORT}, {@code print}, {@code renew} and {@code cancel} through this
 * line's own {@link DtUtilShell}, which finds the fetcher, identifier and renewer through the service loader.
 * A cluster without Kerberos: alice authenticates with her lakeFS key and is her token's renewer.
 */
public class DtUtilTest {
  @ClassRule
  public static final TemporaryFolder dir = new TemporaryFolder();

  private static LineStack stack;

  @BeforeClass
  public static void start() throws Exception {
    // Hadoop's default, simple authentication: each test class has a JVM of its own (reuseForks=false).
    stack = LineStack.start(dir.getRoot().toPath(), null, Map.of(), List.of());
  }

  @AfterClass
  public static void stop() throws Exception {
    if (stack != null) {
      stack.close();
    }
  }

  /** Runs {@code hadoop dtutil ARGS}; returns what it printed, after checking it succeeded. */
  private static String dtutil(String... args) throws Exception {
    DtUtilShell shell = new DtUtilShell();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    shell.setOut(new PrintStream(out, true, "UTF-8"));
    int status = ToolRunner.run(stack.driver(), shell, args);
    String printed = out.toString(StandardCharsets.UTF_8);
    assertEquals("dtutil " + String.join(" ", args) + " printed: " + printed, 0, status);
    return printed;
  }

  @Test
  public void getPrintRenewCancel() throws Exception {
    File file = new File(dir.getRoot(), "alice.token");

    dtutil("get", stack.serviceName(), "-renewer", "alice", file.getPath());
    Credentials got = Credentials.readTokenStorageFile(file, new Configuration(false));
    assertEquals(1, got.numberOfTokens());
    Token<?> token = got.getAllTokens().iterator().next();
    assertEquals(TokenKinds.LAKEFS_STS, token.getKind().toString());
    assertEquals(stack.serviceName(), token.getService().toString());
    LakeFSTokenIdentifier identifier = LakeFSTokens.decode(token).orElseThrow();
    assertEquals("alice", identifier.getLakeFSUser());

    String printed = dtutil("print", file.getPath());
    // dtutil's table: kind, service, renewer, expiry and the encoded token (a bearer credential, as every Hadoop
    // token's is); no secret as text.
    assertTrue(printed, printed.contains(TokenKinds.LAKEFS_STS) && printed.contains(stack.serviceName())
        && printed.contains("alice"));
    stack.assertNoSecret(printed, identifier.getServiceToken().reveal(),
        identifier.getCredentials().orElseThrow().secretAccessKey().reveal(),
        identifier.getCredentials().orElseThrow().sessionToken().reveal());

    dtutil("renew", "-alias", stack.serviceName(), file.getPath());
    dtutil("cancel", "-alias", stack.serviceName(), file.getPath());

    assertEquals(0, Credentials.readTokenStorageFile(file, new Configuration(false)).numberOfTokens());
    IOException refused = assertThrows(IOException.class, () -> token.renew(stack.driver()));
    assertTrue(refused.getMessage(), refused.getMessage().contains("cancelled"));
  }
}
