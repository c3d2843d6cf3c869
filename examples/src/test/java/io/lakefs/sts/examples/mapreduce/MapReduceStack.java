package io.lakefs.sts.examples.mapreduce;

import io.lakefs.sts.testsupport.CredentialsServiceProcess;
import io.lakefs.sts.testsupport.LocalAwsProcess;
import io.lakefs.sts.testsupport.lakefs.LakeFSStandIn;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import io.lakefs.sts.examples.lakefs.LakeFSObjects;
import io.lakefs.sts.hadoop.token.LakeFSTokenIssuer;
import io.lakefs.sts.testsupport.lakefs.RecordedRequest;
import java.time.Clock;
import org.apache.hadoop.security.Credentials;
import org.apache.hadoop.security.alias.CredentialProvider;
import org.apache.hadoop.security.alias.CredentialProviderFactory;

/**
 * What the MapReduce example runs against, on loopback: local-aws, the lakeFS stand-in (alice may use repo1) and
 * the real credentials service from its fat jar. It also holds alice's lakeFS secret in a credential provider file,
 * as conf/core-site-lakefs.xml says to, and the settings that point the example configuration at all of them.
 */
final class MapReduceStack implements AutoCloseable {
  static final String USER = "alice";
  static final String ACCESS_KEY = "AKIAIOSFODNN7ALICE01";
  static final String SECRET_KEY = "alice-lakefs-secret-for-the-mapreduce-example";
  static final String REPOSITORY = "repo1";
  static final String BRANCH = "main";
  /** The configuration file users copy; the tests run the job with it. */
  static final Path EXAMPLE_CONF = Path.of("conf", "core-site-lakefs.xml");

  final Path dir;
  final LocalAwsProcess aws;
  final LakeFSStandIn lakeFS;
  final CredentialsServiceProcess service;
  private final String providerPath;

  private MapReduceStack(Path dir, LocalAwsProcess aws, LakeFSStandIn lakeFS, CredentialsServiceProcess service,
      String providerPath) {
    this.dir = dir;
    this.aws = aws;
    this.lakeFS = lakeFS;
    this.service = service;
    this.providerPath = providerPath;
  }

  static MapReduceStack start(Path dir, Map<String, String> serviceConf, List<String> serviceJvmOptions)
      throws Exception {
    Files.createDirectories(dir);
    LocalAwsProcess aws = LocalAwsProcess.builder().start();
    LakeFSStandIn lakeFS = null;
    try {
      lakeFS = LakeFSStandIn.builder().user(USER, ACCESS_KEY, SECRET_KEY)
          .repository(REPOSITORY, "s3://" + aws.bucket() + "/" + REPOSITORY + "/").grant(USER, REPOSITORY).start();
      CredentialsServiceProcess service = CredentialsServiceProcess.start(dir.resolve("service"), lakeFS.endpoint(),
          aws, serviceConf, serviceJvmOptions);
      return new MapReduceStack(dir, aws, lakeFS, service, secretInCredentialProvider(dir));
    } catch (Exception | Error e) {
      if (lakeFS != null) {
        lakeFS.close();
      }
      aws.close();
      throw e;
    }
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
   * What a user sets beside the example file (-D on the command line): the service, local-aws's S3 and alice's
   * key id and credential provider; plus MapReduce's local runner, with its files under the test's directory.
   */
  Map<String, String> overrides() {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("fs.s3a.ext.lakefs.service.endpoints", service.endpoint().toString());
    settings.put("fs.s3a.ext.lakefs.repositories", REPOSITORY);
    settings.put("fs.s3a.ext.lakefs.login.endpoint", lakeFS.endpoint().toString());
    settings.put("fs.s3a.ext.lakefs.access.key", ACCESS_KEY);
    settings.put("fs.s3a.ext.lakefs.retry.attempts", "1");
    settings.put("hadoop.security.credential.provider.path", providerPath);
    settings.putAll(aws.s3aSettings());
    settings.put("mapreduce.framework.name", "local");
    settings.put("hadoop.tmp.dir", dir.resolve("hadoop-tmp").toAbsolutePath().toString());
    return settings;
  }

  /** The example file with {@link #overrides()} applied, as {@code -conf FILE -D k=v} would make it. */
  Configuration jobConf() {
    Configuration conf = new Configuration();
    conf.addResource(new org.apache.hadoop.fs.Path(EXAMPLE_CONF.toAbsolutePath().toUri()));
    overrides().forEach(conf::set);
    return conf;
  }

  /**
   * lakeFS objects as a holder of a {@code LAKEFS_STS} token obtained with {@code conf} (alice's key), the way
   * the example job's tasks reach them: to put its input in place and read its output.
   */
  LakeFSObjects objects(Configuration conf) throws IOException {
    Credentials credentials = new Credentials();
    new LakeFSTokenIssuer(conf).addDelegationTokens("", credentials);
    return new LakeFSObjects(conf, () -> credentials, Clock.systemUTC());
  }

  void write(LakeFSObjects objects, String path, String text) throws IOException {
    try (OutputStream out = objects.create(REPOSITORY, BRANCH, path)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  String read(LakeFSObjects objects, String path) throws IOException {
    try (InputStream in = objects.open(REPOSITORY, BRANCH, path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** local-aws's access log lines for objects under the repository's {@code data/}, where lakeFS places objects. */
  List<String> accessLogLinesUnderData() throws IOException {
    String key = "\"key\":\"" + REPOSITORY + "/data/";
    return aws.accessLogLines().stream().filter(line -> line.contains(key)).toList();
  }

  /** The stand-in's record of lakeFSFS's data-path calls: staging, stat and list. */
  List<RecordedRequest> dataPathCalls() {
    return lakeFS.requests().stream().filter(r -> r.path().contains("/staging/backing")
        || r.path().contains("/objects/")).toList();
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
