package io.lakefs.sts.yarn;

import java.io.IOException;
import java.time.Duration;
import java.util.Timer;
import java.util.TimerTask;
import org.apache.hadoop.yarn.server.resourcemanager.security.DelegationTokenRenewer;

/**
 * The RM's own token renewer, whose scheduled renewals come due after {@code interval} instead of at 90% of a
 * token's remaining life. The service cannot hand out credentials on a token with less than STS's 15 minutes to
 * live, so a token's life cannot be shortened enough for YARN's schedule to renew it during a test; this runs YARN's
 * renewal task (its {@code renewToken} as the RM's login, its failure handling and its rescheduling) early instead.
 */
final class PromptDelegationTokenRenewer extends DelegationTokenRenewer {
  private final Timer clock = new Timer("prompt-token-renewals", true);
  private final long intervalMillis;

  PromptDelegationTokenRenewer(Duration interval) {
    this.intervalMillis = interval.toMillis();
  }

  @Override
  protected void setTimerForTokenRenewal(DelegationTokenToRenew token) throws IOException {
    super.setTimerForTokenRenewal(token);
    TimerTask yarnsRenewal = token.timerTask;
    if (yarnsRenewal == null) {
      return;
    }
    clock.schedule(new TimerTask() {
      @Override
      public void run() {
        // Still YARN's current task for this token (not replaced by a renewal, not cancelled at the app's end).
        if (token.timerTask == yarnsRenewal && !token.isTimerCancelled()) {
          yarnsRenewal.run();
          yarnsRenewal.cancel();
        }
      }
    }, intervalMillis);
  }

  @Override
  protected void serviceStop() {
    clock.cancel();
    super.serviceStop();
  }
}
