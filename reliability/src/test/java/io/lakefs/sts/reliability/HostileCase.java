package io.lakefs.sts.reliability;

import io.lakefs.sts.testsupport.RawHttp;
import java.util.function.Predicate;

/**
 * One hostile input of the R4 corpus: its class (malformed, oversized, slow, forged, cross-user, method, ...),
 * a name saying what it sends, and how it is sent and judged. A case passes when the service answered as
 * {@link #expected} says, and never with a 5xx.
 */
record HostileCase(String kind, String name, Probe probe, String expected) {

  /** Sends the case to the target; returns what came back. */
  @FunctionalInterface
  interface Probe {
    Outcome run(CorpusTarget target) throws Exception;
  }

  /** What the service did: the worst status it answered (-1: no answer at all), and whether that was right. */
  record Outcome(int status, boolean asExpected, String observed) {
    static Outcome of(RawHttp.Answer response, Predicate<RawHttp.Answer> expectation) {
      return new Outcome(response.status(), expectation.test(response), response.toString());
    }
  }

  /** The corpus's rule for every case: no 5xx, and the case's own expectation. */
  boolean passed(Outcome outcome) {
    return outcome.status() < 500 && outcome.asExpected();
  }
}
