package io.lakefs.sts.release;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.lakefs.sts.testsupport.LocalAwsProcess;
import io.lakefs.sts.testsupport.lakefs.LakeFSStandIn;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * What an administrator does with the release: unpack it, fill in conf/lakefs-sts-site.xml (here for loopback:
 * local-aws and a lakeFS stand-in), start the service from bin/, get credentials with bin/lakefs-sts, and stop the
 * service with SIGTERM while a request is in flight: the request is answered, the service exits 0.
 */
public class ReleaseTarballTest {
  private static final String KEY = "AKIARELEASEALICE0001";
  private static final String SECRET = "release-alice-lakefs-secret";
  private static final String READY = "lakefs-sts-service listening on ";

  @Rule
  public final TemporaryFolder dir = new TemporaryFolder();

  private static ProcessBuilder clean(ProcessBuilder builder) {
    builder.environment().clear();
    builder.environment().put("PATH", "/usr/bin:/bin");
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    return builder;
  }

  @Test
  public void unpacksStartsFromBinIssuesCredentialsAndStopsCleanly() throws Exception {
    Path tarball = Path.of(System.getProperty("release.tarball"));
    String version = System.getProperty("release.version");
    Process tar = clean(new ProcessBuilder("tar", "-xzf", tarball.toString(), "-C", dir.getRoot().toString()))
        .inheritIO().start();
    assertEquals(0, tar.waitFor());
    Path home = dir.getRoot().toPath().resolve("lakefs-sts-" + version);
    for (String file : List.of("bin/lakefs-sts", "bin/lakefs-sts-service")) {
      assertTrue(file + " is executable", Files.isExecutable(home.resolve(file)));
    }
    for (String file : List.of("conf/lakefs-sts-site.xml", "conf/log4j.properties", "systemd/lakefs-sts.service",
        "LICENSE", "INSTALL.md", "lib/lakefs-sts-service-" + version + ".jar",
        "lib/lakefs-sts-cli-" + version + "-all.jar", "lib/client/hadoop-3.4-spark-4.1/hadoop-tokens-" + version
            + ".jar", "lib/client/hadoop-3.4-spark-4.1/hadoop-tokens-s3a-hadoop34-" + version + ".jar",
        "lib/client/hadoop-3.4-spark-4.1/spark-integration-" + version + ".jar")) {
      assertTrue(file + " is in the release", Files.isRegularFile(home.resolve(file)));
    }
    // The YARN RM takes hadoop-tokens alone, with no AWS SDK: the SDK v2 binding is in a jar of its own.
    Path client = home.resolve("lib/client/hadoop-3.4-spark-4.1");
    String binding = "io/lakefs/sts/hadoop/s3a/LakeFSDelegationTokenBinding.class";
    assertTrue(hasEntry(client.resolve("hadoop-tokens-s3a-hadoop34-" + version + ".jar"), binding));
    assertFalse(hasEntry(client.resolve("hadoop-tokens-" + version + ".jar"), binding));

    try (LocalAwsProcess aws = LocalAwsProcess.builder().start();
        LakeFSStandIn lakeFS = LakeFSStandIn.builder().user("alice", KEY, SECRET)
            .repository("repo1", "s3://" + aws.bucket() + "/repo1/").grant("alice", "repo1").start()) {
      fillIn(home.resolve("conf/lakefs-sts-site.xml"), Map.of(
          "lakefs.sts.http.address", "127.0.0.1:0",
          "lakefs.sts.lakefs.endpoint", lakeFS.endpoint().toString(),
          "lakefs.sts.lakefs.auth.cache.seconds", "0",
          "lakefs.sts.role.arn", aws.roleArn(),
          "lakefs.sts.sts.region", aws.region(),
          "lakefs.sts.sts.endpoint", aws.stsEndpoint().toString(),
          "lakefs.sts.sts.access-key", aws.accessKeyId(),
          "lakefs.sts.sts.secret-key", aws.secretAccessKey()));
      Path log = dir.getRoot().toPath().resolve("service.log");
      Process service = clean(new ProcessBuilder(home.resolve("bin/lakefs-sts-service").toString()))
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
      try {
        URI endpoint = awaitEndpoint(service, log);

        ProcessBuilder cli = clean(new ProcessBuilder(home.resolve("bin/lakefs-sts").toString(), "credentials",
            "--endpoint", endpoint.toString(), "--repository", "repo1", "--access", "read"));
        cli.environment().put("HOME", dir.getRoot().toString());
        cli.environment().put("LAKECTL_CREDENTIALS_ACCESS_KEY_ID", KEY);
        cli.environment().put("LAKECTL_CREDENTIALS_SECRET_ACCESS_KEY", SECRET);
        File out = dir.newFile("credentials.json");
        Process credentials = cli.redirectOutput(out).redirectError(dir.newFile("credentials.err")).start();
        assertTrue(credentials.waitFor(60, TimeUnit.SECONDS));
        assertEquals(Files.readString(out.toPath()), 0, credentials.exitValue());
        assertTrue(Files.readString(out.toPath()), Files.readString(out.toPath()).startsWith("{\"Version\":1,"));

        // A request in flight when SIGTERM arrives: lakeFS answers late, the service must still answer it.
        lakeFS.delayAnswers(Duration.ofSeconds(3));
        int lakeFSCalls = lakeFS.requests().size();
        CompletableFuture<HttpResponse<String>> inFlight = HttpClient.newHttpClient().sendAsync(
            HttpRequest.newBuilder(endpoint.resolve("/api/v1/credentials"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (KEY + ":" + SECRET).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString("{\"repositories\":[\"repo1\"],\"access\":\"read\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        Instant deadline = Instant.now().plusSeconds(10);
        while (lakeFS.requests().size() == lakeFSCalls && Instant.now().isBefore(deadline)) {
          Thread.sleep(20);
        }
        service.destroy();

        HttpResponse<String> answer = inFlight.get(30, TimeUnit.SECONDS);
        assertEquals(answer.body(), 200, answer.statusCode());
        assertTrue("the service stopped within 30 s", service.waitFor(30, TimeUnit.SECONDS));
        assertEquals(Files.readString(log), 0, service.exitValue());
        assertTrue(Files.readString(log), Files.readString(log).contains("lakefs-sts-service stopped"));
      } finally {
        service.destroyForcibly().waitFor();
      }
    }
  }

  /** Sets the named properties' values in a Hadoop configuration file, adding those it lacks, as an admin edits it. */
  private static void fillIn(Path file, Map<String, String> values) throws Exception {
    Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    Map<String, String> missing = new java.util.HashMap<>(values);
    NodeList properties = xml.getElementsByTagName("property");
    for (int i = 0; i < properties.getLength(); i++) {
      Element property = (Element) properties.item(i);
      String name = property.getElementsByTagName("name").item(0).getTextContent().trim();
      if (missing.containsKey(name)) {
        property.getElementsByTagName("value").item(0).setTextContent(missing.remove(name));
      }
    }
    missing.forEach((name, value) -> {
      Element property = xml.createElement("property");
      Element nameElement = xml.createElement("name");
      nameElement.setTextContent(name);
      Element valueElement = xml.createElement("value");
      valueElement.setTextContent(value);
      property.appendChild(nameElement);
      property.appendChild(valueElement);
      xml.getDocumentElement().appendChild(property);
    });
    TransformerFactory.newInstance().newTransformer().transform(new DOMSource(xml), new StreamResult(file.toFile()));
  }

  private static boolean hasEntry(Path jar, String entry) throws Exception {
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      return zip.getEntry(entry) != null;
    }
  }

  private static URI awaitEndpoint(Process service, Path log) throws Exception {
    Instant deadline = Instant.now().plusSeconds(60);
    while (Instant.now().isBefore(deadline)) {
      for (String line : Files.readAllLines(log)) {
        if (line.startsWith(READY)) {
          return URI.create(line.substring(READY.length()).trim());
        }
      }
      if (!service.isAlive()) {
        throw new AssertionError("bin/lakefs-sts-service exited " + service.exitValue() + ":\n" + Files.readString(log));
      }
      Thread.sleep(50);
    }
    throw new AssertionError("bin/lakefs-sts-service did not start within 60 s:\n" + Files.readString(log));
  }
}
