package io.lakefs.sts.yarn;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Timer;
import java.util.TimerTask;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.security.Credentials;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.server.resourcemanager.security.DelegationTokenRenewer;

/**
 * The RM's own token renewer, whose scheduled renewals come due after {@code interval} instead of at 90% of a
 * token's remaining life. The service cannot hand out credentials on a token with less than STS's 15 minutes to
 * live, so a token's life cannot be shortened enough for YARN's schedule to renew it during a test; this runs YARN's
 * renewal task (its {@code renewToken} as the RM's login, its failure handling and its rescheduling) early instead.
 * It also keeps the tokens each application was submitted with, which YARN drops from the application's records
 * once it ends.
 */
final class PromptDelegationTokenRenewer extends DelegationTokenRenewer {
  private final Timer clock = new Timer("prompt-token-renewals", true);
  private final long intervalMillis;
  private final Map<ApplicationId, Credentials> submitted = new ConcurrentHashMap<>();

  PromptDelegationTokenRenewer(Duration interval) {
    this.intervalMillis = interval.toMillis();
  }

  @Override
  public void addApplicationAsync(ApplicationId applicationId, Credentials credentials, boolean shouldCancelAtEnd,
      String user, Configuration conf) {
    submitted.put(applicationId, new Credentials(credentials));
    super.addApplicationAsync(applicationId, credentials, shouldCancelAtEnd, user, conf);
  }

  /** The tokens {@code applicationId} was submitted with, as the RM received them. */
  Credentials submittedWith(ApplicationId applicationId) {
    Credentials credentials = submitted.get(applicationId);
    if (credentials == null) {
      throw new AssertionError("the RM received no application " + applicationId + "; it received "
          + submitted.keySet());
    }
    return credentials;
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
