package io.lakefs.sts.testsupport.spark;

import io.lakefs.sts.testsupport.Classpath;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.spark.launcher.JavaModuleOptions;

/**
 * Runs {@code org.apache.spark.deploy.SparkSubmit}, Spark's real entry point, in a child JVM with
 * {@code --conf} options only, as {@code spark-submit} would: the driver gets the JVM options Spark's launcher
 * adds on Java 17, the fake SPARK_HOME's environment and loopback addresses.
 */
public final class SparkSubmitProcess implements AutoCloseable {
  private final Process process;
  private final Path output;

  private SparkSubmitProcess(Process process, Path output) {
    this.process = process;
    this.output = output;
  }

  public static Builder builder(FakeSparkHome home, Path output) {
    return new Builder(home, output);
  }

  public static final class Builder {
    private final FakeSparkHome home;
    private final Path output;
    private final Map<String, String> conf = new LinkedHashMap<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private String master = "local-cluster[2,1,1024]";
    private final List<String> jvmOptions = new ArrayList<>();
    private String classPath = Classpath.asString();
    private String mainClass;
    private Path applicationJar;
    private List<String> arguments = List.of();

    private Builder(FakeSparkHome home, Path output) {
      this.home = home;
      this.output = output;
    }

    public Builder master(String master) {
      this.master = master;
      return this;
    }

    public Builder conf(String key, String value) {
      conf.put(key, value);
      return this;
    }

    /** The driver JVM's class path instead of this JVM's, e.g. another Spark release's jars. */
    public Builder classPath(List<Path> entries) {
      this.classPath = entries.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
      return this;
    }

    /** A driver JVM option Spark's launcher does not add, e.g. {@code -Djava.security.krb5.conf=...}. */
    public Builder jvmOption(String option) {
      jvmOptions.add(option);
      return this;
    }

    public Builder environment(String name, String value) {
      environment.put(name, value);
      return this;
    }

    public Builder application(Path jar, String mainClass, String... arguments) {
      this.applicationJar = jar;
      this.mainClass = mainClass;
      this.arguments = List.of(arguments);
      return this;
    }

    public SparkSubmitProcess start() throws IOException {
      List<String> command = new ArrayList<>(List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx768m"));
      // The one-string form: Spark 3.5's launcher has no array form.
      command.addAll(List.of(JavaModuleOptions.defaultModuleOptions().trim().split("\\s+")));
      command.addAll(jvmOptions);
      command.addAll(List.of("-cp", classPath, "org.apache.spark.deploy.SparkSubmit",
          "--master", master, "--class", mainClass));
      Map<String, String> all = new LinkedHashMap<>();
      all.put("spark.driver.host", "127.0.0.1");
      all.put("spark.driver.bindAddress", "127.0.0.1");
      all.put("spark.ui.enabled", "false");
      all.put("spark.local.dir", home.path().resolve("local").toString());
      all.put("spark.executor.extraClassPath", home.executorExtraClassPath());
      all.putAll(conf);
      all.forEach((key, value) -> command.addAll(List.of("--conf", key + "=" + value)));
      command.add(applicationJar.toString());
      command.addAll(arguments);
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
      builder.environment().putAll(home.environment());
      // The in-process Master and Worker of local-cluster bind here too.
      builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
      builder.environment().putAll(environment);
      return new SparkSubmitProcess(builder.start(), output);
    }
  }

  /** Waits for the job to end and returns its exit status; kills it past {@code timeout}. */
  public int awaitExit(Duration timeout) throws IOException, InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      close();
      throw new AssertionError("spark-submit did not finish within " + timeout + "; its output:\n" + output());
    }
    return process.exitValue();
  }

  /** The driver's stdout and stderr so far. */
  public String output() throws IOException {
    return Files.readString(output);
  }

  public ProcessHandle handle() {
    return process.toHandle();
  }

  @Override
  public void close() throws InterruptedException {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    if (!process.waitFor(15, TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly().waitFor();
    }
  }
}
