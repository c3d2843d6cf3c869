package io.lakefs.sts.reliability;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.lakefs.sts.testsupport.CredentialsServiceProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.Test;

/**
 * R7: a day-long job, compressed. STS credentials that would live 15 minutes live {@link #LIFETIME} (local-aws's
 * session lifetime); the job writes and reads throughout, the RM renews its token every compressed half hour, and
 * the service (ZooKeeper token store) is restarted on its port halfway: 0 authentication failures, no renewal
 * refused, every object written is there at the end.
 *
 * <p>The service's own clock is not scaled: it refuses credentials on a token with less than STS's 15-minute
 * minimum left, so its renew interval stays 20 real minutes, and each compressed-hour renewal extends it.
 */
public class R7DayLongJobTest {
  private static final Duration LIFETIME = Duration.ofSeconds(12);
  /** Compressed lifetimes (of 15 minutes each) between the RM's renewals. */
  private static final int RENEW_EVERY = 2;

  @Test
  public void compressedDayWithRenewalsAndARestartHasNoAuthenticationFailure() throws Exception {
    Scale scale = Scale.current();
    long periods = scale.compressedDay().dividedBy(Duration.ofMinutes(15));
    Map<String, String> serviceConf = Map.of("lakefs.sts.credentials.refresh-margin.seconds", "6",
        "lakefs.sts.token.renew-interval.seconds", "1200");
    try (Stack stack = Stack.start("r7", Optional.of(LIFETIME), true)) {
      int port = Stack.freePort();
      CredentialsServiceProcess service = stack.startService(port, serviceConf);
      List<String> renewalFailures = new ArrayList<>();
      int renewals = 0;
      long requests;
      List<String> failures;
      long credentials;
      long written;
      long listed;
      try (Job job = Job.start(stack, List.of(service.endpoint()), Duration.ofSeconds(1), Duration.ofSeconds(9),
          "r7")) {
        for (long period = 1; period <= periods; period++) {
          Thread.sleep(LIFETIME.toMillis());
          if (period == periods / 2) {
            service.close();
            service = stack.startService(port, serviceConf);
          }
          if (period % RENEW_EVERY == 0) {
            try {
              job.renewAsRm();
              renewals++;
            } catch (Exception e) {
              renewalFailures.add("after " + period * 15 + " compressed minutes: " + e);
            }
          }
        }
        requests = job.requests();
        failures = job.failures();
        credentials = job.credentialsUsed();
        job.close();
        written = job.written();
        listed = job.listed();
      }
      boolean held = failures.isEmpty() && renewalFailures.isEmpty() && written == listed
          && credentials >= periods * 3 / 4;
      Figures.record("R7", scale.compressedDay().toHours() + " h of 15-minute credentials compressed into "
          + LIFETIME.multipliedBy(periods).toSeconds() + " s (15 min = " + LIFETIME.toSeconds() + " s): RM renewal"
          + " every compressed half hour, service restarted halfway", "0 authentication failures, nothing lost",
          failures.size() + " failed of " + requests + " S3 requests; " + renewalFailures.size() + " of "
          + (renewals + renewalFailures.size()) + " renewals refused; " + credentials + " credentials used for " + periods + " lifetimes; " + listed
          + " of " + written + " objects written found after", held);
      assertEquals("failed S3 requests: " + failures, List.of(), failures);
      assertEquals("refused renewals", List.of(), renewalFailures);
      assertEquals("objects written and found", written, listed);
      assertTrue(credentials + " credentials for " + periods + " lifetimes", credentials >= periods * 3 / 4);
    }
  }
}
