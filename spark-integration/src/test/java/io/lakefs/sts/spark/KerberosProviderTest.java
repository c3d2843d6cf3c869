package io.lakefs.sts.spark;

import io.lakefs.sts.testsupport.Closeables;
import io.lakefs.sts.testsupport.CredentialsServiceProcess;

import io.lakefs.sts.hadoop.token.LakeFSTokenIdentifier;
import io.lakefs.sts.hadoop.token.LakeFSTokens;
import io.lakefs.sts.protocol.TokenKinds;
import io.lakefs.sts.testsupport.LocalAwsProcess;
import io.lakefs.sts.testsupport.LoopbackStack;
import io.lakefs.sts.testsupport.hadoop.CredentialProviderFile;
import io.lakefs.sts.testsupport.lakefs.AliceAndBob;
import io.lakefs.sts.testsupport.MiniKdcFixture;
import io.lakefs.sts.testsupport.lakefs.LakeFSStandIn;
import java.io.File;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivilegedExceptionAction;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.security.Credentials;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.hadoop.security.token.Token;
import org.apache.spark.SparkConf;
import org.apache.spark.deploy.SparkHadoopUtil;
import org.apache.spark.deploy.security.HadoopDelegationTokenManager;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import scala.Tuple2;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

/**
 * The Kerberos path: under a Kerberos login (MiniKdc), Spark's own {@link HadoopDelegationTokenManager} loads
 * the {@code lakefs} provider through its ServiceLoader, obtains tokens from the real credentials service
 * (SPNEGO plus the lakeFS key) and computes when to obtain them again; tokens merged the way executors merge
 * pushed ones make an already-open S3A filesystem sign with the new credentials. No MiniYARNCluster: see README.
 */
public class KerberosProviderTest {
  private static final long STS_LIFETIME_SECONDS = 20;
  private static final AliceAndBob WORLD = AliceAndBob.withKeys("AKIAIOSFODNN7ALICE01",
      "alice-lakefs-secret-kerberos-path", "AKIAIOSFODNN7BOB0001", "bob-lakefs-secret-kerberos-path");
  private static final String USER = AliceAndBob.ALICE;
  private static final String ACCESS_KEY = WORLD.alice().accessKeyId();
  private static final String SECRET_KEY = WORLD.alice().secretAccessKey();
  private static final String REPOSITORY = WORLD.aliceRepository();

  private static Path dir;
  private static MiniKdcFixture kdc;
  private static LoopbackStack stack;
  private static LocalAwsProcess aws;
  private static LakeFSStandIn lakeFS;
  private static CredentialsServiceProcess service;
  private static UserGroupInformation alice;
  private static String providerPath;

  @BeforeClass
  public static void start() throws Exception {
    dir = Files.createDirectories(Path.of("target", "kerberos-path")).toAbsolutePath();
    kdc = MiniKdcFixture.start(Files.createTempDirectory(dir, "kdc-"));
    File httpKeytab = kdc.keytab("http.keytab", "HTTP/127.0.0.1");
    File aliceKeytab = kdc.keytab("alice.keytab", USER);
    stack = LoopbackStack.builder(dir).stsLifetime(Duration.ofSeconds(STS_LIFETIME_SECONDS)).lakeFS(WORLD)
        .serviceSettings(Map.of(
            "lakefs.sts.auth.schemes", "negotiate,basic",
            "lakefs.sts.kerberos.principal", "HTTP/_HOST@" + kdc.realm(),
            "lakefs.sts.kerberos.keytab", httpKeytab.toString()))
        .serviceJvmOptions(List.of("-Djava.security.krb5.conf=" + System.getProperty("java.security.krb5.conf")))
        .start();
    aws = stack.aws();
    lakeFS = stack.lakeFS();
    service = stack.service();
    // SparkHadoopUtil's first use resets UGI to its own (simple) configuration: get that done before the login.
    SparkHadoopUtil.get();
    Configuration security = new Configuration();
    security.set("hadoop.security.authentication", "kerberos");
    UserGroupInformation.setConfiguration(security);
    alice = UserGroupInformation.loginUserFromKeytabAndReturnUGI(kdc.principal(USER), aliceKeytab.getPath());
    // The lakeFS key scopes the token; it stays on the driver, in a credential provider only it reads.
    providerPath = CredentialProviderFile.write(dir.resolve("driver-only.jceks"),
        io.lakefs.sts.hadoop.LakeFSTokenKeys.SECRET_KEY, SECRET_KEY);
  }

  @AfterClass
  public static void stop() throws Exception {
    Closeables.closeAll(stack, kdc);
  }

  @Test
  public void sparksTokenManagerObtainsLakeFSTokensAndSchedulesTheNextBeforeTheStsCredentialsExpire()
      throws Exception {
    HadoopDelegationTokenManager manager = new HadoopDelegationTokenManager(sparkConf(), hadoopConf(), null);
    assertTrue("Spark's ServiceLoader did not load the lakefs provider",
        manager.isProviderLoaded(LakeFSDelegationTokenProvider.SERVICE_NAME));
    Instant before = Instant.now();
    Tuple2<Credentials, Object> obtained = alice.doAs(
        (PrivilegedExceptionAction<Tuple2<Credentials, Object>>) () -> obtainAsTheManagerDoes(manager));
    Token<?> token = lakeFSToken(obtained._1());
    LakeFSTokenIdentifier identifier = LakeFSTokens.decode(token).orElseThrow();
    assertEquals(USER, identifier.getLakeFSUser());
    assertEquals(kdc.principal(USER), identifier.getOwner().toString());
    Instant expiry = Instant.ofEpochMilli(identifier.getCredentials().orElseThrow().expirationEpochMillis());
    Instant next = Instant.ofEpochMilli((Long) obtained._2());
    // 5 s refresh margin before the 20 s credentials expire: far before the token's 7-day maximum life.
    assertEquals(expiry.minusSeconds(5), next);
    assertTrue(next + " is not after " + before, next.isAfter(before));
    assertFalse(token.toString().contains(SECRET_KEY));
    // Each obtain logs in to lakeFS again, so the tokens Spark pushes carry a fresh login token for executors.
    assertEquals(lakeFS.endpoint(), identifier.getLakeFSLogin().orElseThrow().lakeFSEndpoint());
    assertFalse(token.toString().contains(identifier.getLakeFSLogin().orElseThrow().token().reveal()));

    SparkConf disabled = sparkConf().set(LakeFSSparkKeys.PROVIDER_ENABLED, "false");
    assertFalse(new HadoopDelegationTokenManager(disabled, hadoopConf(), null)
        .isProviderLoaded(LakeFSDelegationTokenProvider.SERVICE_NAME));
  }

  @Test
  public void tokensMergedAsExecutorsMergePushedOnesReachAnAlreadyOpenFileSystem() throws Exception {
    HadoopDelegationTokenManager manager = new HadoopDelegationTokenManager(sparkConf(), hadoopConf(), null);
    // Under data/, the one prefix a write token reaches (where lakeFS places objects); this test is about the
    // tokens reaching an open S3A, not lakeFS's metadata, so it writes there directly.
    URI base = URI.create("s3a://" + aws.bucket() + "/" + REPOSITORY + "/data/merged/");
    Credentials first = alice.doAs((PrivilegedExceptionAction<Credentials>) () -> obtainAsTheManagerDoes(manager)._1());
    alice.doAs((PrivilegedExceptionAction<Void>) () -> {
      SparkHadoopUtil.get().addCurrentUserCredentials(first);
      return null;
    });
    FileSystem fs = alice.doAs((PrivilegedExceptionAction<FileSystem>) () -> FileSystem.newInstance(base, s3aConf()));
    try {
      write(fs, base.resolve("first"));
      alice.doAs((PrivilegedExceptionAction<Void>) () -> {
        // What an executor does with the tokens the driver pushes (UpdateDelegationTokens).
        SparkHadoopUtil.get().addCurrentUserCredentials(obtainAsTheManagerDoes(manager)._1());
        // With the first token cancelled, only the merged one can get the filesystem fresh credentials.
        lakeFSToken(first).cancel(hadoopConf());
        return null;
      });
      // Past the first credentials' expiry: the open filesystem must have moved to the merged token.
      Thread.sleep(Duration.ofSeconds(STS_LIFETIME_SECONDS - 2).toMillis());
      write(fs, base.resolve("second"));
    } finally {
      fs.close();
    }
    assertEquals(embeddedAccessKey(first), accessKeyOf("data/merged/first"));
    assertNotEquals(embeddedAccessKey(first), accessKeyOf("data/merged/second"));
    assertFalse(service.output().contains(SECRET_KEY));
  }

  /** The manager's own obtain step, which its renewal task runs and schedules from (private in Scala). */
  private static Tuple2<Credentials, Object> obtainAsTheManagerDoes(HadoopDelegationTokenManager manager) {
    return manager.org$apache$spark$deploy$security$HadoopDelegationTokenManager$$obtainDelegationTokens();
  }

  private static SparkConf sparkConf() {
    return new SparkConf(false)
        // Every other provider Spark finds would ask its own service: only lakefs here.
        .set("spark.security.credentials.hadoopfs.enabled", "false")
        .set(LakeFSSparkKeys.DRIVER_ACCESS_KEY, ACCESS_KEY)
        .set(LakeFSSparkKeys.DRIVER_CREDENTIAL_PROVIDER_PATH, providerPath);
  }

  private static Configuration hadoopConf() {
    Configuration conf = new Configuration();
    conf.set("hadoop.security.authentication", "kerberos");
    conf.set(io.lakefs.sts.hadoop.LakeFSTokenKeys.SERVICE_ENDPOINTS, service.endpoint().toString());
    conf.set(io.lakefs.sts.hadoop.LakeFSTokenKeys.REPOSITORIES, REPOSITORY);
    conf.set(io.lakefs.sts.hadoop.LakeFSTokenKeys.ACCESS, "write");
    conf.set(io.lakefs.sts.hadoop.LakeFSTokenKeys.REFRESH_MARGIN_SECONDS, "5");
    conf.set(io.lakefs.sts.hadoop.LakeFSTokenKeys.PREFETCH_SECONDS, "10");
    conf.set(io.lakefs.sts.hadoop.LakeFSTokenKeys.LOGIN_ENDPOINT, lakeFS.endpoint().toString());
    return conf;
  }

  /** An executor's view: the binding and the endpoint, no lakeFS key. */
  private static Configuration s3aConf() {
    Configuration conf = hadoopConf();
    conf.set("fs.s3a.delegation.token.binding", LakeFSSparkKeys.S3A_BINDING_CLASS);
    conf.set("fs.s3a.endpoint", aws.s3Endpoint().toString());
    conf.set("fs.s3a.endpoint.region", aws.region());
    conf.set("fs.s3a.path.style.access", "true");
    return conf;
  }

  private static Token<?> lakeFSToken(Credentials credentials) {
    return credentials.getAllTokens().stream()
        .filter(t -> TokenKinds.LAKEFS_STS.equals(t.getKind().toString())).findFirst()
        .orElseThrow(() -> new AssertionError("no lakeFS token among " + credentials.getAllTokens()));
  }

  private static String embeddedAccessKey(Credentials credentials) {
    return LakeFSTokens.decode(lakeFSToken(credentials)).orElseThrow().getCredentials().orElseThrow().accessKeyId();
  }

  private static void write(FileSystem fs, URI file) throws Exception {
    alice.doAs((PrivilegedExceptionAction<Void>) () -> {
      try (FSDataOutputStream out = fs.create(new org.apache.hadoop.fs.Path(file), true)) {
        out.write("hello".getBytes(StandardCharsets.UTF_8));
      }
      return null;
    });
  }

  private static String accessKeyOf(String key) throws Exception {
    Pattern accessKey = Pattern.compile("\"accessKeyId\":\"([^\"]*)\"");
    return aws.accessLogLines().stream()
        .filter(l -> l.contains("REST.PUT.OBJECT") && l.contains("\"key\":\"" + REPOSITORY + "/" + key + "\""))
        .map(accessKey::matcher).filter(Matcher::find).map(m -> m.group(1)).findFirst()
        .orElseThrow(() -> new AssertionError("no PUT of " + key + " in the access log"));
  }
}
