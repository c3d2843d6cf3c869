package io.lakefs.sts.localaws.sts;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * Fault knobs of the loopback STS, read on every call so a test can make STS slow, throttled, down or
 * region-disabled, or make issued credentials expire within seconds. Thread-safe; tests usually set them
 * over HTTP through {@code /_admin/faults} on the STS endpoint.
 */
public final class StsFaults {
  /**
   * One consistent set of knob values.
   *
   * @param delay added before each STS answer
   * @param throttleFraction the share of calls answered with Throttling, in [0, 1]
   * @param down every call answers 503 ServiceUnavailable
   * @param regionDisabled every authenticated call answers 403 RegionDisabledException
   * @param sessionLifetime when present, issued credentials expire after at most this long, whatever
   *     DurationSeconds asked for
   */
  public record Settings(Duration delay, double throttleFraction, boolean down, boolean regionDisabled,
      Optional<Duration> sessionLifetime) {

    public Settings {
      Objects.requireNonNull(delay, "delay");
      Objects.requireNonNull(sessionLifetime, "sessionLifetime");
      if (delay.isNegative()) {
        throw new IllegalArgumentException("delay must not be negative, was " + delay);
      }
      if (!(throttleFraction >= 0 && throttleFraction <= 1)) {
        throw new IllegalArgumentException("throttleFraction must be within [0, 1], was " + throttleFraction);
      }
      if (sessionLifetime.isPresent() && (sessionLifetime.get().isNegative() || sessionLifetime.get().isZero())) {
        throw new IllegalArgumentException("sessionLifetime must be positive, was " + sessionLifetime.get());
      }
    }

    /** No faults: STS answers promptly and issues credentials for the duration asked. */
    public static Settings none() {
      return new Settings(Duration.ZERO, 0, false, false, Optional.empty());
    }

    public Settings withDelay(Duration value) {
      return new Settings(value, throttleFraction, down, regionDisabled, sessionLifetime);
    }

    public Settings withThrottleFraction(double value) {
      return new Settings(delay, value, down, regionDisabled, sessionLifetime);
    }

    public Settings withDown(boolean value) {
      return new Settings(delay, throttleFraction, value, regionDisabled, sessionLifetime);
    }

    public Settings withRegionDisabled(boolean value) {
      return new Settings(delay, throttleFraction, down, value, sessionLifetime);
    }

    public Settings withSessionLifetime(Optional<Duration> value) {
      return new Settings(delay, throttleFraction, down, regionDisabled, value);
    }
  }

  private final AtomicReference<Settings> settings = new AtomicReference<>(Settings.none());
  private final Object throttleLock = new Object();
  private double throttleCredit;
  private double creditFraction;

  public Settings settings() {
    return settings.get();
  }

  /** Changes several knobs at once, so no call sees half of a change. */
  public void update(UnaryOperator<Settings> change) {
    settings.updateAndGet(current -> Objects.requireNonNull(change.apply(current), "updated settings"));
  }

  public void reset() {
    settings.set(Settings.none());
  }

  public void setDelay(Duration delay) {
    update(s -> s.withDelay(delay));
  }

  public void setThrottleFraction(double fraction) {
    update(s -> s.withThrottleFraction(fraction));
  }

  public void setDown(boolean down) {
    update(s -> s.withDown(down));
  }

  public void setRegionDisabled(boolean regionDisabled) {
    update(s -> s.withRegionDisabled(regionDisabled));
  }

  /** Issued credentials expire after at most this long, whatever DurationSeconds asks for. */
  public void setSessionLifetime(Duration lifetime) {
    update(s -> s.withSessionLifetime(Optional.of(lifetime)));
  }

  /** Issued credentials last as long as DurationSeconds asks again. */
  public void clearSessionLifetime() {
    update(s -> s.withSessionLifetime(Optional.empty()));
  }

  /**
   * Counts one STS call and says whether to throttle it. Deterministic rather than random, so tests can
   * rely on it: each call adds throttleFraction to a running credit and is throttled when the credit
   * reaches 1. A fraction of 0.25 throttles exactly every 4th call, 1 every call; changing the fraction
   * restarts the count.
   */
  public boolean nextCallThrottled() {
    double fraction = settings.get().throttleFraction();
    synchronized (throttleLock) {
      if (fraction != creditFraction) {
        creditFraction = fraction;
        throttleCredit = 0;
      }
      throttleCredit += fraction;
      // The tolerance keeps fractions such as 1/3 from drifting one call late through rounding.
      if (throttleCredit >= 1 - 1e-9) {
        throttleCredit -= 1;
        return true;
      }
      return false;
    }
  }
}
