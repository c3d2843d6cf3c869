package io.lakefs.sts.yarn;

import io.lakefs.sts.testsupport.CredentialsServiceProcess;
import io.lakefs.sts.testsupport.LocalAwsProcess;
import io.lakefs.sts.testsupport.MiniKdcFixture;
import io.lakefs.sts.testsupport.lakefs.LakeFSStandIn;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.security.alias.CredentialProvider;
import org.apache.hadoop.security.alias.CredentialProviderFactory;

/**
 * What the jobs reach, on loopback: local-aws (STS and S3), the lakeFS stand-in (alice may write {@code repo1}) and
 * the real credentials service with Kerberos ({@code HTTP/127.0.0.1}, the RM's {@code yarn/HOST} mapped to
 * {@code yarn}). Alice's lakeFS secret lives in a credential provider file, never in a job's configuration.
 */
final class LakeFSStack implements AutoCloseable {
  static final String USER = "alice";
  static final String ACCESS_KEY = "AKIAIOSFODNN7ALICE01";
  static final String SECRET_KEY = "alice-lakefs-secret-for-the-yarn-tests";
  static final String REPOSITORY = "repo1";
  /** The configuration file users copy from the examples module; the jobs run with it. */
  static final Path EXAMPLE_CONF = Path.of("..", "examples", "conf", "core-site-lakefs.xml");
  /**
   * Long enough for the service to hand out credentials on a token (STS's 15 minutes), far shorter than the default
   * day, so each renewal visibly moves the expiry.
   */
  static final Duration TOKEN_RENEW_INTERVAL = Duration.ofMinutes(20);

  final LocalAwsProcess aws;
  final LakeFSStandIn lakeFS;
  final CredentialsServiceProcess service;
  private final File httpKeytab;
  private final String realm;
  private final String providerPath;

  private LakeFSStack(LocalAwsProcess aws, LakeFSStandIn lakeFS, CredentialsServiceProcess service, File httpKeytab,
      String realm, String providerPath) {
    this.aws = aws;
    this.lakeFS = lakeFS;
    this.service = service;
    this.httpKeytab = httpKeytab;
    this.realm = realm;
    this.providerPath = providerPath;
  }

  static LakeFSStack start(Path dir, MiniKdcFixture kdc) throws Exception {
    LocalAwsProcess aws = LocalAwsProcess.builder().start();
    LakeFSStandIn lakeFS = null;
    try {
      lakeFS = LakeFSStandIn.builder().user(USER, ACCESS_KEY, SECRET_KEY)
          .repository(REPOSITORY, "s3://" + aws.bucket() + "/" + REPOSITORY + "/").grant(USER, REPOSITORY).start();
      File httpKeytab = kdc.keytab("http.keytab", "HTTP/127.0.0.1");
      CredentialsServiceProcess service = startService(dir.resolve("service"), httpKeytab, kdc.realm(), lakeFS, aws);
      return new LakeFSStack(aws, lakeFS, service, httpKeytab, kdc.realm(), secretInCredentialProvider(dir));
    } catch (Exception | Error e) {
      if (lakeFS != null) {
        lakeFS.close();
      }
      aws.close();
      throw e;
    }
  }

  /** Another instance of the service beside the same lakeFS and AWS, for a test that stops it. */
  CredentialsServiceProcess startAnotherService(Path dir) throws Exception {
    return startService(dir, httpKeytab, realm, lakeFS, aws);
  }

  private static CredentialsServiceProcess startService(Path dir, File httpKeytab, String realm,
      LakeFSStandIn lakeFS, LocalAwsProcess aws) throws Exception {
    return CredentialsServiceProcess.start(dir, lakeFS.endpoint(), aws, Map.of(
            "lakefs.sts.auth.schemes", "negotiate,basic",
            "lakefs.sts.kerberos.principal", "HTTP/_HOST@" + realm,
            "lakefs.sts.kerberos.keytab", httpKeytab.toString(),
            "lakefs.sts.kerberos.name.rules", SecureYarnCluster.NAME_RULES,
            "lakefs.sts.token.renew-interval.seconds", Long.toString(TOKEN_RENEW_INTERVAL.toSeconds())),
        List.of("-Djava.security.krb5.conf=" + System.getProperty("java.security.krb5.conf")));
  }

  private static String secretInCredentialProvider(Path dir) throws IOException {
    Path file = dir.resolve("alice-lakefs.jceks");
    Files.deleteIfExists(file);
    String path = "jceks://file" + file.toAbsolutePath();
    Configuration conf = new Configuration(false);
    conf.set(CredentialProviderFactory.CREDENTIAL_PROVIDER_PATH, path);
    CredentialProvider provider = CredentialProviderFactory.getProviders(conf).get(0);
    provider.createCredentialEntry("fs.s3a.ext.lakefs.secret.key", SECRET_KEY.toCharArray());
    provider.flush();
    return path;
  }

  /**
   * {@code base} (a cluster's client configuration) with the example file and what a user sets beside it: the
   * service, alice's key id and credential provider, and local-aws's S3.
   */
  Configuration jobConf(Configuration base) {
    Configuration conf = new Configuration(base);
    conf.addResource(new org.apache.hadoop.fs.Path(EXAMPLE_CONF.toAbsolutePath().toUri()));
    conf.set("fs.s3a.ext.lakefs.service.endpoints", service.endpoint().toString());
    conf.set("fs.s3a.ext.lakefs.repositories", REPOSITORY);
    conf.set("fs.s3a.ext.lakefs.access.key", ACCESS_KEY);
    conf.set("fs.s3a.ext.lakefs.retry.attempts", "1");
    conf.set("hadoop.security.credential.provider.path", providerPath);
    conf.set("fs.s3a.endpoint", aws.s3Endpoint().toString());
    conf.set("fs.s3a.endpoint.region", aws.region());
    conf.set("fs.s3a.path.style.access", "true");
    conf.set("fs.s3a.connection.ssl.enabled", "false");
    conf.set("fs.s3a.attempts.maximum", "1");
    return conf;
  }

  /**
   * {@code key} under the repository's {@code data/}: the only place data clients write (once, with plain PUTs),
   * as lakeFS lays out a storage namespace.
   */
  org.apache.hadoop.fs.Path dataPath(String key) {
    return new org.apache.hadoop.fs.Path("s3a://" + aws.bucket() + "/" + REPOSITORY + "/data/" + key);
  }

  /** The service's audit lines so far. */
  List<String> auditLines() throws IOException {
    return auditLines(service);
  }

  static List<String> auditLines(CredentialsServiceProcess service) throws IOException {
    return service.output().lines().filter(line -> line.contains("\"event\":\"")).toList();
  }

  /** Waits up to {@code timeout} for an audit line of the service that {@code wanted} accepts. */
  String awaitAuditLine(Predicate<String> wanted, Duration timeout) throws Exception {
    return awaitAuditLine(service, wanted, timeout);
  }

  static String awaitAuditLine(CredentialsServiceProcess service, Predicate<String> wanted, Duration timeout)
      throws Exception {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      for (String line : auditLines(service)) {
        if (wanted.test(line)) {
          return line;
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no such audit line within " + timeout + "; the service's audit lines:\n"
        + String.join("\n", auditLines(service)));
  }

  @Override
  public void close() throws Exception {
    try {
      service.close();
    } finally {
      try {
        lakeFS.close();
      } finally {
        aws.close();
      }
    }
  }
}
