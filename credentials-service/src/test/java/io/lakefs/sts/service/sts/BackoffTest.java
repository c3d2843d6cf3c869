package io.lakefs.sts.service.sts;

import static org.junit.Assert.assertEquals;

import java.time.Duration;
import org.junit.Test;

public class BackoffTest {
  private static final Duration BASE = Duration.ofMillis(200);
  private static final Duration MAX = Duration.ofSeconds(1);

  @Test
  public void ceilingDoublesFromTheBaseUpToTheMaximum() {
    Backoff backoff = new Backoff(BASE, MAX, () -> 0);
    assertEquals(Duration.ofMillis(200), backoff.ceiling(1));
    assertEquals(Duration.ofMillis(400), backoff.ceiling(2));
    assertEquals(Duration.ofMillis(800), backoff.ceiling(3));
    assertEquals(Duration.ofSeconds(1), backoff.ceiling(4));
    assertEquals(Duration.ofSeconds(1), backoff.ceiling(1000));
  }

  @Test
  public void delayIsAUniformShareOfTheCeiling() {
    assertEquals(Duration.ZERO, new Backoff(BASE, MAX, () -> 0).delayBeforeRetry(3));
    assertEquals(Duration.ofMillis(200), new Backoff(BASE, MAX, () -> 0.25).delayBeforeRetry(3));
    assertEquals(Duration.ofMillis(500), new Backoff(BASE, MAX, () -> 0.5).delayBeforeRetry(7));
  }

  @Test
  public void retryAfterIsTheNextCeiling() {
    Backoff backoff = new Backoff(BASE, MAX, () -> 0);
    assertEquals(Duration.ofMillis(400), backoff.retryAfter(1));
    assertEquals(1, StsFailures.wholeSeconds(backoff.retryAfter(1)));
    assertEquals(Duration.ofSeconds(1), backoff.retryAfter(4));
  }
}
