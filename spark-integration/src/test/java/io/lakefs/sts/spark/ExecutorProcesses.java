package io.lakefs.sts.spark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the executors of a running local-cluster job were started with: each descendant JVM of the driver
 * process, its command line and environment as the kernel has them ({@code /proc/PID/cmdline}, {@code environ}).
 */
final class ExecutorProcesses {
  private final Map<Long, String> seen = new ConcurrentHashMap<>();

  /** Records every descendant not seen yet; call it repeatedly while the job runs. */
  void sample(ProcessHandle driver) {
    driver.descendants().filter(p -> p.info().command().map(c -> c.endsWith("java")).orElse(false))
        .forEach(p -> seen.computeIfAbsent(p.pid(), pid -> read(pid)));
  }

  /** PID → command line and environment (NUL-separated entries shown as newlines). */
  Map<Long, String> seen() {
    return Map.copyOf(seen);
  }

  private static String read(long pid) {
    try {
      Path proc = Path.of("/proc", Long.toString(pid));
      return "cmdline:\n" + new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8)
          .replace('\0', '\n') + "\nenviron:\n"
          + new String(Files.readAllBytes(proc.resolve("environ")), StandardCharsets.UTF_8).replace('\0', '\n');
    } catch (IOException e) {
      return "(could not read /proc/" + pid + ": " + e + ")";
    }
  }
}
