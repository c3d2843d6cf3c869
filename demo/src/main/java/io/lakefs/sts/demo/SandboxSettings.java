package io.lakefs.sts.demo;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/** How the sandbox is set up: where its files go, the lakefs-sts launcher its commands name, STS's lifetime. */
record SandboxSettings(Path workDir, Path lakeFSSts, Optional<Duration> stsLifetime) {
  static final String USAGE = "Usage: demo/sandbox [--work-dir DIR] [--lakefs-sts PATH] [--sts-lifetime-seconds N]\n"
      + "Starts local-aws (STS + S3), a lakeFS stand-in and the credentials service on loopback, prints their\n"
      + "endpoints, the users' keys and commands to paste, and stays up until Ctrl-C or SIGTERM, then stops them all.\n"
      + "  --work-dir DIR              logs, the AWS profile file and Spark options (default demo/target/sandbox-<time>)\n"
      + "  --lakefs-sts PATH           the lakefs-sts launcher the printed commands use\n"
      + "                              (default cli/src/main/bin/lakefs-sts)\n"
      + "  --sts-lifetime-seconds N    cut STS credentials' lifetime to N seconds, to watch refreshes (default: as asked)\n";

  static SandboxSettings parse(String... args) {
    Path workDir = Path.of("demo", "target", "sandbox-" + LocalDateTime.now()
        .format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    Path lakeFSSts = Path.of("cli", "src", "main", "bin", "lakefs-sts");
    Optional<Duration> lifetime = Optional.empty();
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("unknown option or missing value: " + flag + "\n" + USAGE);
      }
      String value = args[++i];
      switch (flag) {
        case "--work-dir" -> workDir = Path.of(value);
        case "--lakefs-sts" -> lakeFSSts = Path.of(value);
        case "--sts-lifetime-seconds" -> {
          try {
            lifetime = Optional.of(Duration.ofSeconds(Long.parseLong(value)));
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--sts-lifetime-seconds takes whole seconds, got " + value);
          }
        }
        default -> throw new IllegalArgumentException("unknown option " + flag + "\n" + USAGE);
      }
    }
    return new SandboxSettings(workDir.toAbsolutePath(), lakeFSSts.toAbsolutePath(), lifetime);
  }
}
