package io.lakefs.sts.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** {@code lakefs-sts credentials} against the real service: formats, the lakectl key, the cache, refusals. */
public class CredentialsCommandTest {
  @ClassRule
  public static final TemporaryFolder dir = new TemporaryFolder();

  private static CliFixture fixture;
  private final ObjectMapper json = new ObjectMapper();

  @BeforeClass
  public static void start() throws Exception {
    fixture = CliFixture.start(dir.getRoot().toPath(), Duration.ofMinutes(15));
  }

  @AfterClass
  public static void stop() throws Exception {
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  public void printsTheCredentialProcessJsonForTheKeyInLakectlsOwnFile() throws Exception {
    Map<String, String> env = fixture.environment("lakectl-file");
    Files.writeString(Path.of(env.get("HOME"), ".lakectl.yaml"), String.join("\n",
        "credentials:",
        "  access_key_id: " + CliFixture.ALICE_KEY,
        "  secret_access_key: " + CliFixture.ALICE_SECRET,
        "server:",
        "  endpoint_url: " + fixture.lakeFS.endpoint(),
        ""));

    CliFixture.Result result = CliFixture.run(env, "credentials", "--repository", CliFixture.REPO, "--access", "read");

    assertEquals(result.toString(), 0, result.status());
    JsonNode printed = json.readTree(result.out());
    assertEquals(List.of("AccessKeyId", "Expiration", "SecretAccessKey", "SessionToken", "Version"),
        Stream.of(json.convertValue(printed, Map.class).keySet().toArray(String[]::new)).sorted().toList());
    assertEquals(1, printed.get("Version").asInt());
    assertTrue(Instant.parse(printed.get("Expiration").asText()).isAfter(Instant.now()));
    assertFalse(printed.get("SessionToken").asText().isEmpty());
    assertEquals("", result.err());
  }

  @Test
  public void lakectlsVariablesComeBeforeItsFile() throws Exception {
    Map<String, String> env = CliFixture.withAliceKey(fixture.environment("variables"));
    Files.writeString(Path.of(env.get("HOME"), ".lakectl.yaml"),
        "credentials:\n  access_key_id: AKIAWRONGKEY00000000\n  secret_access_key: wrong\n");

    CliFixture.Result result = CliFixture.run(env, "credentials", "--repository", CliFixture.REPO, "--access", "write",
        "--format", "json");

    assertEquals(result.toString(), 0, result.status());
    JsonNode printed = json.readTree(result.out());
    assertEquals("alice", printed.get("source_identity").asText());
    assertEquals("s3://" + fixture.aws.bucket() + "/" + CliFixture.REPO + "/",
        printed.get("scope").get(0).get("location").asText().replaceAll("data/$", ""));
  }

  @Test
  public void envFormatPrintsExportLines() throws Exception {
    Map<String, String> env = CliFixture.withAliceKey(fixture.environment("env-format"));

    CliFixture.Result result = CliFixture.run(env, "credentials", "--repository", CliFixture.REPO, "--access", "read",
        "--format", "env");

    assertEquals(result.toString(), 0, result.status());
    List<String> lines = result.out().lines().toList();
    assertEquals(4, lines.size());
    assertTrue(lines.get(0).startsWith("export AWS_ACCESS_KEY_ID='"));
    assertTrue(lines.get(1).startsWith("export AWS_SECRET_ACCESS_KEY='"));
    assertTrue(lines.get(2).startsWith("export AWS_SESSION_TOKEN='"));
    assertTrue(lines.get(3).startsWith("export AWS_CREDENTIAL_EXPIRATION='"));
  }

  @Test
  public void aSecondRunIsServedFromAPrivateCacheFileWithoutCallingTheService() throws Exception {
    Map<String, String> env = CliFixture.withAliceKey(fixture.environment("cache"));
    String[] args = {"credentials", "--repository", CliFixture.REPO, "--access", "read"};
    CliFixture.Result first = CliFixture.run(env, args);
    int lakeFSCalls = fixture.lakeFS.requests().size();

    CliFixture.Result second = CliFixture.run(env, args);

    assertEquals(second.toString(), 0, second.status());
    assertEquals(first.out(), second.out());
    assertEquals("the service (which asks lakeFS) was not called again", lakeFSCalls, fixture.lakeFS.requests().size());
    Path cacheDir = Path.of(env.get(CliKeys.CACHE_DIR));
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(cacheDir)));
    try (Stream<Path> files = Files.list(cacheDir)) {
      List<Path> cached = files.toList();
      assertEquals(1, cached.size());
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(cached.get(0))));
      assertFalse("the file name tells nothing", cached.get(0).getFileName().toString().contains("alice"));
    }

    CliFixture.Result otherScope = CliFixture.run(env, "credentials", "--repository", CliFixture.REPO, "--access",
        "write");
    assertEquals(otherScope.toString(), 0, otherScope.status());
    assertNotEquals("another scope is another cache entry", first.out(), otherScope.out());
  }

  @Test
  public void aCacheFileOthersMayReadIsIgnored() throws Exception {
    Map<String, String> env = CliFixture.withAliceKey(fixture.environment("loose-cache"));
    String[] args = {"credentials", "--repository", CliFixture.REPO, "--access", "read", "--format", "json"};
    CliFixture.Result first = CliFixture.run(env, args);
    try (Stream<Path> files = Files.list(Path.of(env.get(CliKeys.CACHE_DIR)))) {
      Path file = files.findFirst().orElseThrow();
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    }
    int lakeFSCalls = fixture.lakeFS.requests().size();

    CliFixture.Result second = CliFixture.run(env, args);

    assertEquals(second.toString(), 0, second.status());
    assertTrue("asked the service again", fixture.lakeFS.requests().size() > lakeFSCalls);
    CliFixture.assertNoSecret(second.err(), json.readTree(first.out()).get("secret_access_key").asText());
  }

  @Test
  public void aCacheDirectoryOthersMayEnterIsTightenedAndItsOldFilesAreNotTrusted() throws Exception {
    Map<String, String> env = CliFixture.withAliceKey(fixture.environment("loose-directory"));
    String[] args = {"credentials", "--repository", CliFixture.REPO, "--access", "read"};
    CliFixture.run(env, args);
    Path cacheDir = Path.of(env.get(CliKeys.CACHE_DIR));
    Files.setPosixFilePermissions(cacheDir, PosixFilePermissions.fromString("rwxrwxrwx"));
    int lakeFSCalls = fixture.lakeFS.requests().size();

    CliFixture.Result second = CliFixture.run(env, args);

    assertEquals(second.toString(), 0, second.status());
    assertTrue("asked the service again", fixture.lakeFS.requests().size() > lakeFSCalls);
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(cacheDir)));
  }

  @Test
  public void aRepositoryTheUserMayNotReadIsRefusedWithTheServicesReasonAndNoSecret() throws Exception {
    Map<String, String> env = CliFixture.withAliceKey(fixture.environment("refused"));

    CliFixture.Result result = CliFixture.run(env, "credentials", "--repository", CliFixture.OTHER_REPO, "--access",
        "read");

    assertEquals(result.toString(), ExitCode.REFUSED.status, result.status());
    assertEquals("", result.out());
    assertTrue(result.err(), result.err().contains(CliFixture.OTHER_REPO) && result.err().contains("lakeFS key "
        + CliFixture.ALICE_KEY));
    CliFixture.assertNoSecret(result.err());
  }

  @Test
  public void gcCredentialsForLakeFSsSweepReachOnlyDataAndOnlyForAUserLakeFSLetsCollectGarbage() throws Exception {
    Map<String, String> bob = fixture.environment("gc");
    bob.put(CliKeys.LAKECTL_ACCESS_KEY_ID, CliFixture.BOB_KEY);
    bob.put(CliKeys.LAKECTL_SECRET_ACCESS_KEY, CliFixture.BOB_SECRET);

    CliFixture.Result granted = CliFixture.run(bob, "credentials", "--repository", CliFixture.OTHER_REPO, "--access",
        "gc", "--format", "json", "--no-cache");
    CliFixture.Result refused = CliFixture.run(CliFixture.withAliceKey(fixture.environment("gc-refused")),
        "credentials", "--repository", CliFixture.REPO, "--access", "gc");

    assertEquals(granted.toString(), 0, granted.status());
    JsonNode deleting = null;
    for (JsonNode grant : json.readTree(granted.out()).get("scope")) {
      if (grant.get("access").asText().equals("gc")) {
        deleting = grant;
      }
    }
    assertTrue(granted.out(), deleting != null);
    assertEquals("the repository's namespace, where the gc level deletes under data/ only",
        "s3://" + fixture.aws.bucket() + "/" + CliFixture.OTHER_REPO + "/", deleting.get("location").asText());
    assertEquals(refused.toString(), ExitCode.REFUSED.status, refused.status());
    assertTrue(refused.err(), refused.err().contains("garbage collection"));
    CliFixture.assertNoSecret(refused.err());
  }

  @Test
  public void aWrongSecretIsRefusedWithoutPrintingIt() throws Exception {
    Map<String, String> env = fixture.environment("wrong-secret");
    env.put(CliKeys.LAKECTL_ACCESS_KEY_ID, CliFixture.ALICE_KEY);
    env.put(CliKeys.LAKECTL_SECRET_ACCESS_KEY, "a-wrong-secret-that-must-not-show");

    CliFixture.Result result = CliFixture.run(env, "credentials", "--repository", CliFixture.REPO, "--access", "read");

    assertEquals(result.toString(), ExitCode.REFUSED.status, result.status());
    CliFixture.assertNoSecret(result.err(), "a-wrong-secret-that-must-not-show");
  }

  @Test
  public void nothingToAuthenticateWithListsWhatToProvideInOrder() throws Exception {
    CliFixture.Result result = CliFixture.run(fixture.environment("nothing"), "credentials", "--repository",
        CliFixture.REPO, "--access", "read");

    assertEquals(result.toString(), ExitCode.NOT_CONFIGURED.status, result.status());
    int tokenFile = result.err().indexOf(CliKeys.HADOOP_TOKEN_FILE_LOCATION);
    int serviceToken = result.err().indexOf(CliKeys.SERVICE_TOKEN);
    int kerberos = result.err().indexOf("kinit");
    int key = result.err().indexOf(CliKeys.LAKECTL_ACCESS_KEY_ID);
    assertTrue(result.err(), 0 < tokenFile && tokenFile < serviceToken && serviceToken < kerberos && kerberos < key);
  }

  @Test
  public void noEndpointSaysWhereToSetOne() throws Exception {
    Map<String, String> env = CliFixture.withAliceKey(fixture.environment("no-endpoint"));
    env.remove(CliKeys.ENDPOINTS);

    CliFixture.Result result = CliFixture.run(env, "credentials", "--repository", CliFixture.REPO, "--access", "read");

    assertEquals(result.toString(), ExitCode.NOT_CONFIGURED.status, result.status());
    assertTrue(result.err(), result.err().contains("--endpoint") && result.err().contains(CliKeys.ENDPOINTS));
  }

  @Test
  public void anEndpointNobodyListensOnIsUnavailable() throws Exception {
    Map<String, String> env = CliFixture.withAliceKey(fixture.environment("unreachable"));
    env.put(CliKeys.ENDPOINTS, "http://127.0.0.1:1");

    CliFixture.Result result = CliFixture.run(env, "credentials", "--repository", CliFixture.REPO, "--access", "read",
        "--no-cache");

    assertEquals(result.toString(), ExitCode.UNAVAILABLE.status, result.status());
    assertTrue(result.err(), result.err().contains("127.0.0.1:1"));
  }

  @Test
  public void wrongCommandLinesSayWhatToFix() throws Exception {
    Map<String, String> env = CliFixture.withAliceKey(fixture.environment("usage"));
    CliFixture.Result noAccess = CliFixture.run(env, "credentials", "--repository", CliFixture.REPO);
    CliFixture.Result badAccess = CliFixture.run(env, "credentials", "--repository", CliFixture.REPO, "--access", "all");
    CliFixture.Result badFormat = CliFixture.run(env, "credentials", "--repository", CliFixture.REPO, "--access",
        "read", "--format", "yaml");
    CliFixture.Result noRepository = CliFixture.run(env, "credentials", "--access", "read");
    CliFixture.Result unknown = CliFixture.run(env, "credentails");

    for (CliFixture.Result result : List.of(noAccess, badAccess, badFormat, noRepository, unknown)) {
      assertEquals(result.toString(), ExitCode.USAGE.status, result.status());
    }
    assertTrue(noAccess.err().contains("--access read, --access write or --access gc"));
    assertTrue(badAccess.err().contains("'all'; set it to read, write or gc"));
    assertTrue(badFormat.err().contains("credential-process, env or json"));
    assertTrue(noRepository.err().contains("--repository"));
    assertTrue(unknown.err().contains("unknown command credentails"));
  }

  @Test
  public void everyCommandHasHelp() {
    for (String[] args : List.of(new String[] {"--help"}, new String[] {"credentials", "--help"},
        new String[] {"token", "--help"}, new String[] {"token", "get", "--help"},
        new String[] {"token", "print", "--help"}, new String[] {"token", "renew", "--help"},
        new String[] {"token", "cancel", "--help"})) {
      CliFixture.Result result = CliFixture.run(Map.of("HOME", dir.getRoot().toString()), args);
      assertEquals(String.join(" ", args) + ": " + result, 0, result.status());
      assertTrue(result.out(), result.out().startsWith("Usage: lakefs-sts"));
      assertTrue(result.out(), result.out().contains("Exit status"));
    }
  }
}
