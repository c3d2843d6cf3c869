package io.lakefs.sts.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where each figure's measurement is written ({@code target/figures/Rn.md}, one table row, written whether it
 * passed or not) and the results file assembled from them ({@code target/reliability-results.md}).
 */
final class Figures {
  static final Path DIR = Path.of("target", "figures");
  static final Path RESULTS = Path.of("target", "reliability-results.md");

  private Figures() {
  }

  /** Records one figure: what was required, what was measured, and whether it held. */
  static void record(String id, String scenario, String required, String measured, boolean held) {
    String row = "| " + id + " | " + scenario + " | " + required + " | " + measured + " | "
        + (held ? "held" : "**FAILED**") + " |\n";
    try {
      Files.createDirectories(DIR);
      Files.writeString(DIR.resolve(id + ".md"), row);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the figure " + id, e);
    }
  }

  /** The results file: date, scale, reproducing command, and every figure this run recorded, in order. */
  static Path assemble(Scale scale) throws IOException {
    List<String> rows = new ArrayList<>();
    if (Files.isDirectory(DIR)) {
      try (Stream<Path> files = Files.list(DIR)) {
        files.sorted().forEach(f -> rows.add(read(f)));
      }
    }
    String command = scale.name().equals("full") ? "reliability/run" : "mvn -B -ntp verify (short version)";
    String text = "# Reliability figures\n\n"
        + "Measured " + LocalDate.now(ZoneOffset.UTC) + " (UTC), scale `" + scale.name() + "`, with `" + command
        + "`, on loopback (local-aws, lakeFS stand-in, credentials-service processes).\n\n"
        + "| figure | scenario | required | measured | result |\n|---|---|---|---|---|\n"
        + String.join("", rows);
    Files.writeString(RESULTS, text);
    return RESULTS;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
