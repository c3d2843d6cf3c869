package io.lakefs.sts.compat;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.lakefs.sts.hadoop.LakeFSTokenKeys;
import io.lakefs.sts.testsupport.CredentialsServiceProcess;
import io.lakefs.sts.testsupport.LocalAwsProcess;
import io.lakefs.sts.testsupport.LoopbackStack;
import io.lakefs.sts.testsupport.lakefs.AliceAndBob;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivilegedExceptionAction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.security.UserGroupInformation;

/**
 * What every line's tests run against ({@link LoopbackStack}: local-aws, the lakeFS stand-in of alice and bob, and
 * the real credentials service from its fat jar in a child JVM, with its own Hadoop whatever the line's is), and
 * the Hadoop configurations of the line's drivers and executors.
 */
final class LineStack implements AutoCloseable {
  static final String ALICE_KEY = "AKIAIOSFODNN7ALICE01";
  static final String ALICE_SECRET = "alice-lakefs-secret-on-every-line-0001";
  static final AliceAndBob WORLD = AliceAndBob.withKeys(ALICE_KEY, ALICE_SECRET, "AKIAIOSFODNN7BOB0001",
      "bob-lakefs-secret-on-every-line-000001");
  static final String REPO = WORLD.aliceRepository();

  private final LoopbackStack stack;
  private final LocalAwsProcess aws;
  private final CredentialsServiceProcess service;

  private LineStack(LoopbackStack stack) {
    this.stack = stack;
    this.aws = stack.aws();
    this.service = stack.service();
  }

  /**
   * Starts everything under {@code dir}; {@code stsLifetime} bounds the STS credentials local-aws issues (null: its
   * default); {@code serviceConf} and {@code serviceJvm} go to the service.
   */
  static LineStack start(Path dir, Duration stsLifetime, Map<String, String> serviceConf, List<String> serviceJvm)
      throws Exception {
    Line.assertRunningOnTheLine();
    return new LineStack(LoopbackStack.builder(dir).stsLifetime(Optional.ofNullable(stsLifetime)).lakeFS(WORLD)
        .serviceSettings(serviceConf).serviceJvmOptions(serviceJvm).start());
  }

  /** S3A against local-aws with this line's lakeFS binding and the service's endpoint: no AWS or lakeFS key. */
  Configuration executor() {
    Configuration conf = new Configuration();
    aws.s3aSettings().forEach(conf::set);
    conf.setBoolean("fs.s3a.impl.disable.cache", true);
    conf.set("fs.s3a.delegation.token.binding", Line.binding());
    conf.set(LakeFSTokenKeys.SERVICE_ENDPOINTS, service.endpoint().toString());
    conf.set(LakeFSTokenKeys.RETRY_ATTEMPTS, "1");
    return conf;
  }

  /** An executor's configuration plus alice's lakeFS key, repository and access: what a driver has. */
  Configuration driver() {
    Configuration conf = executor();
    conf.set(LakeFSTokenKeys.ACCESS_KEY, ALICE_KEY);
    conf.set(LakeFSTokenKeys.SECRET_KEY, ALICE_SECRET);
    conf.set(LakeFSTokenKeys.REPOSITORIES, REPO);
    conf.set(LakeFSTokenKeys.ACCESS, "write");
    return conf;
  }

  /** {@code s3a://BUCKET/key} in local-aws's bucket. */
  org.apache.hadoop.fs.Path path(String key) {
    return new org.apache.hadoop.fs.Path("s3a://" + aws.bucket() + "/" + key);
  }

  /**
   * As {@code user}, writes an object under {@code key} through S3A and reads it back; then checks that
   * local-aws logged the write as made by lakeFS user alice.
   */
  void assertWritesAndReadsAsAlice(UserGroupInformation user, Configuration conf, String key) throws Exception {
    byte[] data = ("written as alice: " + key).getBytes(StandardCharsets.UTF_8);
    byte[] read = user.doAs((PrivilegedExceptionAction<byte[]>) () -> {
      try (FileSystem fs = FileSystem.newInstance(path("").toUri(), conf)) {
        return writeAndRead(fs, key, data);
      }
    });
    assertArrayEquals(data, read);
    assertTrue("no request for " + key + " made as alice in local-aws's log", aws.accessLogLines().stream()
        .anyMatch(line -> line.contains("\"key\":\"" + key + "\"") && line.contains("\"sourceIdentity\":\"alice\"")));
  }

  byte[] writeAndRead(FileSystem fs, String key, byte[] data) throws IOException {
    try (OutputStream out = fs.create(path(key), true)) {
      out.write(data);
    }
    try (InputStream in = fs.open(path(key))) {
      ByteArrayOutputStream read = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        read.write(buffer, 0, n);
      }
      return read.toByteArray();
    }
  }

  /** Fails if alice's lakeFS secret, local-aws's IAM secret or any of {@code others} appears in {@code text}. */
  void assertNoSecret(String text, String... others) {
    List<String> secrets = new ArrayList<>(Arrays.asList(ALICE_SECRET, WORLD.bob().secretAccessKey(),
        aws.secretAccessKey()));
    secrets.addAll(Arrays.asList(others));
    for (int i = 0; i < secrets.size(); i++) {
      // By position only: a failing test must not print the secret either.
      assertFalse("secret #" + i + " appears in the text checked",
          secrets.get(i).isEmpty() || text.contains(secrets.get(i)));
    }
  }

  LocalAwsProcess aws() {
    return aws;
  }

  CredentialsServiceProcess service() {
    return service;
  }

  /** {@code lakefs://127.0.0.1:PORT}: the service name of tokens issued by the service on its own. */
  String serviceName() {
    return "lakefs://127.0.0.1:" + service.endpoint().getPort();
  }

  @Override
  public void close() throws Exception {
    stack.close();
  }
}
