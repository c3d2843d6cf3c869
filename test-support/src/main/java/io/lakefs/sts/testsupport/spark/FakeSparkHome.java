package io.lakefs.sts.testsupport.spark;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A SPARK_HOME made of the test's own class path, so that {@code local-cluster} can start executors in JVMs of
 * their own: Spark's Worker builds an executor's class path as {@code $SPARK_HOME/jars/*}, and its launcher asks
 * {@code SPARK_SCALA_VERSION} (or a source tree) for the Scala version. Jars are linked into {@code jars/};
 * class directories (modules of this reactor not packaged yet) go to {@code spark.executor.extraClassPath}.
 */
public final class FakeSparkHome {
  private static final Pattern SCALA_LIBRARY = Pattern.compile("scala-library-(2\\.1[23])\\..*\\.jar");
  private final Path home;
  private final List<Path> classDirectories;
  private final String scalaVersion;

  private FakeSparkHome(Path home, List<Path> classDirectories, String scalaVersion) {
    this.home = home;
    this.classDirectories = classDirectories;
    this.scalaVersion = scalaVersion;
  }

  public static FakeSparkHome create(Path home, List<Path> classpath) throws IOException {
    Path jars = Files.createDirectories(home.resolve("jars"));
    List<Path> directories = new ArrayList<>();
    int index = 0;
    // The Scala of the class path's scala-library (Spark 3.5 comes for 2.12 and 2.13); 2.13 when none is seen.
    String scala = "2.13";
    for (Path entry : classpath) {
      Matcher library = SCALA_LIBRARY.matcher(entry.getFileName().toString());
      if (library.matches()) {
        scala = library.group(1);
      }
      if (Files.isDirectory(entry)) {
        directories.add(entry.toAbsolutePath());
      } else if (entry.getFileName().toString().endsWith(".jar")) {
        // Numbered: two artifacts may share a file name (same artifactId, different groups).
        Files.createSymbolicLink(jars.resolve(String.format("%03d-%s", index++, entry.getFileName())),
            entry.toAbsolutePath());
      }
    }
    return new FakeSparkHome(home, List.copyOf(directories), scala);
  }

  public Path path() {
    return home;
  }

  /** Where the Worker keeps each executor's stdout and stderr: {@code work/APP/EXECUTOR/stderr}. */
  public Path workDir() {
    return home.resolve("work");
  }

  /** The environment the driver JVM (and so the in-process Worker) needs. */
  public Map<String, String> environment() {
    return Map.of("SPARK_HOME", home.toString(), "SPARK_SCALA_VERSION", scalaVersion);
  }

  public String executorExtraClassPath() {
    return classDirectories.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
  }

  /** Every executor's stderr so far (Spark's log and ours), concatenated. */
  public String executorLogs() throws IOException {
    if (!Files.isDirectory(workDir())) {
      return "";
    }
    StringBuilder all = new StringBuilder();
    try (var files = Files.walk(workDir())) {
      for (Path log : files.filter(f -> f.getFileName().toString().equals("stderr")).sorted().toList()) {
        all.append("==> ").append(log).append('\n').append(Files.readString(log));
      }
    }
    return all.toString();
  }
}
