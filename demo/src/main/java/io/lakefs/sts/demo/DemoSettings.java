package io.lakefs.sts.demo;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/** How a demo run is set up: where its logs go and how long STS credentials live. */
record DemoSettings(Path workDir, Duration stsLifetime) {
  static final Duration DEFAULT_STS_LIFETIME = Duration.ofSeconds(20);
  static final String USAGE = "Usage: demo/run [--work-dir DIR] [--sts-lifetime-seconds N]\n"
      + "Runs the whole lakeFS STS flow on loopback and prints a report; exits 1 if any step misbehaves.\n"
      + "  --work-dir DIR              where every process's log goes (default demo/target/run-<time>)\n"
      + "  --sts-lifetime-seconds N    how long local-aws's STS credentials live, so refreshes show (default "
      + DEFAULT_STS_LIFETIME.toSeconds() + ", at least 12)\n";

  DemoSettings {
    if (stsLifetime.toSeconds() < 12) {
      throw new IllegalArgumentException("--sts-lifetime-seconds must be at least 12 (the refresh margins are a"
          + " quarter and half of it), got " + stsLifetime.toSeconds());
    }
  }

  static DemoSettings parse(String... args) {
    Path workDir = Path.of("demo", "target", "run-" + LocalDateTime.now()
        .format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    Duration lifetime = DEFAULT_STS_LIFETIME;
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("unknown option or missing value: " + flag + "\n" + USAGE);
      }
      String value = args[++i];
      switch (flag) {
        case "--work-dir" -> workDir = Path.of(value);
        case "--sts-lifetime-seconds" -> {
          try {
            lifetime = Duration.ofSeconds(Long.parseLong(value));
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--sts-lifetime-seconds takes whole seconds, got " + value);
          }
        }
        default -> throw new IllegalArgumentException("unknown option " + flag + "\n" + USAGE);
      }
    }
    return new DemoSettings(workDir.toAbsolutePath(), lifetime);
  }
}
