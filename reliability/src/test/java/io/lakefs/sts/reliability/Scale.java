package io.lakefs.sts.reliability;

import java.time.Duration;

/**
 * How much of each figure a run measures, read once from {@code -Dreliability.scale}: {@code ci} (the short
 * version {@code mvn verify} runs, a few minutes for all figures) or {@code full} ({@code reliability/run}).
 *
 * @param name {@code ci} or {@code full}
 * @param stsOutages R1: how many STS outages the running job lives through
 * @param r2Scopes R2: how many (user, scope) pairs the 1,000 clients ask for
 * @param r3Kills R3: how many times an instance is killed mid-job (each kill starts a replacement first)
 * @param fuzzedHttpInputs R5: fuzzed requests sent to the service over HTTP
 * @param fuzzedIdentifiers R5: fuzzed token identifiers decoded in-process as the YARN RM decodes them
 * @param compressedDay R7: how much of the day the compressed job lives through
 */
record Scale(String name, int stsOutages, int r2Scopes, int r3Kills, long fuzzedHttpInputs,
    long fuzzedIdentifiers, Duration compressedDay) {
  static final String PROPERTY = "reliability.scale";
  /** The most (user, scope) pairs any scale asks R2 for: the lakeFS stand-in knows this many users. */
  static final int MAX_R2_SCOPES = 16;

  static Scale current() {
    String name = System.getProperty(PROPERTY, "ci");
    return switch (name) {
      case "ci" -> new Scale(name, 1, 4, 1, 3_000, 200_000, Duration.ofHours(1));
      case "full" -> new Scale(name, 6, 16, 3, 300_000, 10_000_000, Duration.ofHours(24));
      default -> throw new IllegalArgumentException("-D" + PROPERTY + " must be ci or full, was '" + name + "'");
    };
  }
}
