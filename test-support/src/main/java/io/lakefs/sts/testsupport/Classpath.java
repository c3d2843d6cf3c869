package io.lakefs.sts.testsupport;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * This JVM's class path, and the runnable (fat) jars of this reactor's modules found from it: what child
 * processes (local-aws, the credentials service, SparkSubmit and its executors) are started with. Under
 * surefire the real entries are in {@code surefire.test.class.path}: tests start from a manifest-only jar.
 */
public final class Classpath {
  private Classpath() {
  }

  public static List<Path> entries() {
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    return Arrays.stream(cp.split(File.pathSeparator)).filter(s -> !s.isEmpty()).map(Path::of)
        .filter(Files::exists).collect(Collectors.toList());
  }

  public static String asString() {
    return entries().stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
  }

  /** The jar (or classes directory) a class was loaded from, e.g. a Spark job's application jar. */
  public static Path jarOf(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot tell where " + type.getName() + " was loaded from", e);
    }
  }

  /**
   * The fat jar of a reactor module, found by the module's directory name on the class path, so the module's
   * classes need not be loaded here.
   */
  public static Path fatJarOf(String module) {
    Path entry = entries().stream()
        .filter(p -> p.getFileName().toString().startsWith(module + "-") || p.getParent() != null
            && p.getParent().getParent() != null && p.getParent().getParent().getFileName().toString().equals(module))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException(module + " is not on the class path; declare it as a"
            + " dependency so the reactor builds it first"));
    return fatJarBeside(entry, module);
  }

  /**
   * {@code MODULE-VERSION-all.jar} beside a module's thin jar, or beside its classes directory (in the reactor),
   * where the shade plugin puts it.
   */
  public static Path fatJarBeside(Path thinJarOrClasses, String module) {
    Path dir = thinJarOrClasses.toAbsolutePath().getParent();
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().matches(module + "-.*-all\\.jar")).findFirst()
          .orElseThrow(() -> new IllegalStateException("no " + module + "-*-all.jar in " + dir + ": build it with"
              + " `mvn -pl " + module + " package` or run `mvn verify` from the repository root"));
    } catch (IOException e) {
      throw new IllegalStateException("cannot list " + dir, e);
    }
  }
}
