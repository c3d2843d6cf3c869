package io.lakefs.sts.spark;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The test JVM's real class path: surefire starts tests from a manifest-only jar and names the entries here. */
final class TestClasspath {
  private TestClasspath() {
  }

  static List<Path> entries() {
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    return Arrays.stream(cp.split(File.pathSeparator)).filter(s -> !s.isEmpty()).map(Path::of)
        .filter(Files::exists).collect(Collectors.toList());
  }

  static String asString() {
    return entries().stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
  }

  /**
   * The fat jar beside a reactor module's thin jar (or beside its classes directory), found by the module's
   * directory name on the class path, so the module's classes need not be loaded here.
   */
  static Path fatJarOf(String module) {
    Path entry = entries().stream()
        .filter(p -> p.getFileName().toString().startsWith(module + "-") || p.getParent() != null
            && p.getParent().getParent() != null && p.getParent().getParent().getFileName().toString().equals(module))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException(module + " is not on the test class path; declare it as a"
            + " test dependency so the reactor builds it first"));
    Path dir = entry.getParent();
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().matches(module + "-.*-all\\.jar")).findFirst()
          .orElseThrow(() -> new IllegalStateException("no " + module + "-*-all.jar in " + dir + ": build it with"
              + " `mvn -pl " + module + " package` or run `mvn verify` from the repository root"));
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot list " + dir, e);
    }
  }
}
