package io.lakefs.sts.demo;

import io.lakefs.clients.sdk.ApiClient;
import io.lakefs.clients.sdk.ApiException;
import io.lakefs.clients.sdk.CommitsApi;
import io.lakefs.clients.sdk.ObjectsApi;
import io.lakefs.clients.sdk.model.CommitCreation;
import io.lakefs.sts.examples.LakeFSRoundTrip;
import io.lakefs.sts.examples.lakefs.LakeFSObjects;
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
import io.lakefs.sts.testsupport.LoopbackStack;
import io.lakefs.sts.testsupport.lakefs.AliceAndBob;
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
import java.time.Clock;
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
 * what as STS and S3 saw it. lakeFS here is a stand-in (test-support's {@link LakeFSStandIn}, lakeFS's API,
 * JSON and permission checks for users, repositories, logins and lakeFSFS's data path); STS and S3 are
 * local-aws; the credentials service, the Hadoop token library, the Spark plugin, Spark itself and the official
 * lakeFS SDK are the real ones. Every write goes the way lakeFSFS writes: lakeFS hands out a physical address
 * under the repository's {@code data/}, the object is written there once and linked.
 */
final class Demo {
  static final String ALICE = AliceAndBob.ALICE;
  static final String BOB = AliceAndBob.BOB;
  static final String SALES = "sales";
  static final String PAYROLL = "payroll";
  private static final AliceAndBob WORLD = AliceAndBob.withKeys("AKIADEMOALICE0000001",
      "alice-demo-secret-stays-on-the-driver", "AKIADEMOBOB000000001", "bob-demo-secret-stays-on-the-driver")
      .inRepositories(SALES, PAYROLL);
  private static final String ALICE_KEY = WORLD.alice().accessKeyId();
  private static final String ALICE_SECRET = WORLD.alice().secretAccessKey();
  private static final String BOB_KEY = WORLD.bob().accessKeyId();
  private static final String BOB_SECRET = WORLD.bob().secretAccessKey();
  static final String BRANCH = "main";
  /** Where an administrator imported data for sales from, outside its namespace: readable, never writable. */
  static final String SALES_IMPORTS = "imports/sales/";

  private final DemoSettings settings;
  private final Report report;

  private LocalAwsProcess aws;
  private LakeFSStandIn lakeFS;
  private CredentialsServiceProcess service;
  /** The S3 key of bob's object in payroll, where lakeFS placed it. */
  private String payrollObjectKey;

  Demo(DemoSettings settings, Report report) {
    this.settings = settings;
    this.report = report;
  }

  /** Runs every step; the report says which behaved as described. */
  void run() throws Exception {
    Files.createDirectories(settings.workDir());
    report.progress("work directory " + settings.workDir() + " (logs of every process end up here)");
    report.progress("starting local-aws (STS and S3 on loopback, credentials expire after "
        + settings.stsLifetime().toSeconds() + " s), the lakeFS stand-in (NOT a real lakeFS) and the credentials"
        + " service (its fat jar, its own JVM)");
    try (LoopbackStack stack = LoopbackStack.builder(settings.workDir()).stsLifetime(settings.stsLifetime())
        .lakeFS(WORLD)
        .serviceSettings(bucket -> Map.of(
            "lakefs.sts.credentials.refresh-margin.seconds", Long.toString(refreshMargin().toSeconds()),
            "lakefs.sts.repository." + SALES + ".extra-locations", "s3://" + bucket + "/" + SALES_IMPORTS))
        .start()) {
      aws = stack.aws();
      lakeFS = stack.lakeFS();
      service = stack.service();
      report.progress("lakeFS stand-in: users alice and bob; repository sales (alice) at s3://" + aws.bucket()
          + "/sales/ with data imported from s3://" + aws.bucket() + "/" + SALES_IMPORTS + ", payroll (bob) at s3://"
          + aws.bucket() + "/payroll/");
      step("bob writes a file to his repository payroll the way lakeFSFS does, with a lakeFS token and no AWS or"
          + " lakeFS key", this::bobWritesHr);
      step("alice's Spark job writes, links and reads objects in repository sales the way lakeFSFS does (lakeFS"
          + " metadata with the token's login, bytes through s3a:// at lakeFS's addresses), with lakeFS-issued"
          + " credentials only, refreshed as they expire", this::aliceSparkJob);
      step("alice's write credentials are refused what lakeFS forbids (a put under _lakefs/, a delete of a"
          + " committed object, a put into an import location) and read the imported data",
          this::aliceRefusedWhatLakeFSForbids);
      step("alice is denied repository payroll: by the service (lakeFS says no) and by S3 (her credentials do"
          + " not reach payroll's storage)", this::aliceDeniedPayroll);
      step("alice's token is renewed, then cancelled: a refresh after that fails saying so",
          this::renewAndCancel);
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
      try (OutputStream out = objects().create(PAYROLL, BRANCH, "salaries.csv")) {
        out.write(text.getBytes(StandardCharsets.UTF_8));
      }
      return null;
    });
    AccessLogView seen = AccessLogView.of(aws.accessLogLines(), before).under(PAYROLL + "/");
    expect(!seen.isEmpty(), "S3 saw no request under payroll/");
    expect(seen.distinct("sessionName").equals(List.of(BOB)), "requests not all as bob: " + seen.lines());
    expect(seen.all(e -> e.path("key").asText().startsWith(PAYROLL + "/data/")), "a request outside payroll/data/: "
        + seen.lines());
    payrollObjectKey = seen.filter(e -> e.path("operation").asText().equals("REST.PUT.OBJECT")).distinct("key").get(0);
    List<String> facts = new ArrayList<>(identity(token));
    facts.add("lakeFS placed payroll/main/salaries.csv at s3://" + aws.bucket() + "/" + payrollObjectKey
        + "; bob's token linked it there (its lakeFS login, no key)");
    facts.addAll(s3Facts(seen));
    return facts;
  }

  private List<String> aliceSparkJob() throws Exception {
    int before = aws.accessLogLines().size();
    Path dir = settings.workDir().resolve("spark");
    FakeSparkHome home = FakeSparkHome.create(Files.createTempDirectory(Files.createDirectories(dir), "spark-home-"),
        Classpath.entries());
    String prefix = "demo";
    int rounds = 3;
    long pauseSeconds = settings.stsLifetime().toSeconds() / 2;
    report.progress("  spark-submit --master local-cluster[2,1,1024] (2 executors, each its own JVM) --conf"
        + " spark.plugins=" + LakeFSSparkKeys.PLUGIN_CLASS + " ... " + LakeFSRoundTrip.class.getSimpleName() + " "
        + SALES + " " + BRANCH + " " + prefix + " " + rounds + " " + pauseSeconds + "   (driver log: "
        + dir.resolve("driver.log") + ")");
    lakeFS.clearRequests();
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
        .conf(LakeFSSparkKeys.SPARK_HADOOP_PREFIX + LakeFSTokenKeys.LOGIN_ENDPOINT, lakeFS.endpoint().toString())
        .conf(LakeFSSparkKeys.SPARK_HADOOP_PREFIX + LakeFSTokenKeys.REFRESH_MARGIN_SECONDS,
            Long.toString(refreshMargin().toSeconds()))
        .conf(LakeFSSparkKeys.SPARK_HADOOP_PREFIX + LakeFSTokenKeys.PREFETCH_SECONDS,
            Long.toString(prefetch().toSeconds()))
        .conf(LakeFSSparkKeys.RETRY_INTERVAL_MILLIS, "2000")
        .conf(LakeFSSparkKeys.S3A_DELEGATION_TOKEN_BINDING, LakeFSSparkKeys.S3A_BINDING_CLASS)
        .conf("spark.hadoop.fs.s3a.endpoint", aws.s3Endpoint().toString())
        .conf("spark.hadoop.fs.s3a.endpoint.region", aws.region())
        .conf("spark.hadoop.fs.s3a.path.style.access", "true")
        .application(Classpath.jarOf(LakeFSRoundTrip.class), LakeFSRoundTrip.class.getName(), SALES, BRANCH, prefix,
            Integer.toString(rounds), Long.toString(pauseSeconds))
        .start()) {
      followProgress(job);
      status = job.awaitExit(Duration.ofMinutes(6));
      driverLog = job.output();
    }
    expect(status == 0, "the Spark job exited with " + status + "; see " + dir.resolve("driver.log"));
    expect(driverLog.contains("LakeFSRoundTrip succeeded"), "the job did not report success");
    expect(!driverLog.contains(ALICE_SECRET) && !home.executorLogs().contains(ALICE_SECRET),
        "alice's lakeFS secret appears in a Spark log");
    AccessLogView seen = AccessLogView.of(aws.accessLogLines(), before).under(SALES + "/");
    expect(!seen.isEmpty(), "S3 saw no request under sales/");
    expect(seen.all(e -> e.path("key").asText().startsWith(SALES + "/data/")), "a request outside sales/data/: "
        + seen.operationCounts());
    expect(seen.distinct("sessionName").equals(List.of(ALICE)), "requests not all as alice: "
        + seen.distinct("sessionName"));
    // 404s are S3A probing for objects before it writes them; a 403 or 5xx would be a failure. No delete: lakeFS
    // data is written once, and only garbage collection deletes it.
    expect(seen.all(e -> !e.path("operation").asText().contains("DELETE")), "the job deleted objects: "
        + seen.operationCounts());
    expect(seen.all(e -> e.path("httpStatus").asInt() != 403 && e.path("httpStatus").asInt() < 500),
        "some requests were refused: " + seen.operationCounts());
    List<String> keys = seen.distinct("accessKeyId");
    expect(keys.size() >= 2, "the job used " + keys.size() + " STS credential(s): nothing expired and was refreshed");
    long links = lakeFS.requests().stream().filter(r -> r.method().equals("PUT")
        && r.path().endsWith("/staging/backing")).count();
    // With a key: only the service asking lakeFS whether alice may write (GET staging) before it grants write.
    expect(lakeFS.requests().stream().filter(r -> r.path().contains("/staging/backing") || r.path().contains("/objects/"))
        .allMatch(r -> r.accessKeyId().isEmpty() ? r.user().equals(Optional.of(ALICE)) : r.method().equals("GET")
            && r.path().endsWith("/staging/backing")),
        "some of the job's lakeFS calls were not made with alice's login token");
    List<String> facts = new ArrayList<>();
    facts.add("user alice; the lakeFS secret stayed on the driver (environment " + LakeFSSparkKeys
        .DEFAULT_DRIVER_SECRET_KEY_ENV + "); executors got tokens over the plugin's RPC, with the lakeFS login token"
        + " they called lakeFS with (getPhysicalAddress, linkPhysicalAddress, statObject)");
    auditScope(ALICE).ifPresent(scope -> facts.add("scope granted by the service: " + scope));
    facts.add("the job printed: " + lastLine(driverLog, "LakeFSRoundTrip succeeded"));
    facts.addAll(s3Facts(seen));
    facts.add(keys.size() + " generations of STS credentials used (each lives " + settings.stsLifetime().toSeconds()
        + " s): refreshed " + (keys.size() - 1) + " time(s) during the job; " + links + " objects linked in lakeFS");
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
        if (lines[i].startsWith("LakeFSRoundTrip")) {
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
            InputStream in = fs.open(new org.apache.hadoop.fs.Path("/" + payrollObjectKey))) {
          in.read();
        }
        return null;
      });
      throw new AssertionError("alice's credentials read bob's payroll object");
    } catch (java.nio.file.AccessDeniedException e) {
      facts.add("S3A with alice's sales token reading bob's object s3a://" + aws.bucket() + "/" + payrollObjectKey
          + ": " + e.getClass().getSimpleName());
    }
    AccessLogView seen = AccessLogView.of(aws.accessLogLines(), before).under(PAYROLL + "/");
    expect(!seen.isEmpty() && seen.all(e -> e.path("httpStatus").asInt() == 403), "S3 did not deny every request"
        + " on payroll/: " + seen.lines());
    facts.addAll(s3Facts(seen));
    return facts;
  }

  private List<String> aliceRefusedWhatLakeFSForbids() throws Exception {
    List<String> facts = new ArrayList<>();
    String imported = SALES_IMPORTS + "2026-11.csv";
    importAsAdministrator(imported, "region,total\neu,7\n");
    // alice commits her job's output with her own key, on the driver, as she would with lakectl.
    ApiClient api = new ApiClient();
    api.setBasePath(lakeFS.endpoint().toString());
    api.setUsername(ALICE_KEY);
    api.setPassword(ALICE_SECRET);
    String committedPath = "demo/round-1/part-00000.csv";
    String committed;
    try {
      new CommitsApi(api).commit(SALES, BRANCH, new CommitCreation().message("alice's Spark job output")).execute();
      committed = new ObjectsApi(api).statObject(SALES, BRANCH, committedPath).execute().getPhysicalAddress()
          .substring(("s3://" + aws.bucket() + "/").length());
    } catch (ApiException e) {
      throw new IOException("lakeFS refused alice's commit or stat (HTTP " + e.getCode() + "): " + e.getResponseBody(), e);
    }
    facts.add("alice committed " + SALES + "/" + BRANCH + "; " + committedPath + " is at s3://" + aws.bucket() + "/"
        + committed);
    int before = aws.accessLogLines().size();
    Token<LakeFSTokenIdentifier> token = issue(ALICE, ALICE_KEY, ALICE_SECRET, SALES, "write", ALICE);
    String read = asExecutorHolding(token, () -> {
      try (FileSystem fs = FileSystem.newInstance(URI.create("s3a://" + aws.bucket()), executorConf())) {
        refused(facts, "a put under _lakefs/ (the repository's commit history)", () -> {
          try (OutputStream out = fs.create(new org.apache.hadoop.fs.Path("/" + SALES + "/_lakefs/forged-range"))) {
            out.write('x');
          }
        });
        refused(facts, "a delete of the committed object", () -> fs.delete(new org.apache.hadoop.fs.Path("/" + committed),
            false));
        refused(facts, "a put into the import location", () -> {
          try (OutputStream out = fs.create(new org.apache.hadoop.fs.Path("/" + SALES_IMPORTS + "forged.csv"))) {
            out.write('x');
          }
        });
        try (InputStream in = fs.open(new org.apache.hadoop.fs.Path("/" + imported))) {
          return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
      }
    });
    expect(read.startsWith("region,total"), "the imported object read back as " + read);
    facts.add("alice's token read the imported s3://" + aws.bucket() + "/" + imported + " (outside the namespace)");
    AccessLogView seen = AccessLogView.of(aws.accessLogLines(), before);
    AccessLogView denied = seen.filter(e -> e.path("httpStatus").asInt() == 403);
    for (String key : List.of(SALES + "/_lakefs/forged-range", committed, SALES_IMPORTS + "forged.csv")) {
      expect(denied.filter(e -> e.path("key").asText().equals(key)).size() > 0, "S3 logged no 403 for " + key + ": "
          + seen.lines());
    }
    expect(denied.distinct("sessionName").equals(List.of(ALICE)), "the refusals were not of alice's session");
    facts.add("S3 access log, the refusals: " + denied.operationCounts() + ", e.g. " + denied.lines().get(0));
    return facts;
  }

  /** A step's attempt that S3 must refuse. */
  private interface Attempt {
    void run() throws IOException;
  }

  private static void refused(List<String> facts, String what, Attempt attempt) {
    try {
      attempt.run();
    } catch (java.nio.file.AccessDeniedException e) {
      facts.add(what + ": refused by S3 (" + e.getClass().getSimpleName() + ")");
      return;
    } catch (IOException e) {
      throw new AssertionError(what + " failed otherwise than with AccessDenied: " + e, e);
    }
    throw new AssertionError(what + " was allowed");
  }

  /** What an administrator's import puts outside the namespace, with local-aws's administrator key. */
  private void importAsAdministrator(String key, String text) throws IOException {
    Configuration conf = executorConf();
    conf.unset("fs.s3a.delegation.token.binding");
    conf.set("fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
    conf.set("fs.s3a.access.key", aws.accessKeyId());
    conf.set("fs.s3a.secret.key", aws.secretAccessKey());
    try (FileSystem fs = FileSystem.newInstance(URI.create("s3a://" + aws.bucket()), conf);
        OutputStream out = fs.create(new org.apache.hadoop.fs.Path("/" + key))) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
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

  /** lakeFS objects the way lakeFSFS reaches them, as the current user (one {@link #asExecutorHolding} a token). */
  private LakeFSObjects objects() throws IOException {
    UserGroupInformation user = UserGroupInformation.getCurrentUser();
    return new LakeFSObjects(executorConf(), user::getCredentials, Clock.systemUTC());
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
    conf.set(LakeFSTokenKeys.LOGIN_ENDPOINT, lakeFS.endpoint().toString());
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
