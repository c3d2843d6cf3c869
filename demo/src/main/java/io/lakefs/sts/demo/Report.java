package io.lakefs.sts.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the demo showed, step by step: each step's outcome and the facts behind it (who, which STS session,
 * which scope, what S3 logged). Progress lines go out as steps run; {@link #summary()} is the closing report.
 */
final class Report {
  /** One step: a title, whether it behaved as the demo says it should, and what was seen. */
  record Step(String title, boolean passed, List<String> facts, Duration took) {
  }

  private final PrintStream out;
  private final Instant start = Instant.now();
  private final List<Step> steps = new ArrayList<>();

  Report(PrintStream out) {
    this.out = out;
  }

  void progress(String line) {
    out.printf("[%3ds] %s%n", Duration.between(start, Instant.now()).toSeconds(), line);
    out.flush();
  }

  void add(Step step) {
    steps.add(step);
    progress((step.passed() ? "PASS " : "FAIL ") + step.title());
  }

  List<Step> steps() {
    return List.copyOf(steps);
  }

  boolean allPassed() {
    return !steps.isEmpty() && steps.stream().allMatch(Step::passed);
  }

  String summary() {
    StringBuilder text = new StringBuilder("\n===== lakeFS STS delegation tokens: demo report =====\n");
    int number = 1;
    for (Step step : steps) {
      text.append(String.format("%n%d. [%s] %s (%ds)%n", number++, step.passed() ? "PASS" : "FAIL", step.title(),
          step.took().toSeconds()));
      step.facts().forEach(fact -> text.append("     ").append(fact.replace("\n", "\n       ")).append('\n'));
    }
    long failed = steps.stream().filter(s -> !s.passed()).count();
    text.append(String.format("%n%s: %d step(s), %d failed, %ds in all.%n",
        failed == 0 ? "DEMO PASSED" : "DEMO FAILED", steps.size(), failed,
        Duration.between(start, Instant.now()).toSeconds()));
    return text.toString();
  }
}
