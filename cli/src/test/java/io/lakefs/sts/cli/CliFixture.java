package io.lakefs.sts.cli;

import static org.junit.Assert.assertFalse;

import io.lakefs.sts.testsupport.Classpath;
import io.lakefs.sts.testsupport.CredentialsServiceProcess;
import io.lakefs.sts.testsupport.LocalAwsProcess;
import io.lakefs.sts.testsupport.LoopbackStack;
import io.lakefs.sts.testsupport.lakefs.AliceAndBob;
import io.lakefs.sts.testsupport.lakefs.LakeFSStandIn;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * local-aws (STS credentials live {@code lifetime}), a lakeFS stand-in (alice reads and writes repo1, bob repo2)
 * and the real credentials service in its own JVM; runs {@code lakefs-sts} in this JVM or through its launcher.
 */
final class CliFixture implements AutoCloseable {
  static final AliceAndBob WORLD = AliceAndBob.withKeys("AKIACLIALICE00000001",
      "alice-cli-lakefs-secret-never-printed", "AKIACLIBOB0000000001", "bob-cli-lakefs-secret-never-printed-01");
  static final String ALICE_KEY = WORLD.alice().accessKeyId();
  static final String ALICE_SECRET = WORLD.alice().secretAccessKey();
  static final String BOB_KEY = WORLD.bob().accessKeyId();
  static final String BOB_SECRET = WORLD.bob().secretAccessKey();
  static final String REPO = WORLD.aliceRepository();
  static final String OTHER_REPO = WORLD.bobRepository();
  static final Path LAUNCHER = Path.of("src", "main", "bin", "lakefs-sts").toAbsolutePath();

  final LoopbackStack stack;
  final LocalAwsProcess aws;
  final LakeFSStandIn lakeFS;
  final CredentialsServiceProcess service;
  final Path dir;

  private CliFixture(LoopbackStack stack) {
    this.stack = stack;
    this.aws = stack.aws();
    this.lakeFS = stack.lakeFS();
    this.service = stack.service();
    this.dir = stack.dir();
  }

  /** Bob may also run lakeFS's garbage collection on his repository. */
  static CliFixture start(Path dir, Duration lifetime) throws Exception {
    return new CliFixture(LoopbackStack.builder(dir).stsLifetime(lifetime)
        .lakeFS(bucket -> WORLD.standIn(bucket).grantGarbageCollection(AliceAndBob.BOB, OTHER_REPO))
        .serviceSettings(Map.of("lakefs.sts.credentials.refresh-margin.seconds",
            Long.toString(lifetime.toSeconds() / 4)))
        .start());
  }

  /** A clean environment: a home of its own (no ~/.lakectl.yaml yet), its own cache, no Kerberos ticket cache. */
  Map<String, String> environment(String name) throws IOException {
    Path home = Files.createDirectories(dir.resolve("home-" + name));
    Map<String, String> env = new HashMap<>();
    env.put("HOME", home.toString());
    env.put(CliKeys.CACHE_DIR, home.resolve("cache").toString());
    env.put(CliKeys.KRB5CCNAME, "FILE:" + home.resolve("no-ticket-cache"));
    env.put(CliKeys.ENDPOINTS, service.endpoint().toString());
    return env;
  }

  static Map<String, String> withAliceKey(Map<String, String> env) {
    env.put(CliKeys.LAKECTL_ACCESS_KEY_ID, ALICE_KEY);
    env.put(CliKeys.LAKECTL_SECRET_ACCESS_KEY, ALICE_SECRET);
    return env;
  }

  /** What one run printed and how it ended. */
  record Result(int status, String out, String err) {
    @Override
    public String toString() {
      return "exit " + status + "\nstdout: " + out + "\nstderr: " + err;
    }
  }

  /** Runs {@code lakefs-sts ARGS} in this JVM. */
  static Result run(Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Path home = Path.of(env.get("HOME"));
    int status = new LakeFSSts(new CliEnvironment(env, home), Clock.systemUTC(),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
        .run(List.of(args));
    return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /**
   * The launcher script, as an AWS client runs it: an environment of exactly {@code env} plus PATH and JAVA_HOME,
   * the classes from this JVM's class path.
   */
  static Map<String, String> launcherEnvironment(Map<String, String> env) {
    Map<String, String> full = new HashMap<>(env);
    full.put("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    full.put("JAVA_HOME", System.getProperty("java.home"));
    full.put("LAKEFS_STS_CLASSPATH", Classpath.asString());
    full.put("AWS_EC2_METADATA_DISABLED", "true");
    return full;
  }

  /** Runs a command with exactly {@code env}; fails the test if it does not end within two minutes. */
  static Result exec(Map<String, String> env, Path workDir, List<String> command) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
    builder.environment().clear();
    builder.environment().putAll(env);
    Path out = Files.createTempFile(workDir, "out-", ".txt");
    Path err = Files.createTempFile(workDir, "err-", ".txt");
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError(command + " did not end within 2 minutes");
    }
    return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
  }

  static void assertNoSecret(String text, String... secrets) {
    for (String secret : List.of(ALICE_SECRET, BOB_SECRET)) {
      assertFalse("a lakeFS secret was printed: " + text, text.contains(secret));
    }
    for (String secret : secrets) {
      assertFalse("a secret was printed: " + text, text.contains(secret));
    }
  }

  @Override
  public void close() throws Exception {
    stack.close();
  }
}
