package io.lakefs.sts.hadoop;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertTrue;

import io.lakefs.sts.service.CredentialsService;
import io.lakefs.sts.service.ServiceConfig;
import io.lakefs.sts.service.ServiceKeys;
import io.lakefs.sts.testsupport.Closeables;
import io.lakefs.sts.testsupport.LocalAwsProcess;
import io.lakefs.sts.testsupport.lakefs.AliceAndBob;
import io.lakefs.sts.testsupport.lakefs.LakeFSStandIn;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.PrivilegedExceptionAction;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.security.UserGroupInformation;

/**
 * The real credentials service on loopback, with a lakeFS stand-in (users alice and bob, repositories in
 * local-aws's bucket) and local-aws behind it: what the token library talks to in every test here.
 */
public final class ServiceFixture implements AutoCloseable {
  private static final AliceAndBob WORLD = AliceAndBob.withKeys("AKIAIOSFODNN7ALICE01",
      "alice-lakefs-secret-for-hadoop-tokens-01", "AKIAIOSFODNN7BOB0001", "bob-lakefs-secret-for-hadoop-tokens-0001");
  public static final String ALICE_KEY = WORLD.alice().accessKeyId();
  public static final String ALICE_SECRET = WORLD.alice().secretAccessKey();
  public static final String BOB_KEY = WORLD.bob().accessKeyId();
  public static final String BOB_SECRET = WORLD.bob().secretAccessKey();
  public static final String REPO = WORLD.aliceRepository();
  public static final String OTHER_REPO = WORLD.bobRepository();

  private final LakeFSStandIn lakeFS;
  private final LocalAwsProcess aws;
  private final CredentialsService service;

  private ServiceFixture(LakeFSStandIn lakeFS, LocalAwsProcess aws, CredentialsService service) {
    this.lakeFS = lakeFS;
    this.aws = aws;
    this.service = service;
  }

  /** Starts everything; {@code lifetime} bounds the STS credentials local-aws issues (null: its default). */
  public static ServiceFixture start(Duration lifetime, Consumer<Configuration> serviceConf) throws Exception {
    LakeFSStandIn lakeFS = null;
    LocalAwsProcess aws = null;
    try {
      LocalAwsProcess.Builder awsBuilder = LocalAwsProcess.builder();
      if (lifetime != null) {
        awsBuilder.sessionLifetime(lifetime);
      }
      aws = awsBuilder.start();
      lakeFS = WORLD.standIn(aws.bucket()).start();
      Configuration conf = new Configuration(false);
      conf.set(ServiceKeys.HTTP_ADDRESS, "127.0.0.1:0");
      conf.set(ServiceKeys.LAKEFS_ENDPOINT, lakeFS.endpoint().toString());
      conf.set(ServiceKeys.LAKEFS_TIMEOUT_MILLIS, "2000");
      aws.credentialsServiceStsSettings().forEach(conf::set);
      conf.set(ServiceKeys.CREDENTIALS_DURATION_SECONDS, "900");
      serviceConf.accept(conf);
      CredentialsService service = CredentialsService.start(ServiceConfig.from(conf), Clock.systemUTC());
      return new ServiceFixture(lakeFS, aws, service);
    } catch (Exception | Error e) {
      Closeables.closeAll(aws, lakeFS);
      throw e;
    }
  }

  /**
   * A cluster without Kerberos: Hadoop's login reset to simple authentication (a test class before may have
   * turned Kerberos on in this JVM), then everything started.
   */
  public static ServiceFixture startWithoutKerberos(Duration lifetime) throws Exception {
    UserGroupInformation.reset();
    Configuration simple = new Configuration(false);
    simple.set("hadoop.security.authentication", "simple");
    UserGroupInformation.setConfiguration(simple);
    return start(lifetime, conf -> { });
  }

  /** Closes a fixture that started, and resets Hadoop's login for the next test class. */
  public static void stop(ServiceFixture fixture) throws Exception {
    try {
      if (fixture != null) {
        fixture.close();
      }
    } finally {
      UserGroupInformation.reset();
    }
  }

  /** {@code s3a://BUCKET/key} in local-aws's bucket. */
  public Path path(String key) {
    return new Path("s3a://" + aws.bucket() + "/" + key);
  }

  /**
   * As {@code user}, with {@code conf}, writes an object under {@code key} through S3A and reads it back; then
   * checks that local-aws logged the requests as lakeFS user alice.
   */
  public void assertWritesAndReadsAsAlice(UserGroupInformation user, Configuration conf, String key)
      throws Exception {
    byte[] data = ("written as alice: " + key).getBytes(StandardCharsets.UTF_8);
    byte[] read = user.doAs((PrivilegedExceptionAction<byte[]>) () -> {
      try (FileSystem fs = FileSystem.newInstance(path("").toUri(), conf)) {
        try (OutputStream out = fs.create(path(key), true)) {
          out.write(data);
        }
        try (InputStream in = fs.open(path(key))) {
          return in.readAllBytes();
        }
      }
    });
    assertArrayEquals(data, read);
    assertTrue(aws.accessLogLines().stream().anyMatch(line -> line.contains("\"key\":\"" + key + "\"")
        && line.contains("\"sourceIdentity\":\"alice\"")));
  }

  public URI endpoint() {
    return service.endpoint();
  }

  public LakeFSStandIn lakeFS() {
    return lakeFS;
  }

  public LocalAwsProcess aws() {
    return aws;
  }

  @Override
  public void close() throws Exception {
    Closeables.closeAll(service, aws, lakeFS);
  }
}
