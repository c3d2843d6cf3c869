package io.lakefs.sts.cli;

import java.time.Clock;
import java.util.List;

/** {@code bin/lakefs-sts}: the command's entry point. */
public final class LakeFSStsMain {
  private LakeFSStsMain() {
  }

  public static void main(String[] args) {
    // Before any logger exists: warnings to standard error, standard output for the answer alone.
    System.setProperty("log4j.configuration", "lakefs-sts-log4j.properties");
    int status = new LakeFSSts(CliEnvironment.current(), Clock.systemUTC(), System.out, System.err).run(List.of(args));
    System.out.flush();
    System.exit(status);
  }
}
