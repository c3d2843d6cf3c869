package io.lakefs.sts.demo;

import io.lakefs.sts.examples.ParquetRoundTrip;
import io.lakefs.sts.hadoop.LakeFSTokenKeys;
import io.lakefs.sts.hadoop.client.CredentialsServiceClient;
import io.lakefs.sts.hadoop.client.ClientSettings;
import io.lakefs.sts.hadoop.client.ServiceAuth;
import io.lakefs.sts.hadoop.token.LakeFSTokenIdentifier;
import io.lakefs.sts.hadoop.token.LakeFSTokenIssuer;
import io.lakefs.sts.hadoop.token.LakeFSTokens;
import io.lakefs.sts.spark.LakeFSSparkKeys;
import io.lakefs.sts.testsupport.CredentialsServiceProcess;
import io.lakefs.sts.testsupport.LocalAwsProcess;
import io.lakefs.sts.testsupport.lakefs.LakeFSStandIn;
import io.lakefs.sts.testsupport.Classpath;
import io.lakefs.sts.testsupport.spark.FakeSparkHome;
import io.lakefs.sts.testsupport.spark.SparkSubmitProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivilegedExceptionAction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.hadoop.security.token.Token;

/**
 * The whole flow on loopback, step by step, checking that each behaves as described and reporting who did
 * what as STS and S3 saw it. lakeFS here is a stand-in (test-support's {@link LakeFSStandIn}, lakeFS's API
 * and JSON for users and repositories); STS and S3 are local-aws; the credentials service, the Hadoop token
 * library, the Spark plugin and Spark itself are the real ones.
 */
final class Demo {
  static final String ALICE = "alice";
  static final String BOB = "bob";
  private static final String ALICE_KEY = "AKIADEMOALICE0000001";
  private static final String ALICE_SECRET = "alice-demo-secret-stays-on-the-driver";
  private static final String BOB_KEY = "AKIADEMOBOB000000001";
  private static final String BOB_SECRET = "bob-demo-secret-stays-on-the-driver";
  static final String SALES = "sales";
  static final String PAYROLL = "payroll";

  private final DemoSettings settings;
  private final Report report;

  private LocalAwsProcess aws;
  private LakeFSStandIn lakeFS;
  private CredentialsServiceProcess service;

  Demo(DemoSettings settings, Report report) {
    this.settings = settings;
    this.report = report;
  }

  /** Runs every step; the report says which behaved as described. */
  void run() throws Exception {
    Files.createDirectories(settings.workDir());
    report.progress("work directory " + settings.workDir() + " (logs of every process end up here)");
    report.progress("starting local-aws: STS and S3 on loopback, credentials expire after "
        + settings.stsLifetime().toSeconds() + " s");
    aws = LocalAwsProcess.builder().sessionLifetime(settings.stsLifetime()).start();
    try {
      report.progress("starting the lakeFS stand-in (NOT a real lakeFS): users alice and bob; repository sales"
          + " (alice) at s3://" + aws.bucket() + "/sales/, payroll (bob) at s3://" + aws.bucket() + "/payroll/");
      lakeFS = LakeFSStandIn.builder()
          .user(ALICE, ALICE_KEY, ALICE_SECRET)
          .user(BOB, BOB_KEY, BOB_SECRET)
          .repository(SALES, "s3://" + aws.bucket() + "/" + SALES + "/")
          .repository(PAYROLL, "s3://" + aws.bucket() + "/" + PAYROLL + "/")
          .grant(ALICE, SALES)
          .grant(BOB, PAYROLL)
          .start();
      try {
        report.progress("starting the credentials service (its fat jar, its own JVM)");
        service = CredentialsServiceProcess.start(settings.workDir().resolve("service"), lakeFS.endpoint(), aws,
            Map.of("lakefs.sts.credentials.refresh-margin.seconds", Long.toString(refreshMargin().toSeconds())),
            List.of());
        try {
          step("bob writes a file to his repository payroll, with a lakeFS token and no AWS key", this::bobWritesHr);
          step("alice's Spark job writes and reads Parquet in repository sales through s3a://, with lakeFS-issued"
              + " credentials only, refreshed as they expire", this::aliceSparkJob);
          step("alice is denied repository payroll: by the service (lakeFS says no) and by S3 (her credentials do"
              + " not reach payroll's storage)", this::aliceDeniedPayroll);
          step("alice's token is renewed, then cancelled: a refresh after that fails saying so",
              this::renewAndCancel);
        } finally {
          service.close();
        }
      } finally {
        lakeFS.close();
      }
    } finally {
      aws.close();
    }
  }

  /** A step's body: the facts it saw; throwing means it did not behave as described. */
  private interface StepBody {
    List<String> run() throws Exception;
  }

  private void step(String title, StepBody body) {
    report.progress("step: " + title);
    Instant start = Instant.now();
    List<String> facts;
    boolean passed;
    try {
      facts = body.run();
      passed = true;
    } catch (Exception | AssertionError e) {
      facts = List.of("did not behave as described: " + e, "logs: " + settings.workDir());
      passed = false;
    }
    report.add(new Report.Step(title, passed, facts, Duration.between(start, Instant.now())));
  }

  private List<String> bobWritesHr() throws Exception {
    int before = aws.accessLogLines().size();
    Token<LakeFSTokenIdentifier> token = issue(BOB, BOB_KEY, BOB_SECRET, PAYROLL, "write", BOB);
    String text = "name,salary\nalice,1\nbob,2\n";
    asExecutorHolding(token, () -> {
      try (FileSystem fs = FileSystem.newInstance(URI.create("s3a://" + aws.bucket()), executorConf());
          OutputStream out = fs.create(new org.apache.hadoop.fs.Path("/" + PAYROLL + "/salaries.csv"))) {
        out.write(text.getBytes(StandardCharsets.UTF_8));
      }
      return null;
    });
    AccessLogView seen = AccessLogView.of(aws.accessLogLines(), before).under(PAYROLL + "/");
    expect(!seen.isEmpty(), "S3 saw no request under payroll/");
    expect(seen.distinct("sessionName").equals(List.of(BOB)), "requests not all as bob: " + seen.lines());
    List<String> facts = new ArrayList<>(identity(token));
    facts.addAll(s3Facts(seen));
    return facts;
  }

  private List<String> aliceSparkJob() throws Exception {
    int before = aws.accessLogLines().size();
    Path dir = settings.workDir().resolve("spark");
    FakeSparkHome home = FakeSparkHome.create(Files.createTempDirectory(Files.createDirectories(dir), "spark-home-"),
        Classpath.entries());
    String base = "s3a://" + aws.bucket() + "/" + SALES + "/demo";
    int rounds = 3;
    long pauseSeconds = settings.stsLifetime().toSeconds() / 2;
    report.progress("  spark-submit --master local-cluster[2,1,1024] (2 executors, each its own JVM) --conf"
        + " spark.plugins=" + LakeFSSparkKeys.PLUGIN_CLASS + " ... " + ParquetRoundTrip.class.getSimpleName() + " "
        + base + " " + rounds + " " + pauseSeconds + "   (driver log: " + dir.resolve("driver.log") + ")");
    int status;
    String driverLog;
    try (SparkSubmitProcess job = SparkSubmitProcess.builder(home, dir.resolve("driver.log"))
        // The lakeFS secret: in the driver's environment only, never in the SparkConf executors receive.
        .environment(LakeFSSparkKeys.DEFAULT_DRIVER_SECRET_KEY_ENV, ALICE_SECRET)
        .conf("spark.plugins", LakeFSSparkKeys.PLUGIN_CLASS)
        .conf(LakeFSSparkKeys.DRIVER_ACCESS_KEY, ALICE_KEY)
        .conf(LakeFSSparkKeys.SERVICE_ENDPOINTS, service.endpoint().toString())
        .conf(LakeFSSparkKeys.SPARK_HADOOP_PREFIX + LakeFSTokenKeys.REPOSITORIES, SALES)
        .conf(LakeFSSparkKeys.SPARK_HADOOP_PREFIX + LakeFSTokenKeys.ACCESS, "write")
        .conf(LakeFSSparkKeys.SPARK_HADOOP_PREFIX + LakeFSTokenKeys.REFRESH_MARGIN_SECONDS,
            Long.toString(refreshMargin().toSeconds()))
        .conf(LakeFSSparkKeys.SPARK_HADOOP_PREFIX + LakeFSTokenKeys.PREFETCH_SECONDS,
            Long.toString(prefetch().toSeconds()))
        .conf(LakeFSSparkKeys.RETRY_INTERVAL_MILLIS, "2000")
        .conf(LakeFSSparkKeys.S3A_DELEGATION_TOKEN_BINDING, LakeFSSparkKeys.S3A_BINDING_CLASS)
        .conf("spark.hadoop.fs.s3a.endpoint", aws.s3Endpoint().toString())
        .conf("spark.hadoop.fs.s3a.endpoint.region", aws.region())
        .conf("spark.hadoop.fs.s3a.path.style.access", "true")
        .application(Classpath.jarOf(ParquetRoundTrip.class), ParquetRoundTrip.class.getName(), base,
            Integer.toString(rounds), Long.toString(pauseSeconds))
        .start()) {
      followProgress(job);
      status = job.awaitExit(Duration.ofMinutes(6));
      driverLog = job.output();
    }
    expect(status == 0, "the Spark job exited with " + status + "; see " + dir.resolve("driver.log"));
    expect(driverLog.contains("ParquetRoundTrip succeeded"), "the job did not report success");
    expect(!driverLog.contains(ALICE_SECRET) && !home.executorLogs().contains(ALICE_SECRET),
        "alice's lakeFS secret appears in a Spark log");
    AccessLogView seen = AccessLogView.of(aws.accessLogLines(), before).under(SALES + "/demo");
    expect(!seen.isEmpty(), "S3 saw no request under sales/demo");
    expect(seen.distinct("sessionName").equals(List.of(ALICE)), "requests not all as alice: "
        + seen.distinct("sessionName"));
    // 404s are S3A probing for objects before it writes them; a 403 or 5xx would be a failure.
    expect(seen.all(e -> e.path("httpStatus").asInt() != 403 && e.path("httpStatus").asInt() < 500),
        "some requests were refused: " + seen.operationCounts());
    List<String> keys = seen.distinct("accessKeyId");
    expect(keys.size() >= 2, "the job used " + keys.size() + " STS credential(s): nothing expired and was refreshed");
    long parts = seen.filter(e -> e.path("key").asText().contains("/part-")).size();
    List<String> facts = new ArrayList<>();
    facts.add("user alice; the lakeFS secret stayed on the driver (environment " + LakeFSSparkKeys
        .DEFAULT_DRIVER_SECRET_KEY_ENV + "); executors got tokens over the plugin's RPC");
    auditScope(ALICE).ifPresent(scope -> facts.add("scope granted by the service: " + scope));
    facts.add("the job printed: " + lastLine(driverLog, "ParquetRoundTrip succeeded"));
    facts.addAll(s3Facts(seen));
    facts.add(keys.size() + " generations of STS credentials used (each lives " + settings.stsLifetime().toSeconds()
        + " s): refreshed " + (keys.size() - 1) + " time(s) during the job; " + parts + " requests on part files");
    return facts;
  }

  /** Echoes the job's own progress lines while it runs, so a watcher sees more than a pause. */
  private void followProgress(SparkSubmitProcess job) throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(6));
    int shown = 0;
    while (job.handle().isAlive() && Instant.now().isBefore(deadline)) {
      String output = job.output();
      // Only whole lines: the last one may still be being written.
      String complete = output.substring(0, output.lastIndexOf('\n') + 1);
      String[] lines = complete.isEmpty() ? new String[0] : complete.split("\n");
      for (int i = shown; i < lines.length; i++) {
        if (lines[i].startsWith("ParquetRoundTrip")) {
          report.progress("  job: " + lines[i].trim());
        }
      }
      shown = Math.max(shown, lines.length);
      Thread.sleep(500);
    }
  }

  private List<String> aliceDeniedPayroll() throws Exception {
    List<String> facts = new ArrayList<>();
    try {
      issue(ALICE, ALICE_KEY, ALICE_SECRET, PAYROLL, "read", ALICE);
      throw new AssertionError("the service issued alice a token for payroll");
    } catch (IOException e) {
      expect(e.getMessage().contains(PAYROLL), "the refusal does not name the repository: " + e.getMessage());
      facts.add("service refused a token for payroll: " + e.getMessage());
    }
    int before = aws.accessLogLines().size();
    Token<LakeFSTokenIdentifier> token = issue(ALICE, ALICE_KEY, ALICE_SECRET, SALES, "write", ALICE);
    try {
      asExecutorHolding(token, () -> {
        try (FileSystem fs = FileSystem.newInstance(URI.create("s3a://" + aws.bucket()), executorConf());
            InputStream in = fs.open(new org.apache.hadoop.fs.Path("/" + PAYROLL + "/salaries.csv"))) {
          in.read();
        }
        return null;
      });
      throw new AssertionError("alice's credentials read payroll/salaries.csv");
    } catch (java.nio.file.AccessDeniedException e) {
      facts.add("S3A with alice's sales token reading s3a://" + aws.bucket() + "/payroll/salaries.csv: "
          + e.getClass().getSimpleName());
    }
    AccessLogView seen = AccessLogView.of(aws.accessLogLines(), before).under(PAYROLL + "/");
    expect(!seen.isEmpty() && seen.all(e -> e.path("httpStatus").asInt() == 403), "S3 did not deny every request"
        + " on payroll/: " + seen.lines());
    facts.addAll(s3Facts(seen));
    return facts;
  }

  private List<String> renewAndCancel() throws Exception {
    Configuration aliceConf = driverConf(ALICE_KEY, ALICE_SECRET, SALES, "read");
    Token<LakeFSTokenIdentifier> token = new LakeFSTokenIssuer(aliceConf).getDelegationToken(ALICE);
    List<String> facts = new ArrayList<>(identity(token));
    long renewedTo = token.renew(aliceConf);
    facts.add("Token.renew() through the registered TokenRenewer, as the renewer alice: valid until "
        + Instant.ofEpochMilli(renewedTo));
    token.cancel(aliceConf);
    facts.add("Token.cancel(): cancelled");
    LakeFSTokenIdentifier identifier = LakeFSTokens.decode(token).orElseThrow();
    CredentialsServiceClient client = new CredentialsServiceClient(
        ClientSettings.from(executorConf(), identifier.getServiceEndpoints()));
    try {
      client.getCredentials(ServiceAuth.delegationToken(identifier.getServiceToken()), List.of(), null);
      throw new AssertionError("a cancelled token still got credentials");
    } catch (IOException e) {
      expect(e.getMessage().contains("cancelled"), "the refusal does not say the token was cancelled: "
          + e.getMessage());
      facts.add("an executor's refresh with the cancelled token: " + e.getMessage());
    }
    return facts;
  }

  /** A driver's token: obtained with the user's lakeFS key for one repository. */
  private Token<LakeFSTokenIdentifier> issue(String user, String key, String secret, String repository, String access,
      String renewer) throws IOException {
    return new LakeFSTokenIssuer(driverConf(key, secret, repository, access)).getDelegationToken(renewer);
  }

  /** Runs as a user holding the token and nothing else: no lakeFS key, no AWS key, as on an executor. */
  private static <T> T asExecutorHolding(Token<LakeFSTokenIdentifier> token, PrivilegedExceptionAction<T> action)
      throws Exception {
    UserGroupInformation executor = UserGroupInformation.createRemoteUser("executor");
    executor.addToken(token);
    return executor.doAs(action);
  }

  private Configuration driverConf(String key, String secret, String repository, String access) {
    Configuration conf = executorConf();
    conf.set(LakeFSTokenKeys.ACCESS_KEY, key);
    conf.set(LakeFSTokenKeys.SECRET_KEY, secret);
    conf.set(LakeFSTokenKeys.REPOSITORIES, repository);
    conf.set(LakeFSTokenKeys.ACCESS, access);
    return conf;
  }

  /** S3A against local-aws through the lakeFS binding, knowing only where the service is. */
  private Configuration executorConf() {
    Configuration conf = new Configuration();
    conf.set("fs.s3a.endpoint", aws.s3Endpoint().toString());
    conf.set("fs.s3a.endpoint.region", aws.region());
    conf.set("fs.s3a.path.style.access", "true");
    conf.set("fs.s3a.delegation.token.binding", LakeFSSparkKeys.S3A_BINDING_CLASS);
    conf.set(LakeFSTokenKeys.SERVICE_ENDPOINTS, service.endpoint().toString());
    conf.set(LakeFSTokenKeys.REFRESH_MARGIN_SECONDS, Long.toString(refreshMargin().toSeconds()));
    conf.set(LakeFSTokenKeys.PREFETCH_SECONDS, Long.toString(prefetch().toSeconds()));
    return conf;
  }

  private Duration refreshMargin() {
    return settings.stsLifetime().dividedBy(4);
  }

  private Duration prefetch() {
    return settings.stsLifetime().dividedBy(2);
  }

  private static List<String> identity(Token<LakeFSTokenIdentifier> token) throws IOException {
    LakeFSTokenIdentifier id = LakeFSTokens.decode(token).orElseThrow();
    return List.of("token " + token.getKind() + " for " + token.getService() + ": lakeFS user " + id.getLakeFSUser()
        + ", owner " + id.getOwner() + ", renewer " + id.getRenewer() + ", scope " + id.getScope());
  }

  private static List<String> s3Facts(AccessLogView seen) {
    List<String> facts = new ArrayList<>();
    facts.add("S3 access log: " + seen.size() + " request(s), STS session name " + seen.distinct("sessionName")
        + ", source identity " + seen.distinct("sourceIdentity") + ", session tags " + seen.sessionTags());
    facts.add("operations: " + seen.operationCounts());
    facts.add("e.g. " + seen.lines().get(0));
    return facts;
  }

  /** The scope of the last credentials the service issued to the user, from its audit log. */
  private Optional<String> auditScope(String user) throws IOException {
    Matcher scope = Pattern.compile("\"event\":\"credentials.issued\",\"user\":\"" + user + "\".*?\"scope\":(\\[[^]]*])")
        .matcher(service.output());
    String last = null;
    while (scope.find()) {
      last = scope.group(1);
    }
    return Optional.ofNullable(last);
  }

  private static String lastLine(String text, String containing) {
    String found = "";
    for (String line : text.split("\n")) {
      if (line.contains(containing)) {
        found = line.trim();
      }
    }
    return found;
  }

  private static void expect(boolean condition, String otherwise) {
    if (!condition) {
      throw new AssertionError(otherwise);
    }
  }
}
