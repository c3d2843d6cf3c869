package io.lakefs.sts.service.sts;

import java.time.Duration;

/** How the issuer waits between throttled attempts; tests record instead of waiting. */
@FunctionalInterface
interface Sleeper {
  Sleeper THREAD = duration -> Thread.sleep(duration.toMillis());

  void sleep(Duration duration) throws InterruptedException;
}
