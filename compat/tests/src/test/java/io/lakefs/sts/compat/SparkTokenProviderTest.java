package io.lakefs.sts.compat;

import io.lakefs.sts.protocol.TokenKinds;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.lakefs.sts.hadoop.LakeFSTokenKeys;
import io.lakefs.sts.hadoop.token.LakeFSTokenIdentifier;
import io.lakefs.sts.hadoop.token.LakeFSTokens;
import io.lakefs.sts.spark.LakeFSSparkKeys;
import io.lakefs.sts.testsupport.MiniKdcFixture;
import io.lakefs.sts.testsupport.hadoop.CredentialProviderFile;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivilegedExceptionAction;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.hadoop.security.token.Token;
import org.apache.spark.deploy.SparkHadoopUtil;
import org.junit.AfterClass;
import org.junit.Assume;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * The Kerberos path on this line's Spark: under alice's Kerberos login (MiniKdc), Spark's own
 * {@code HadoopDelegationTokenManager} ({@link SparkTokenManager}) loads the {@code lakefs} provider through its
 * ServiceLoader and obtains a token from the real credentials service, scheduling the next obtain before the
 * embedded STS credentials expire; a user holding only that token writes and reads through this line's S3A.
 * Spark's standalone and {@code local-cluster} modes ship no delegation tokens, so the manager is driven directly.
 */
public class SparkTokenProviderTest {
  private static final String MARGIN_SECONDS = "60";

  private static Path dir;
  private static MiniKdcFixture kdc;
  private static LineStack stack;
  private static UserGroupInformation alice;
  private static String providerPath;

  @BeforeClass
  public static void start() throws Exception {
    // A -Dtest=... run also runs this class in the default execution, on Hadoop's own jars instead of Spark's.
    Assume.assumeTrue("runs in the spark surefire execution", Boolean.getBoolean("lakefs.sts.test.spark"));
    dir = Files.createDirectories(Path.of("target", "spark-token-provider")).toAbsolutePath();
    kdc = MiniKdcFixture.start(Files.createTempDirectory(dir, "kdc-"));
    File httpKeytab = kdc.keytab("http.keytab", "HTTP/127.0.0.1");
    File aliceKeytab = kdc.keytab("alice.keytab", "alice");
    stack = LineStack.start(dir, null, Map.of(
            "lakefs.sts.auth.schemes", "negotiate,basic",
            "lakefs.sts.kerberos.principal", "HTTP/_HOST@" + kdc.realm(),
            "lakefs.sts.kerberos.keytab", httpKeytab.getAbsolutePath()),
        List.of("-Djava.security.krb5.conf=" + System.getProperty("java.security.krb5.conf")));
    // SparkHadoopUtil's first use resets UGI to its own (simple) configuration: get that done before the login.
    SparkHadoopUtil.get();
    Configuration security = new Configuration();
    security.set("hadoop.security.authentication", "kerberos");
    UserGroupInformation.setConfiguration(security);
    alice = UserGroupInformation.loginUserFromKeytabAndReturnUGI(kdc.principal("alice"), aliceKeytab.getPath());
    // The lakeFS key scopes the token; its secret stays on the driver, in a credential provider only it reads.
    providerPath = CredentialProviderFile.write(dir.resolve("driver-only.jceks"), LakeFSTokenKeys.SECRET_KEY,
        LineStack.ALICE_SECRET);
  }

  @AfterClass
  public static void stop() throws Exception {
    for (AutoCloseable closeable : new AutoCloseable[] {stack, kdc}) {
      if (closeable != null) {
        closeable.close();
      }
    }
  }

  @Test
  public void sparksTokenManagerObtainsATokenThatThisLinesS3AUses() throws Exception {
    Configuration hadoopConf = stack.executor();
    hadoopConf.set("hadoop.security.authentication", "kerberos");
    hadoopConf.set(LakeFSTokenKeys.REPOSITORIES, LineStack.REPO);
    hadoopConf.set(LakeFSTokenKeys.ACCESS, "write");
    hadoopConf.set(LakeFSTokenKeys.REFRESH_MARGIN_SECONDS, MARGIN_SECONDS);
    SparkTokenManager.Obtained obtained = alice.doAs((PrivilegedExceptionAction<SparkTokenManager.Obtained>) () ->
        SparkTokenManager.obtain(Map.of(
            // Every other provider Spark finds would ask its own service: only lakefs here.
            "spark.security.credentials.hadoopfs.enabled", "false",
            LakeFSSparkKeys.DRIVER_ACCESS_KEY, LineStack.ALICE_KEY,
            LakeFSSparkKeys.DRIVER_CREDENTIAL_PROVIDER_PATH, providerPath), hadoopConf));

    Token<?> token = obtained.credentials.getAllTokens().stream()
        .filter(t -> TokenKinds.LAKEFS_STS.equals(t.getKind().toString())).findFirst()
        .orElseThrow(() -> new AssertionError("no lakeFS token among " + obtained.credentials.getAllTokens()));
    LakeFSTokenIdentifier identifier = LakeFSTokens.decode(token).orElseThrow();
    assertEquals("alice", identifier.getLakeFSUser());
    assertEquals(kdc.principal("alice"), identifier.getOwner().toString());
    Instant expiry = Instant.ofEpochMilli(identifier.getCredentials().orElseThrow().expirationEpochMillis());
    assertEquals(expiry.minusSeconds(Long.parseLong(MARGIN_SECONDS)), obtained.nextObtain);
    stack.assertNoSecret(token.toString(), identifier.getServiceToken().reveal());

    UserGroupInformation executor = UserGroupInformation.createRemoteUser("alice");
    executor.addCredentials(obtained.credentials);
    stack.assertWritesAndReadsAsAlice(executor, stack.executor(), LineStack.REPO + "/data/provider/part-0");
  }
}
