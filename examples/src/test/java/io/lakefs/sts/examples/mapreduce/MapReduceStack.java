package io.lakefs.sts.examples.mapreduce;

import io.lakefs.sts.testsupport.CredentialsServiceProcess;
import io.lakefs.sts.testsupport.LocalAwsProcess;
import io.lakefs.sts.testsupport.LoopbackStack;
import io.lakefs.sts.testsupport.hadoop.CredentialProviderFile;
import io.lakefs.sts.testsupport.lakefs.AliceAndBob;
import io.lakefs.sts.testsupport.lakefs.LakeFSStandIn;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
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

/**
 * What the MapReduce example runs against, on loopback: local-aws, the lakeFS stand-in (alice may use repo1, bob
 * repo2) and the real credentials service from its fat jar. It also holds alice's lakeFS secret in a credential provider file,
 * as conf/core-site-lakefs.xml says to, and the settings that point the example configuration at all of them.
 */
final class MapReduceStack implements AutoCloseable {
  static final AliceAndBob WORLD = AliceAndBob.withKeys("AKIAIOSFODNN7ALICE01",
      "alice-lakefs-secret-for-the-mapreduce-example", "AKIAIOSFODNN7BOB0001",
      "bob-lakefs-secret-for-the-mapreduce-example");
  static final String USER = AliceAndBob.ALICE;
  static final String ACCESS_KEY = WORLD.alice().accessKeyId();
  static final String SECRET_KEY = WORLD.alice().secretAccessKey();
  static final String REPOSITORY = WORLD.aliceRepository();
  static final String BRANCH = "main";
  /** The configuration file users copy; the tests run the job with it. */
  static final Path EXAMPLE_CONF = Path.of("conf", "core-site-lakefs.xml");

  final Path dir;
  final LoopbackStack stack;
  final LocalAwsProcess aws;
  final LakeFSStandIn lakeFS;
  final CredentialsServiceProcess service;
  private final String providerPath;

  private MapReduceStack(LoopbackStack stack, String providerPath) {
    this.dir = stack.dir();
    this.stack = stack;
    this.aws = stack.aws();
    this.lakeFS = stack.lakeFS();
    this.service = stack.service();
    this.providerPath = providerPath;
  }

  static MapReduceStack start(Path dir, Map<String, String> serviceConf, List<String> serviceJvmOptions)
      throws Exception {
    LoopbackStack stack = LoopbackStack.builder(dir).lakeFS(WORLD).serviceSettings(serviceConf)
        .serviceJvmOptions(serviceJvmOptions).start();
    try {
      return new MapReduceStack(stack, CredentialProviderFile.write(dir.resolve("alice-lakefs.jceks"),
          "fs.s3a.ext.lakefs.secret.key", SECRET_KEY));
    } catch (Exception | Error e) {
      stack.close();
      throw e;
    }
  }

  /**
   * What a user sets beside the example file (-D on the command line): the service, local-aws's S3 and alice's
   * key id and credential provider; plus MapReduce's local runner, with its files under the test's directory.
   */
  Map<String, String> overrides() {
    Map<String, String> settings = new LinkedHashMap<>(stack.exampleJobSettings(REPOSITORY, ACCESS_KEY,
        providerPath));
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
    stack.close();
  }
}
