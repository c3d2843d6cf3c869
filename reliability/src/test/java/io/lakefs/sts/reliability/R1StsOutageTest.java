package io.lakefs.sts.reliability;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.lakefs.sts.testsupport.CredentialsServiceProcess;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.Test;

/**
 * R1: STS unavailable for longer than a credential refresh but shorter than the credentials' remaining lifetime:
 * a running job's S3 requests fail 0 times. Credentials live 20 s and are fetched 15 s before they expire;
 * the service re-issues (asks STS) for every refresh; STS is down 12 s at a time, across each refresh.
 */
public class R1StsOutageTest {
  private static final Duration LIFETIME = Duration.ofSeconds(20);
  private static final Duration OUTAGE = Duration.ofSeconds(12);

  @Test
  public void runningJobLivesThroughStsOutagesWithoutAFailedS3Request() throws Exception {
    Scale scale = Scale.current();
    try (Stack stack = Stack.start("r1", Optional.of(LIFETIME), false)) {
      // A service-side margin of 17 s: cached credentials are stale 3 s after issue, so each client refresh
      // reaches STS rather than the service's cache.
      CredentialsServiceProcess service = stack.startService(0,
          Map.of("lakefs.sts.credentials.refresh-margin.seconds", "17"));
      long requests;
      List<String> failures;
      long credentials;
      try (Job job = Job.start(stack, List.of(service.endpoint()), Duration.ofSeconds(2), Duration.ofSeconds(15),
          "r1")) {
        for (int i = 0; i < scale.stsOutages(); i++) {
          Thread.sleep(3_000);
          stack.aws().setStsFaults(Map.of("down", "true"));
          Thread.sleep(OUTAGE.toMillis());
          stack.aws().setStsFaults(Map.of("down", "false"));
          Thread.sleep(LIFETIME.minus(OUTAGE).minusSeconds(3).toMillis());
        }
        Thread.sleep(2_000);
        requests = job.requests();
        failures = job.failures();
        credentials = job.credentialsUsed();
      }
      long refusedByDownSts = stack.stsCalls().stream()
          .filter(line -> line.contains("outcome=ServiceUnavailable")).count();
      boolean held = failures.isEmpty() && refusedByDownSts >= scale.stsOutages()
          && credentials >= scale.stsOutages() + 1;
      Figures.record("R1", "STS down " + OUTAGE.toSeconds() + " s (longer than a refresh, shorter than the "
          + LIFETIME.toSeconds() + " s credentials' remaining life), " + scale.stsOutages() + " outage(s), one"
          + " running S3A job", "0 failed S3 requests", failures.size() + " failed of " + requests + " S3 requests; "
          + refusedByDownSts + " STS calls refused while it was down; " + credentials
          + " credentials used in turn", held);
      assertEquals("failed S3 requests: " + failures, List.of(), failures);
      assertTrue("STS was never asked while down: the outage missed every refresh (" + refusedByDownSts + ")",
          refusedByDownSts >= scale.stsOutages());
      assertTrue("the job used " + credentials + " credentials: refreshes did not happen after the outage",
          credentials >= scale.stsOutages() + 1);
    }
  }
}
