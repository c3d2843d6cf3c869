package io.lakefs.sts.reliability;

import static org.junit.Assert.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.Test;

/**
 * R6: after every other test of the build (this runs in the verify phase of the reactor's last module), no
 * secret in any log, audit line, error body or test output under any module's {@code target/}. Then the
 * results file is assembled from every figure this run recorded.
 */
public class SecretScanTest {

  @Test
  public void noSecretInAnyOutputOfTheBuild() throws Exception {
    Path root = Path.of(System.getProperty("reliability.root", "..")).toAbsolutePath().normalize();
    SecretScanner scanner = new SecretScanner(SecretScanner.knownSecretsIn(root));
    List<Path> files = SecretScanner.outputFiles(root).stream()
        .filter(file -> !file.startsWith(root.resolve("reliability").resolve(Figures.RESULTS))).toList();
    long bytes = 0;
    for (Path file : files) {
      bytes += Files.size(file);
    }
    List<SecretScanner.Finding> findings = scanner.scan(files);
    Figures.record("R6", String.format("every log, audit line, error body and test output of this build: %,d files,"
        + " %,d bytes under the modules' target/, for %d known secrets and %d shapes of issued ones", files.size(),
        bytes, scanner.knownSecretCount(), SecretScanner.ISSUED_SHAPES.size()), "0 secrets", findings.size()
        + " found" + (findings.isEmpty() ? "" : ": " + findings.stream().limit(5).toList()), findings.isEmpty());
    Path results = Figures.assemble(Scale.current());
    System.out.println("reliability figures written to " + results.toAbsolutePath());
    assertEquals("secrets in the build's output", List.of(), findings.stream().limit(50).toList());
  }
}
