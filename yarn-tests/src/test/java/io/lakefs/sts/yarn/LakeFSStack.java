package io.lakefs.sts.yarn;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.lakefs.sts.hadoop.client.ClientSettings;
import io.lakefs.sts.hadoop.client.CredentialsServiceClient;
import io.lakefs.sts.hadoop.client.ServiceAuth;
import io.lakefs.sts.hadoop.token.LakeFSTokenIdentifier;
import io.lakefs.sts.testsupport.CredentialsServiceProcess;
import io.lakefs.sts.testsupport.LocalAwsProcess;
import io.lakefs.sts.testsupport.LoopbackStack;
import io.lakefs.sts.testsupport.hadoop.CredentialProviderFile;
import io.lakefs.sts.testsupport.lakefs.AliceAndBob;
import io.lakefs.sts.testsupport.MiniKdcFixture;
import io.lakefs.sts.testsupport.lakefs.LakeFSStandIn;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivilegedExceptionAction;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.hadoop.security.token.Token;
import org.apache.hadoop.security.token.delegation.web.DelegationTokenIdentifier;

/**
 * What the jobs reach, on loopback: local-aws (STS and S3), the lakeFS stand-in (alice may write {@code repo1}, bob
 * {@code repo2}) and the real credentials service with Kerberos ({@code HTTP/127.0.0.1}, the RM's {@code yarn/HOST}
 * mapped to {@code yarn}). Alice's lakeFS secret lives in a credential provider file, never in a job's configuration.
 */
final class LakeFSStack implements AutoCloseable {
  static final AliceAndBob WORLD = AliceAndBob.withKeys("AKIAIOSFODNN7ALICE01",
      "alice-lakefs-secret-for-the-yarn-tests", "AKIAIOSFODNN7BOB0001", "bob-lakefs-secret-for-the-yarn-tests");
  static final String USER = AliceAndBob.ALICE;
  static final String ACCESS_KEY = WORLD.alice().accessKeyId();
  static final String SECRET_KEY = WORLD.alice().secretAccessKey();
  static final String REPOSITORY = WORLD.aliceRepository();
  /** The configuration file users copy from the examples module; the jobs run with it. */
  static final Path EXAMPLE_CONF = Path.of("..", "examples", "conf", "core-site-lakefs.xml");
  /**
   * Long enough for the service to hand out credentials on a token (STS's 15 minutes), far shorter than the default
   * day, so each renewal visibly moves the expiry.
   */
  static final Duration TOKEN_RENEW_INTERVAL = Duration.ofMinutes(20);

  final LoopbackStack stack;
  final LocalAwsProcess aws;
  final LakeFSStandIn lakeFS;
  final CredentialsServiceProcess service;
  private final String providerPath;

  private LakeFSStack(LoopbackStack stack, String providerPath) {
    this.stack = stack;
    this.aws = stack.aws();
    this.lakeFS = stack.lakeFS();
    this.service = stack.service();
    this.providerPath = providerPath;
  }

  static LakeFSStack start(Path dir, MiniKdcFixture kdc) throws Exception {
    Map<String, String> settings = new HashMap<>(kdc.serviceSettings(SecureYarnCluster.NAME_RULES));
    settings.put("lakefs.sts.token.renew-interval.seconds", Long.toString(TOKEN_RENEW_INTERVAL.toSeconds()));
    LoopbackStack stack = LoopbackStack.builder(dir).lakeFS(WORLD).serviceSettings(settings)
        .serviceJvmOptions(List.of("-Djava.security.krb5.conf=" + System.getProperty("java.security.krb5.conf")))
        .start();
    try {
      return new LakeFSStack(stack, CredentialProviderFile.write(dir.resolve("alice-lakefs.jceks"),
          "fs.s3a.ext.lakefs.secret.key", SECRET_KEY));
    } catch (Exception | Error e) {
      stack.close();
      throw e;
    }
  }

  /** Another instance of the service beside the same lakeFS and AWS, for a test that stops it. */
  CredentialsServiceProcess startAnotherService(Path dir) throws Exception {
    return stack.startAnotherService(dir);
  }

  /**
   * {@code base} (a cluster's client configuration) with the example file and what a user sets beside it: the
   * service, alice's key id and credential provider, and local-aws's S3.
   */
  Configuration jobConf(Configuration base) {
    Configuration conf = new Configuration(base);
    conf.addResource(new org.apache.hadoop.fs.Path(EXAMPLE_CONF.toAbsolutePath().toUri()));
    stack.exampleJobSettings(REPOSITORY, ACCESS_KEY, providerPath).forEach(conf::set);
    return conf;
  }

  /** Alice's credential provider, holding her lakeFS secret: for the submitting side only. */
  String credentialProviderPath() {
    return providerPath;
  }

  /**
   * {@code key} under the repository's {@code data/}: the only place data clients write (once, with plain PUTs),
   * as lakeFS lays out a storage namespace.
   */
  org.apache.hadoop.fs.Path dataPath(String key) {
    return new org.apache.hadoop.fs.Path("s3a://" + aws.bucket() + "/" + REPOSITORY + "/data/" + key);
  }

  /**
   * Two text files (so two splits) under the repository's {@code data/KEY/}, written once by {@code user} with plain
   * PUTs, as lakeFS lets data clients write; their words are those of {@code WORDS}.
   */
  org.apache.hadoop.fs.Path writeInput(UserGroupInformation user, Configuration conf, String key) throws Exception {
    org.apache.hadoop.fs.Path input = dataPath(key);
    user.doAs((PrivilegedExceptionAction<Void>) () -> {
      try (FileSystem fs = FileSystem.newInstance(input.toUri(), conf)) {
        write(fs, new org.apache.hadoop.fs.Path(input, "a.txt"), "one lakeFS token\none job\n");
        write(fs, new org.apache.hadoop.fs.Path(input, "b.txt"), "the RM renews one token\n");
      }
      return null;
    });
    return input;
  }

  /** The words {@link #writeInput} writes, in order. */
  static final List<String> WORDS = List.of("one lakeFS token one job the RM renews one token".split(" "));

  private static void write(FileSystem fs, org.apache.hadoop.fs.Path path, String text) throws IOException {
    try (OutputStream out = fs.create(path, false)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
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

  /**
   * The service's audit shows the RM renewing the token at submission and then on its schedule, as its own Kerberos
   * login (mapped to yarn by the service's name rules), each renewal moving the expiry later, and cancelling it when
   * the job ended; the service then refuses the token.
   */
  void assertRenewedAndCancelledByTheRM(Configuration conf, LakeFSTokenIdentifier identifier)
      throws Exception {
    int sequenceNumber = serviceTokenSequenceNumber(identifier);
    String cancel = awaitAuditLine(l -> l.contains("\"event\":\"token.cancelled\"")
        && l.contains("\"token_sequence_number\":" + sequenceNumber + "}"), Duration.ofSeconds(60));
    assertTrue(cancel, cancel.contains("\"user\":\"yarn\""));
    List<String> renewals = auditLines().stream().filter(l -> l.contains("\"event\":\"token.renewed\"")
        && l.contains("\"token_sequence_number\":" + sequenceNumber + ",")).toList();
    assertTrue("fewer than 3 renewals (submission, then two scheduled):\n" + renewals, renewals.size() >= 3);
    renewals.forEach(renewal -> assertTrue(renewal, renewal.contains("\"user\":\"yarn\"")));
    List<Instant> expiries = renewals.stream()
        .map(l -> Instant.parse(l.replaceAll(".*\"expiry\":\"([^\"]+)\".*", "$1"))).toList();
    assertEquals("expiries not moving later: " + expiries, expiries.stream().sorted().distinct().toList(), expiries);
    try {
      new CredentialsServiceClient(ClientSettings.from(conf, identifier.getServiceEndpoints()))
          .getCredentials(ServiceAuth.delegationToken(identifier.getServiceToken()), List.of(), null);
      fail("the service still accepts the token the RM cancelled");
    } catch (IOException refused) {
      assertTrue(refused.getMessage(), refused.getMessage().contains("was cancelled at"));
      assertTrue(refused.getMessage(), refused.getMessage().contains("by yarn"));
    }
  }

  /** The sequence number the service's audit lines name the token by (the service's own token, inside ours). */
  static int serviceTokenSequenceNumber(LakeFSTokenIdentifier identifier) throws IOException {
    Token<DelegationTokenIdentifier> serviceToken = new Token<>();
    serviceToken.decodeFromUrlString(identifier.getServiceToken().reveal());
    DelegationTokenIdentifier decoded = new DelegationTokenIdentifier(serviceToken.getKind());
    decoded.readFields(new DataInputStream(new ByteArrayInputStream(serviceToken.getIdentifier())));
    return decoded.getSequenceNumber();
  }

  /**
   * None of {@code files} (what YARN launched: scripts with the containers' environment, job configurations) holds
   * the lakeFS secret, local-aws's AWS key, an AWS credential variable or a key that would hold a secret.
   */
  void assertNoSecretIn(List<Path> files) throws IOException {
    assertTrue("no container launch script among " + files,
        files.stream().anyMatch(f -> f.endsWith("launch_container.sh")));
    for (Path file : files) {
      String text = Files.readString(file);
      // Keys as Hadoop XML names them and as Spark's properties file does (spark.hadoop.KEY=).
      for (String secret : List.of(SECRET_KEY, aws.secretAccessKey(), aws.accessKeyId(), "AWS_SECRET_ACCESS_KEY",
          "AWS_ACCESS_KEY_ID", "AWS_SESSION_TOKEN", "<name>fs.s3a.access.key</name>", "<name>fs.s3a.secret.key</name>",
          "<name>fs.s3a.ext.lakefs.secret.key</name>", "fs.s3a.access.key=", "fs.s3a.secret.key=",
          "fs.s3a.ext.lakefs.secret.key=")) {
        assertFalse(secret + " reached " + file, text.contains(secret));
      }
    }
  }

  @Override
  public void close() throws Exception {
    stack.close();
  }
}
