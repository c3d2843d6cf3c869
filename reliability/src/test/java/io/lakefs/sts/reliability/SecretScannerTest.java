package io.lakefs.sts.reliability;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The scanner R6 relies on finds what it must, and only in output files. */
public class SecretScannerTest {
  @Rule
  public TemporaryFolder dir = new TemporaryFolder();

  @Test
  public void findsKnownSecretsFromSourcesAndIssuedOnesByShapeInOutputFiles() throws Exception {
    Path root = dir.getRoot().toPath();
    Path source = Files.createDirectories(root.resolve("mod/src/test/java/x"));
    Files.writeString(source.resolve("Fixture.java"), "class Fixture { static final String CAROL_SECRET ="
        + " \"carol-planted-value-0001\"; String key = \"lakefs.sts.sts.secret-key\"; }");
    Path target = Files.createDirectories(root.resolve("mod/target/surefire-reports"));
    Files.writeString(target.resolve("x.Test-output.txt"), "fine\nleaked carol-planted-value-0001 here\n"
        + "{\"secret_access_key\":\"abc\"}\n{\"secret_access_key\":\"<redacted>\"}\n");
    Files.writeString(root.resolve("mod/target/service.out"), "Set-Cookie: hadoop.auth=\"u=alice&p=alice&t=basic"
        + "&e=1764000000000&s=c2lnbmF0dXJlMTIzNDU2\"\n");
    Files.writeString(root.resolve("mod/target/site.xml"), "carol-planted-value-0001");

    Set<String> known = SecretScanner.knownSecretsIn(root);
    assertEquals(Set.of("carol-planted-value-0001"), known);
    List<Path> files = SecretScanner.outputFiles(root);
    assertEquals(2, files.size());
    List<SecretScanner.Finding> findings = new SecretScanner(known).scan(files);
    assertEquals(findings.toString(), 3, findings.size());
    assertTrue(findings.toString(), findings.stream().noneMatch(f -> f.toString().contains("carol-planted")));
  }
}
