package io.lakefs.sts.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the benchmarks (all, or those matching the regular expressions given as arguments) with JMH's GC
 * profiler and writes a Markdown table to {@code benchmarks/target/benchmark-results.md}: for every benchmark
 * its score, allocation per operation, and its cost per operation as a ratio to each baseline of its class
 * (methods named {@code baseline*}) measured in the same run. Ratios, not absolute numbers, are what compare
 * across machines.
 */
public final class RunBenchmarks {
  static final String GC_ALLOCATION = "gc.alloc.rate.norm";

  private RunBenchmarks() {
  }

  public static void main(String[] args) throws RunnerException, IOException {
    ChainedOptionsBuilder options = new OptionsBuilder()
        .forks(1)
        .warmupIterations(3).warmupTime(TimeValue.seconds(2))
        .measurementIterations(5).measurementTime(TimeValue.seconds(2))
        .addProfiler("gc")
        .jvmArgsAppend("-Xmx2g");
    if (args.length == 0) {
      options.include(RunBenchmarks.class.getPackageName() + ".*Benchmark");
    }
    for (String pattern : args) {
      options.include(pattern);
    }
    Collection<RunResult> results = new Runner(options.build()).run();
    Path report = Path.of(System.getProperty("benchmarks.report", "benchmarks/target/benchmark-results.md"));
    Files.createDirectories(report.toAbsolutePath().getParent());
    Files.writeString(report, markdown(results));
    System.out.println(Files.readString(report));
    System.out.println("written to " + report.toAbsolutePath());
  }

  /** One row per benchmark, grouped by class; ratios against every baseline of the same class. */
  static String markdown(Collection<RunResult> results) {
    Map<String, List<RunResult>> byClass = new TreeMap<>();
    for (RunResult result : results) {
      String name = result.getParams().getBenchmark();
      byClass.computeIfAbsent(name.substring(0, name.lastIndexOf('.')), k -> new ArrayList<>()).add(result);
    }
    StringBuilder out = new StringBuilder("# Benchmark results, ").append(Instant.now()).append("\n\n")
        .append("Java ").append(System.getProperty("java.version")).append(", ")
        .append(Runtime.getRuntime().availableProcessors()).append(" processors. Cost ratio = time per operation")
        .append(" divided by the baseline's, both from this run (below 1: cheaper than the baseline).\n");
    byClass.forEach((className, classResults) -> {
      List<RunResult> baselines = classResults.stream().filter(r -> method(r).startsWith("baseline")).toList();
      out.append("\n## ").append(className.substring(className.lastIndexOf('.') + 1)).append("\n\n")
          .append("| benchmark | score | allocated bytes/op |");
      baselines.forEach(b -> out.append(" cost ÷ ").append(method(b)).append(" |"));
      out.append("\n|---|---|---|").append("---|".repeat(baselines.size())).append('\n');
      for (RunResult result : classResults) {
        Result<?> primary = result.getPrimaryResult();
        Result<?> allocation = result.getSecondaryResults().get(GC_ALLOCATION);
        out.append("| ").append(method(result)).append(" | ")
            .append(String.format(Locale.ROOT, "%.1f ± %.1f %s", primary.getScore(), primary.getScoreError(),
                primary.getScoreUnit()))
            .append(" | ").append(allocation == null ? "n/a" : String.format(Locale.ROOT, "%.0f",
                allocation.getScore()))
            .append(" |");
        baselines.forEach(b -> out.append(String.format(Locale.ROOT, " %.2f |", costPerOp(result) / costPerOp(b))));
        out.append('\n');
      }
    });
    return out.toString();
  }

  private static String method(RunResult result) {
    String name = result.getParams().getBenchmark();
    return name.substring(name.lastIndexOf('.') + 1);
  }

  /** Time per operation in the result's own unit, whatever the mode, so ratios compare like with like. */
  private static double costPerOp(RunResult result) {
    double score = result.getPrimaryResult().getScore();
    return result.getParams().getMode() == Mode.Throughput ? 1.0 / score : score;
  }
}
