package io.lakefs.sts.localaws.sts;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.Test;

/** The fault knobs on their own: deterministic throttling and validated settings. */
public class StsFaultsTest {
  @Test
  public void throttlesExactlyTheShareAskedForInAFixedPattern() {
    StsFaults faults = new StsFaults();
    faults.setThrottleFraction(1.0 / 3);
    List<Integer> throttled = new ArrayList<>();
    for (int call = 1; call <= 9; call++) {
      if (faults.nextCallThrottled()) {
        throttled.add(call);
      }
    }
    assertEquals(List.of(3, 6, 9), throttled);
  }

  @Test
  public void fractionsZeroAndOneNeverAndAlwaysThrottle() {
    StsFaults faults = new StsFaults();
    for (int i = 0; i < 5; i++) {
      assertFalse(faults.nextCallThrottled());
    }
    faults.setThrottleFraction(1);
    for (int i = 0; i < 5; i++) {
      assertTrue(faults.nextCallThrottled());
    }
  }

  @Test
  public void changingTheFractionRestartsTheCount() {
    StsFaults faults = new StsFaults();
    faults.setThrottleFraction(0.5);
    assertFalse(faults.nextCallThrottled());
    faults.setThrottleFraction(0.25);
    assertFalse(faults.nextCallThrottled());
    assertFalse(faults.nextCallThrottled());
    assertFalse(faults.nextCallThrottled());
    assertTrue(faults.nextCallThrottled());
  }

  @Test
  public void refusesImpossibleSettingsAndKeepsTheOldOnes() {
    StsFaults faults = new StsFaults();
    faults.setDelay(Duration.ofMillis(5));
    assertThrows(IllegalArgumentException.class, () -> faults.setThrottleFraction(1.5));
    assertThrows(IllegalArgumentException.class, () -> faults.setThrottleFraction(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> faults.setDelay(Duration.ofMillis(-1)));
    assertThrows(IllegalArgumentException.class, () -> faults.setSessionLifetime(Duration.ZERO));
    assertEquals(Duration.ofMillis(5), faults.settings().delay());
    faults.setSessionLifetime(Duration.ofSeconds(30));
    assertEquals(Optional.of(Duration.ofSeconds(30)), faults.settings().sessionLifetime());
    faults.clearSessionLifetime();
    assertEquals(Optional.empty(), faults.settings().sessionLifetime());
    faults.reset();
    assertEquals(StsFaults.Settings.none(), faults.settings());
  }
}
