package io.lakefs.sts.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakefs.sts.testsupport.Classpath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Real AWS clients, not our code, with one AWS profile whose {@code credential_process} is {@code lakefs-sts
 * credentials} (through its launcher script): Debian's AWS CLI and boto3, and an AWS SDK for Java v1 client on the
 * default provider chain (what lakeFS's GC sweep builds). Each writes and reads under alice's repository's
 * {@code data/}, is refused in bob's, and goes on working after local-aws's short-lived credentials expired.
 * Clients reach local-aws through endpoint overrides only, with the instance metadata service turned off. The three
 * run at once (each waits out the credentials' lifetime), started before the tests that read what they did.
 */
public class AwsClientsTest {
  @ClassRule
  public static final TemporaryFolder dir = new TemporaryFolder();

  /** Short, so expiry shows within the test; long enough for a client to start and sign with them. */
  private static final Duration LIFETIME = Duration.ofSeconds(12);
  private static final String WAIT_PAST_EXPIRY_SECONDS = Long.toString(LIFETIME.toSeconds() + 2);

  private static CliFixture fixture;
  private static Map<String, String> env;
  private static ExecutorService clients;
  private static Future<List<CliFixture.Result>> awsCli;
  private static Future<CliFixture.Result> boto3;
  private static Future<CliFixture.Result> sdkV1;

  @BeforeClass
  public static void start() throws Exception {
    fixture = CliFixture.start(dir.getRoot().toPath(), LIFETIME);
    env = CliFixture.launcherEnvironment(CliFixture.withAliceKey(fixture.environment("aws-clients")));
    Path credentials = dir.getRoot().toPath().resolve("aws-credentials");
    Path config = dir.getRoot().toPath().resolve("aws-config");
    // The profile a user writes: the command, the repository and the access; nothing secret.
    Files.writeString(credentials, "[alice]\ncredential_process = " + CliFixture.LAUNCHER + " credentials --endpoint "
        + fixture.service.endpoint() + " --repository " + CliFixture.REPO + " --access write\n");
    Files.writeString(config, "[profile alice]\nregion = " + fixture.aws.region()
        + "\ns3 =\n    addressing_style = path\n");
    env.put("AWS_SHARED_CREDENTIALS_FILE", credentials.toString());
    env.put("AWS_CREDENTIAL_PROFILES_FILE", credentials.toString());
    env.put("AWS_CONFIG_FILE", config.toString());
    env.put("AWS_PROFILE", "alice");
    env.remove(CliKeys.ENDPOINTS);
    clients = Executors.newFixedThreadPool(3);
    awsCli = clients.submit(AwsClientsTest::runAwsCli);
    boto3 = clients.submit(AwsClientsTest::runBoto3);
    sdkV1 = clients.submit(AwsClientsTest::runSdkV1);
  }

  @AfterClass
  public static void stop() throws Exception {
    if (clients != null) {
      clients.shutdownNow();
    }
    if (fixture != null) {
      fixture.close();
    }
  }

  private static String s3(String key) {
    return "s3://" + fixture.aws.bucket() + "/" + key;
  }

  private static String debianTool(String path) {
    assertTrue(path + " is missing: install Debian's awscli and python3-boto3 (.ci/run does)",
        Files.isExecutable(Path.of(path)));
    return path;
  }

  private static CliFixture.Result aws(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(debianTool("/usr/bin/aws"), "--endpoint-url",
        fixture.aws.s3Endpoint().toString()));
    command.addAll(List.of(args));
    return CliFixture.exec(env, dir.getRoot().toPath(), command);
  }

  /** Access key ids local-aws logged for requests on {@code key}, all from lakeFS user alice. */
  private static Set<String> accessKeysUsedFor(String key) throws Exception {
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> lines = new ArrayList<>();
    for (String line : fixture.aws.accessLogLines()) {
      JsonNode entry = json.readTree(line);
      if (key.equals(entry.path("key").asText())) {
        lines.add(entry);
      }
    }
    assertTrue("local-aws logged requests for " + key, !lines.isEmpty());
    for (JsonNode entry : lines) {
      assertEquals(entry.toString(), "alice", entry.path("sourceIdentity").asText());
    }
    return lines.stream().map(entry -> entry.path("accessKeyId").asText()).collect(Collectors.toSet());
  }

  private static final String AWS_CLI_KEY = CliFixture.REPO + "/data/aws-cli/object";
  private static final String BOTO3_KEY = CliFixture.REPO + "/data/boto3/object";
  private static final String SDK_V1_KEY = CliFixture.REPO + "/data/sdk-v1/object";

  /** put, get, put outside the scope, wait past expiry, get: four runs of the AWS CLI. */
  private static List<CliFixture.Result> runAwsCli() throws Exception {
    Path local = Files.writeString(dir.getRoot().toPath().resolve("aws-cli.txt"), "written by the AWS CLI");
    CliFixture.Result put = aws("s3", "cp", local.toString(), s3(AWS_CLI_KEY));
    CliFixture.Result read = aws("s3", "cp", s3(AWS_CLI_KEY), "-");
    CliFixture.Result outside = aws("s3", "cp", local.toString(), s3(CliFixture.OTHER_REPO + "/data/aws-cli/object"));
    Thread.sleep(Duration.ofSeconds(Long.parseLong(WAIT_PAST_EXPIRY_SECONDS)).toMillis());
    CliFixture.Result readAfterExpiry = aws("s3", "cp", s3(AWS_CLI_KEY), "-");
    return List.of(put, read, outside, readAfterExpiry);
  }

  private static CliFixture.Result runBoto3() throws Exception {
    Path script = Path.of(AwsClientsTest.class.getResource("/boto3_client.py").toURI());
    return CliFixture.exec(env, dir.getRoot().toPath(), List.of(debianTool("/usr/bin/python3"), script.toString(),
        fixture.aws.s3Endpoint().toString(), fixture.aws.bucket(), BOTO3_KEY,
        CliFixture.OTHER_REPO + "/data/boto3/object", WAIT_PAST_EXPIRY_SECONDS));
  }

  private static CliFixture.Result runSdkV1() throws Exception {
    return CliFixture.exec(env, dir.getRoot().toPath(), List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", Classpath.asString(),
        SdkV1DefaultChainClient.class.getName(), fixture.aws.s3Endpoint().toString(), fixture.aws.bucket(),
        SDK_V1_KEY, CliFixture.OTHER_REPO + "/data/sdk-v1/object", WAIT_PAST_EXPIRY_SECONDS));
  }

  @Test
  public void awsCliWritesAndReadsInsideTheScopeIsRefusedOutsideAndOutlivesExpiry() throws Exception {
    List<CliFixture.Result> runs = awsCli.get(3, TimeUnit.MINUTES);
    CliFixture.Result put = runs.get(0);
    CliFixture.Result read = runs.get(1);
    CliFixture.Result outside = runs.get(2);
    CliFixture.Result readAfterExpiry = runs.get(3);

    assertEquals(put.toString(), 0, put.status());
    assertEquals(read.toString(), "written by the AWS CLI", read.out());
    assertNotEquals(outside.toString(), 0, outside.status());
    assertTrue(outside.err(), outside.err().contains("AccessDenied"));
    assertEquals(readAfterExpiry.toString(), "written by the AWS CLI", readAfterExpiry.out());
    assertTrue("fresh credentials after expiry", accessKeysUsedFor(AWS_CLI_KEY).size() >= 2);
    CliFixture.assertNoSecret(put.err() + read.err() + outside.err() + readAfterExpiry.err());
  }

  @Test
  public void boto3WritesAndReadsInsideTheScopeIsRefusedOutsideAndOutlivesExpiry() throws Exception {
    CliFixture.Result result = boto3.get(3, TimeUnit.MINUTES);

    assertEquals(result.toString(), 0, result.status());
    assertEquals(result.toString(), List.of("put inside: written by boto3", "put outside: AccessDenied",
        "get after expiry: written by boto3", "credentials changed: True"), result.out().lines().toList());
    assertTrue(accessKeysUsedFor(BOTO3_KEY).size() >= 2);
    CliFixture.assertNoSecret(result.err());
  }

  @Test
  public void awsSdkForJavaV1OnTheDefaultChainUsesTheSameProfile() throws Exception {
    CliFixture.Result result = sdkV1.get(3, TimeUnit.MINUTES);

    assertEquals(result.toString(), 0, result.status());
    assertEquals(result.toString(), List.of("put inside: written by the AWS SDK for Java v1",
        "put outside: AccessDenied", "get after expiry: written by the AWS SDK for Java v1"),
        result.out().lines().toList());
    assertTrue(accessKeysUsedFor(SDK_V1_KEY).size() >= 2);
    CliFixture.assertNoSecret(result.err());
  }
}
